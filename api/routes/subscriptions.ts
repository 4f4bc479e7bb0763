import { Router } from 'express';
import { z } from 'zod';
import { pgText } from '../../contracts/schemas/pg-safe';
import { assertTargetAllowed, systemResolver, TargetRefused } from '../../lib/outbound/target';
import { organizationOf } from '../context';
import type { ApiDeps } from '../deps';
import { HttpError } from '../errors';
import { parseOr400 } from '../middleware/validate';
import {
  deleteSubscription,
  getSubscription,
  listSubscriptions,
  upsertSubscription,
} from '../services/subscriptions';

// pgText first: URL parsing ignores leading/trailing control characters (a NUL), but they would be stored.
const httpUrl = pgText(2000)
  .pipe(z.url('must be an http(s) URL'))
  .refine((u) => /^https?:\/\//i.test(u), 'must be an http(s) URL');

export const bodySchema = z.strictObject({
  targetUrl: httpUrl,
  eventTypes: z.array(pgText(200).trim().min(1)).max(100).default([]),
  campaignIds: z.array(z.uuid('must be a campaign id (UUID)')).max(1000).default([]),
});
// Keyset cursor `<created_at in µs>_<id>` as returned in nextCursor.
const cursor = z
  .string()
  .max(60)
  .transform((v, ctx) => {
    const [createdUs = '', id = '', extra] = v.split('_');
    if (extra === undefined && /^\d{1,16}$/.test(createdUs) && z.uuid().safeParse(id).success) {
      return { createdUs, id };
    }
    ctx.addIssue({ code: 'custom', message: 'must be a nextCursor from an earlier page' });
    return z.NEVER;
  });
export const listQuery = z.object({
  targetUrl: httpUrl.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: cursor.optional(),
});
export const idParams = z.object({ id: z.uuid('id must be a UUID') });

/**
 * Subscriptions to the normalized engagement stream (the n8n trigger's REST hooks):
 * POST /subscriptions (201 new / 200 existing, with a NEW secret; 400 for a target that is not a public
 * http(s) address unless SUBSCRIPTION_ALLOW_PRIVATE_TARGETS allows it; 409 beyond SUBSCRIPTION_LIMIT),
 * GET /subscriptions?targetUrl=&limit=&cursor= (a page + nextCursor), GET /subscriptions/:id (404 when gone),
 * DELETE /subscriptions/:id (204). Secrets are shown only by POST. Each organization sees only its own
 * subscriptions (another's id is a 404).
 */
export function subscriptionRoutes({ prisma, env, resolveHost }: ApiDeps): Router {
  const router = Router();
  router.post('/subscriptions', async (req, res) => {
    const body = parseOr400(bodySchema, req.body ?? {});
    await checkTarget(body.targetUrl, env.SUBSCRIPTION_ALLOW_PRIVATE_TARGETS, resolveHost ?? systemResolver);
    const { created, subscription } = await upsertSubscription(prisma, organizationOf(res), body, {
      limit: env.SUBSCRIPTION_LIMIT,
      encryptionKey: env.SETTINGS_ENCRYPTION_KEY,
    });
    res
      .status(created ? 201 : 200)
      .location(`/api/subscriptions/${subscription.id}`)
      .json(subscription);
  });
  router.get('/subscriptions', async (req, res) => {
    res.json(await listSubscriptions(prisma, organizationOf(res), parseOr400(listQuery, req.query, 'query')));
  });
  router.get('/subscriptions/:id', async (req, res) => {
    const { id } = parseOr400(idParams, req.params, 'params');
    res.json(await getSubscription(prisma, organizationOf(res), id));
  });
  router.delete('/subscriptions/:id', async (req, res) => {
    const { id } = parseOr400(idParams, req.params, 'params');
    await deleteSubscription(prisma, organizationOf(res), id);
    res.status(204).end();
  });
  return router;
}

/** 400 naming body.targetUrl when the target may not be called (checked again at every delivery). */
async function checkTarget(...args: Parameters<typeof assertTargetAllowed>): Promise<void> {
  try {
    await assertTargetAllowed(...args);
  } catch (err) {
    if (!(err instanceof TargetRefused)) throw err;
    const details = [{ path: 'body.targetUrl', message: err.message }];
    throw new HttpError(400, 'validation_failed', `invalid body: body.targetUrl ${err.message}`, details);
  }
}
