import express, { Router, type RequestHandler } from 'express';
import { instantlyWebhookSchema } from '../../contracts/schemas/instantly-webhook';
import { ingestEvents, type IngestInput, type IngestedEvent } from '../../lib/engagement/ingest';
import { WEBHOOK_SECRET_HEADER } from '../../lib/engagement/webhook-registration';
import type { ApiDeps } from '../deps';
import { HttpError } from '../errors';
import { safeEqual } from '../middleware/auth';
import { parseOr400 } from '../middleware/validate';
import { groupCommit } from '../services/group-commit';
import { createSignalBatcher } from '../services/signal-batcher';

/** 401 unless `x-webhook-secret` equals WEBHOOK_SECRET (constant time); runs before the body is read. */
function requireWebhookSecret(secret: string): RequestHandler {
  return (req, _res, next) => {
    const presented = req.get(WEBHOOK_SECRET_HEADER) ?? '';
    if (!presented || !safeEqual(presented, secret)) {
      next(new HttpError(401, 'unauthorized', `missing or invalid ${WEBHOOK_SECRET_HEADER}`));
      return;
    }
    next();
  };
}

/**
 * POST /api/webhooks/instantly — Instantly's deliveries (outside the bearer-token router: Instantly can only
 * send the custom header we registered). Order: secret (401) → body within WEBHOOK_BODY_LIMIT (413) → JSON
 * object with event_type and timestamp (400 naming the field) → durable, idempotent insert → signalWithStart
 * of the campaign's engagement workflow with the row id only (group-committed per campaign, see
 * createSignalBatcher). 2xx only after both succeeded; a failed hand-off answers 503 so Instantly retries
 * (the insert is idempotent). Events of unknown campaigns are stored (unmatched), not signalled; events
 * already applied are acknowledged without a signal.
 */
export function webhookIntakeRoutes({ prisma, temporal, env, logger }: ApiDeps): Router {
  const router = Router();
  const signals = createSignalBatcher(temporal, env.TEMPORAL_TASK_QUEUE);
  // Concurrent deliveries are inserted together: one statement (and round trip) per batch, not per event.
  const inserts = groupCommit<IngestInput, IngestedEvent>((items) => ingestEvents(prisma, items));
  router.post(
    '/api/webhooks/instantly',
    requireWebhookSecret(env.WEBHOOK_SECRET),
    // Instantly's Content-Type is UNCONFIRMED: parse every body as JSON.
    express.json({ limit: env.WEBHOOK_BODY_LIMIT, type: () => true }),
    async (req, res) => {
      const raw: unknown = req.body;
      if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
        throw new HttpError(400, 'validation_failed', 'body must be a JSON object', [
          { path: 'body', message: 'expected an object' },
        ]);
      }
      const parsed = parseOr400(instantlyWebhookSchema, raw);
      const event = await inserts.run({ raw: raw as Record<string, unknown>, parsed, source: 'webhook' });
      const instantlyCampaignId = parsed.campaign_id;
      if (event.exportId && instantlyCampaignId && !event.applied) {
        const start = {
          instantlyCampaignId,
          exportId: event.exportId,
          pollIntervalMs: env.ENGAGEMENT_POLL_INTERVAL,
        };
        try {
          await signals.add(start, event.id);
        } catch (err) {
          logger.warn({ eventId: event.id, err: (err as Error).message }, 'engagement hand-off failed');
          throw new HttpError(503, 'handoff_failed', 'event stored but not handed off; retry the delivery');
        }
      }
      res
        .status(200)
        .json({ ok: true, id: event.id, duplicate: event.duplicate, matched: event.exportId !== null });
    },
  );
  return router;
}
