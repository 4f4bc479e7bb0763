import { Router } from 'express';
import { z } from 'zod';
import { DEFAULT_ORGANIZATION_ID } from '../../contracts/organization';
import { campaignDailyTrend } from '../../db/analytics-daily';
import type { ApiDeps } from '../deps';
import { notFound } from '../errors';
import { parseOr400 } from '../middleware/validate';

export const params = z.object({ campaignId: z.uuid('campaignId must be a UUID') });
export const query = z.object({ days: z.coerce.number().int().min(1).max(366).default(30) }).strict();

/**
 * GET /campaigns/:campaignId/analytics/daily?days=1..366 (default 30): events per UTC day and stage (sent,
 * opened, clicked, replied, bounced, unsubscribed) — event counts, not unique leads — for the dashboard's trend.
 */
export function analyticsDailyRoutes({ prisma }: ApiDeps): Router {
  const router = Router();
  router.get('/campaigns/:campaignId/analytics/daily', async (req, res) => {
    const { campaignId } = parseOr400(params, req.params, 'params');
    const { days } = parseOr400(query, req.query, 'query');
    const organizationId = (res.locals.organizationId as string | undefined) ?? DEFAULT_ORGANIZATION_ID;
    const points = await campaignDailyTrend(prisma, organizationId, campaignId, days);
    if (!points) throw notFound(`campaign ${campaignId}`);
    res.json({ campaignId, timezone: 'UTC', days: points });
  });
  return router;
}
