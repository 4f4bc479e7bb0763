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
import { waitAtMost } from '../services/wait-at-most';

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
 * createSignalBatcher). 2xx once the insert is durable and the signal succeeded — or is still being retried
 * after WEBHOOK_HANDOFF_WAIT (a closing workflow refuses signals for seconds; each sync applies stored events
 * that were never handed off); a hand-off that fails in time answers 503 so Instantly retries (the insert is
 * idempotent). Events of unknown campaigns are stored (unmatched), not signalled; events
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
      let handoff: 'done' | 'pending' | 'none' = 'none'; // none: unmatched, or applied already
      if (event.exportId && instantlyCampaignId && !event.applied) {
        const start = {
          instantlyCampaignId,
          exportId: event.exportId,
          pollIntervalMs: env.ENGAGEMENT_POLL_INTERVAL,
        };
        // The row is durable already; the signal is waited for at most WEBHOOK_HANDOFF_WAIT. A workflow that is
        // closing (continue-as-new in flight) refuses signals for seconds; the hand-off then finishes in the
        // background, and each sync applies stored-but-unapplied events should it still fail.
        try {
          handoff = await waitAtMost(signals.add(start, event.id), env.WEBHOOK_HANDOFF_WAIT, (err) =>
            logger.warn(
              { eventId: event.id, err: (err as Error).message },
              'late engagement hand-off failed; the next sync applies the stored event',
            ),
          );
        } catch (err) {
          logger.warn({ eventId: event.id, err: (err as Error).message }, 'engagement hand-off failed');
          throw new HttpError(503, 'handoff_failed', 'event stored but not handed off; retry the delivery');
        }
        if (handoff === 'pending') logger.info({ eventId: event.id }, 'engagement hand-off still running');
      }
      res.status(200).json({
        ok: true,
        id: event.id,
        duplicate: event.duplicate,
        matched: event.exportId !== null,
        handoff,
      });
    },
  );
  return router;
}
