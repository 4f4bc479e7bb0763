import { Router } from 'express';
import { z } from 'zod';
import { syncNowSignal } from '../../contracts/engagement';
import { pgInt8String, pgText } from '../../contracts/schemas/pg-safe';
import { campaignEngagementWorkflow } from '../../workflows/engagement';
import { engagementInput, engagementStartOptions } from '../../workflows/starts';
import { organizationOf } from '../context';
import type { ApiDeps } from '../deps';
import { parseOr400 } from '../middleware/validate';
import { campaignEvents, campaignReplies } from '../services/engagement-events';
import { campaignAnalytics, exportsOf } from '../services/engagement-read';
import { deletePersonalData } from '../services/personal-data';

const campaignParams = z.object({ campaignId: z.uuid('campaignId must be a UUID') });
export const businessParams = z.object({ id: z.uuid('id must be a UUID') });
const limit = z.coerce.number().int().min(1).max(500).default(50);
// An event id: a bigint, so 9223372036854775808 is a 400, not a PostgreSQL cast error.
const cursor = pgInt8String().optional();
export const eventsQuery = z.object({
  type: pgText(200).trim().min(1).optional(),
  lead: pgText(320).trim().min(1).optional(),
  limit,
  cursor,
  order: z.enum(['asc', 'desc']).default('desc'),
});
export const repliesQuery = z.object({ limit, cursor });

/**
 * Engagement read API (our database only) plus the two writes that belong to it:
 * GET /campaigns/:campaignId/analytics | /events | /replies, POST /campaigns/:campaignId/sync (202, signals
 * syncNow to every engagement workflow of the campaign's exports, starting finished ones again) and
 * DELETE /businesses/:id/personal-data. 400 names bad fields; 404 for unknown campaigns/businesses and for
 * those of another organization (the same answer).
 */
export function engagementRoutes({ prisma, temporal, env }: ApiDeps): Router {
  const router = Router();
  router.get('/campaigns/:campaignId/analytics', async (req, res) => {
    const { campaignId } = parseOr400(campaignParams, req.params, 'params');
    res.json(await campaignAnalytics(prisma, organizationOf(res), campaignId));
  });
  router.get('/campaigns/:campaignId/events', async (req, res) => {
    const { campaignId } = parseOr400(campaignParams, req.params, 'params');
    res.json(
      await campaignEvents(
        prisma,
        organizationOf(res),
        campaignId,
        parseOr400(eventsQuery, req.query, 'query'),
      ),
    );
  });
  router.get('/campaigns/:campaignId/replies', async (req, res) => {
    const { campaignId } = parseOr400(campaignParams, req.params, 'params');
    res.json(
      await campaignReplies(
        prisma,
        organizationOf(res),
        campaignId,
        parseOr400(repliesQuery, req.query, 'query'),
      ),
    );
  });
  router.post('/campaigns/:campaignId/sync', async (req, res) => {
    const { campaignId } = parseOr400(campaignParams, req.params, 'params');
    const exports = (await exportsOf(prisma, organizationOf(res), campaignId)).filter(
      (e) => e.instantlyCampaignId,
    );
    for (const e of exports) {
      const instantlyCampaignId = e.instantlyCampaignId!;
      const input = engagementInput({ instantlyCampaignId, exportId: e.id }, env.ENGAGEMENT_POLL_INTERVAL);
      await temporal.workflow.signalWithStart(campaignEngagementWorkflow, {
        ...engagementStartOptions(input, env.TEMPORAL_TASK_QUEUE),
        signal: syncNowSignal,
        signalArgs: [{}],
      });
    }
    res.status(202).json({ campaignId, signalled: exports.length });
  });
  router.delete('/businesses/:id/personal-data', async (req, res) => {
    const { id } = parseOr400(businessParams, req.params, 'params');
    res.json(await deletePersonalData(prisma, organizationOf(res), id));
  });
  return router;
}
