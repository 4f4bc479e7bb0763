import { Router } from 'express';
import { z } from 'zod';
import { DEFAULT_ORGANIZATION_ID } from '../../contracts/organization';
import type { ApiDeps } from '../deps';
import { parseOr400 } from '../middleware/validate';
import {
  deleteSubscription,
  getSubscription,
  listSubscriptions,
  upsertSubscription,
} from '../services/subscriptions';

const httpUrl = z
  .url('must be an http(s) URL')
  .refine((u) => /^https?:\/\//i.test(u), 'must be an http(s) URL')
  .max(2000);

const bodySchema = z.strictObject({
  targetUrl: httpUrl,
  eventTypes: z.array(z.string().trim().min(1).max(200)).max(100).default([]),
  campaignIds: z.array(z.uuid('must be a campaign id (UUID)')).max(1000).default([]),
});
const listQuery = z.object({ targetUrl: httpUrl.optional() });
const idParams = z.object({ id: z.uuid('id must be a UUID') });

/**
 * Subscriptions to the normalized engagement stream (the n8n trigger's REST hooks):
 * POST /subscriptions (201 new / 200 existing, with a NEW secret), GET /subscriptions?targetUrl=,
 * GET /subscriptions/:id (404 when gone), DELETE /subscriptions/:id (204). Secrets are shown only by POST.
 */
export function subscriptionRoutes({ prisma }: ApiDeps): Router {
  const router = Router();
  const org = DEFAULT_ORGANIZATION_ID;
  router.post('/subscriptions', async (req, res) => {
    const body = parseOr400(bodySchema, req.body ?? {});
    const { created, subscription } = await upsertSubscription(prisma, org, body);
    res
      .status(created ? 201 : 200)
      .location(`/api/subscriptions/${subscription.id}`)
      .json(subscription);
  });
  router.get('/subscriptions', async (req, res) => {
    const { targetUrl } = parseOr400(listQuery, req.query, 'query');
    res.json(await listSubscriptions(prisma, org, targetUrl));
  });
  router.get('/subscriptions/:id', async (req, res) => {
    const { id } = parseOr400(idParams, req.params, 'params');
    res.json(await getSubscription(prisma, org, id));
  });
  router.delete('/subscriptions/:id', async (req, res) => {
    const { id } = parseOr400(idParams, req.params, 'params');
    await deleteSubscription(prisma, org, id);
    res.status(204).end();
  });
  return router;
}
