import { Router } from 'express';
import { z } from 'zod';
import { syncNowSignal } from '../../contracts/engagement';
import { engagementWorkflowId } from '../../contracts/workflow-ids';
import type { campaignEngagementWorkflow } from '../../workflows/engagement';
import type { ApiDeps } from '../deps';
import { parseOr400 } from '../middleware/validate';
import { campaignEvents, campaignReplies } from '../services/engagement-events';
import { campaignAnalytics, exportsOf } from '../services/engagement-read';
import { deletePersonalData } from '../services/personal-data';

const campaignParams = z.object({ campaignId: z.uuid('campaignId must be a UUID') });
const businessParams = z.object({ id: z.uuid('id must be a UUID') });
const limit = z.coerce.number().int().min(1).max(500).default(50);
const cursor = z
  .string()
  .regex(/^\d{1,19}$/, 'cursor must be an event id')
  .optional();
const eventsQuery = z.object({
  type: z.string().trim().min(1).max(200).optional(),
  lead: z.string().trim().min(1).max(320).optional(),
  limit,
  cursor,
  order: z.enum(['asc', 'desc']).default('desc'),
});
const repliesQuery = z.object({ limit, cursor });

/**
 * Engagement read API (our database only) plus the two writes that belong to it:
 * GET /campaigns/:campaignId/analytics | /events | /replies, POST /campaigns/:campaignId/sync (202, signals
 * syncNow to every engagement workflow of the campaign's exports, starting finished ones again) and
 * DELETE /businesses/:id/personal-data. 400 names bad fields; 404 for unknown campaigns/businesses.
 */
export function engagementRoutes({ prisma, temporal, env }: ApiDeps): Router {
  const router = Router();
  router.get('/campaigns/:campaignId/analytics', async (req, res) => {
    const { campaignId } = parseOr400(campaignParams, req.params, 'params');
    res.json(await campaignAnalytics(prisma, campaignId));
  });
  router.get('/campaigns/:campaignId/events', async (req, res) => {
    const { campaignId } = parseOr400(campaignParams, req.params, 'params');
    res.json(await campaignEvents(prisma, campaignId, parseOr400(eventsQuery, req.query, 'query')));
  });
  router.get('/campaigns/:campaignId/replies', async (req, res) => {
    const { campaignId } = parseOr400(campaignParams, req.params, 'params');
    res.json(await campaignReplies(prisma, campaignId, parseOr400(repliesQuery, req.query, 'query')));
  });
  router.post('/campaigns/:campaignId/sync', async (req, res) => {
    const { campaignId } = parseOr400(campaignParams, req.params, 'params');
    const exports = (await exportsOf(prisma, campaignId)).filter((e) => e.instantlyCampaignId);
    for (const e of exports) {
      const instantlyCampaignId = e.instantlyCampaignId!;
      await temporal.workflow.signalWithStart<typeof campaignEngagementWorkflow, [Record<string, never>?]>(
        'campaignEngagementWorkflow',
        {
          workflowId: engagementWorkflowId(instantlyCampaignId),
          taskQueue: env.TEMPORAL_TASK_QUEUE,
          signal: syncNowSignal,
          signalArgs: [{}],
          args: [{ instantlyCampaignId, exportId: e.id, pollIntervalMs: env.ENGAGEMENT_POLL_INTERVAL }],
        },
      );
    }
    res.status(202).json({ campaignId, signalled: exports.length });
  });
  router.delete('/businesses/:id/personal-data', async (req, res) => {
    const { id } = parseOr400(businessParams, req.params, 'params');
    res.json(await deletePersonalData(prisma, id));
  });
  return router;
}
