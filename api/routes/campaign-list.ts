import { Router } from 'express';
import { z } from 'zod';
import { DEFAULT_ORGANIZATION_ID } from '../../contracts/organization';
import { pgText } from '../../contracts/schemas/pg-safe';
import { listCampaigns, type CampaignCursor } from '../../db/campaign-list';
import type { ApiDeps } from '../deps';
import { parseOr400 } from '../middleware/validate';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The opaque cursor: base64url of `<createdAt ISO>|<uuid>` of the last item of the previous page. */
export const encodeCampaignCursor = (c: CampaignCursor): string =>
  Buffer.from(`${c.createdAt.toISOString()}|${c.id}`, 'utf8').toString('base64url');

const cursor = z
  .string()
  .max(200)
  .regex(/^[A-Za-z0-9_-]+$/, 'not a cursor from this API')
  .transform((value, ctx): CampaignCursor => {
    const [at = '', id = '', ...rest] = Buffer.from(value, 'base64url').toString('utf8').split('|');
    const createdAt = new Date(at);
    if (
      rest.length ||
      !UUID.test(id) ||
      Number.isNaN(createdAt.getTime()) ||
      createdAt.toISOString() !== at
    ) {
      ctx.addIssue({ code: 'custom', message: 'not a cursor from this API' });
      return z.NEVER;
    }
    return { createdAt, id };
  });

const listQuery = z
  .object({
    limit: z.coerce.number().int().min(1).max(200).default(50),
    cursor: cursor.optional(),
    q: pgText(200).trim().min(1).optional(),
  })
  .strict();

/**
 * GET /campaigns: the caller's organization's campaigns, newest first, with business and e-mail counts and the
 * last export (`?limit=1..200&cursor=&q=<name substring>` → `{ items, nextCursor }`). The dashboard's list.
 */
export function campaignListRoutes({ prisma }: ApiDeps): Router {
  const router = Router();
  router.get('/campaigns', async (req, res) => {
    const q = parseOr400(listQuery, req.query, 'query');
    const organizationId = (res.locals.organizationId as string | undefined) ?? DEFAULT_ORGANIZATION_ID;
    const page = await listCampaigns(prisma, organizationId, q);
    res.json({ items: page.items, nextCursor: page.next ? encodeCampaignCursor(page.next) : null });
  });
  return router;
}
