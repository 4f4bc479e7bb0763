import express, { Router, type RequestHandler } from 'express';
import { parseWebhookPayload } from '../../contracts/schemas/instantly-webhook';
import { DEFAULT_ORGANIZATION_ID } from '../../contracts/organization';
import { ingestEvents, type IngestInput, type IngestedEvent } from '../../db/events';
import { WEBHOOK_SECRET_HEADER } from '../../lib/engagement/webhook-registration';
import { createWebhookSecretResolver } from '../../lib/engagement/webhook-intake-secrets';
import { whichSecret } from '../../lib/engagement/webhook-secrets';
import type { Logger } from '../../lib/logger';
import { engagementInput } from '../../workflows/starts';
import { recordWebhookStored } from '../../lib/metrics/hooks';
import type { ApiDeps } from '../deps';
import { HttpError } from '../errors';
import { validationFailed } from '../middleware/validate';
import { groupCommit } from '../services/group-commit';
import { createSignalBatcher } from '../services/signal-batcher';
import { waitAtMost } from '../services/wait-at-most';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** One answer for an unknown organization, a missing and a wrong secret: the URL is no existence oracle. */
const unauthorized = () => new HttpError(401, 'unauthorized', `missing or invalid ${WEBHOOK_SECRET_HEADER}`);

/**
 * 401 unless `x-webhook-secret` is the receiving organization's current secret or, during a rotation's grace
 * period, its previous one (both compared in constant time, always both); runs before the body is read. The
 * organization is the path's (`/api/webhooks/instantly/:organizationId`) or the default one (the path without
 * it, secrets WEBHOOK_SECRET / WEBHOOK_SECRET_PREVIOUS). A delivery with the previous secret is logged
 * (without the secret) so the operator sees when Instantly has switched to the new one.
 */
function requireWebhookSecret(deps: ApiDeps, logger: Logger): RequestHandler {
  const secretsOf = createWebhookSecretResolver(deps.prisma, deps.env);
  let previousUses = 0;
  return (req, res, next) => {
    const raw = req.params.organizationId;
    const param = typeof raw === 'string' ? raw : undefined;
    const organizationId = param === undefined ? DEFAULT_ORGANIZATION_ID : param.toLowerCase();
    const presented = req.get(WEBHOOK_SECRET_HEADER) ?? '';
    const known = param === undefined || UUID.test(organizationId);
    (known ? secretsOf(organizationId) : Promise.resolve(null)).then(
      (secrets) => {
        const which = whichSecret(presented, secrets);
        if (which === null) return next(unauthorized());
        if (which === 'previous' && (previousUses++ & 1023) === 0)
          logger.warn(
            { organizationId, deliveriesWithPreviousSecret: previousUses },
            'webhook delivery used the previous secret: registering the webhook again sends the new one',
          );
        res.locals.webhookOrganizationId = organizationId;
        next();
      },
      (err: unknown) => next(err),
    );
  };
}

/**
 * POST /api/webhooks/instantly/:organizationId — an organization's Instantly deliveries (and POST
 * /api/webhooks/instantly, the default organization's); outside the bearer-token router: Instantly can only send
 * the custom header we registered. Order: secret (401) → body within WEBHOOK_BODY_LIMIT (413) → JSON object, at
 * most MAX_JSON_DEPTH deep, with event_type and a storable timestamp (400 naming the field; NUL and lone
 * surrogates are stored as U+FFFD, see parseWebhookPayload) → durable, idempotent insert FOR THE RECEIVING
 * ORGANIZATION (matched only to its own exports; another organization's Instantly campaign stays unmatched) →
 * signalWithStart of the campaign's engagement workflow with the row id only (group-committed per campaign, see
 * createSignalBatcher). 2xx once the insert is durable and the signal succeeded — or is still being retried
 * after WEBHOOK_HANDOFF_WAIT (a closing workflow refuses signals for seconds; each sync applies stored events
 * that were never handed off); a hand-off that fails in time answers 503 so Instantly retries (the insert is
 * idempotent). Unmatched events are stored, not signalled; events already applied are acknowledged without one.
 */
export function webhookIntakeRoutes(deps: ApiDeps): Router {
  const { prisma, temporal, env, logger } = deps;
  const router = Router();
  const signals = createSignalBatcher(temporal, env.TEMPORAL_TASK_QUEUE);
  // Concurrent deliveries are inserted together: one statement (and round trip) per batch, not per event.
  const inserts = groupCommit<IngestInput, IngestedEvent>((items) => ingestEvents(prisma, items));
  router.post(
    ['/api/webhooks/instantly', '/api/webhooks/instantly/:organizationId'],
    requireWebhookSecret(deps, logger),
    // Instantly's Content-Type is UNCONFIRMED: parse every body as JSON.
    express.json({ limit: env.WEBHOOK_BODY_LIMIT, type: () => true }),
    async (req, res) => {
      const delivery = parseWebhookPayload(req.body);
      if (!delivery.ok) throw validationFailed(delivery.issues, 'body');
      const { raw, parsed } = delivery;
      if (delivery.normalized)
        logger.warn('webhook payload had NUL bytes or lone surrogates; stored as U+FFFD');
      const organizationId = res.locals.webhookOrganizationId as string;
      const event = await inserts.run({ organizationId, raw, parsed, source: 'webhook' });
      const instantlyCampaignId = parsed.campaign_id;
      let handoff: 'done' | 'pending' | 'none' = 'none'; // none: unmatched, or applied already
      if (event.exportId && instantlyCampaignId && !event.applied) {
        const start = engagementInput(
          { instantlyCampaignId, exportId: event.exportId },
          env.ENGAGEMENT_POLL_INTERVAL,
        );
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
      recordWebhookStored(event.duplicate); // issue 15 metric
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
