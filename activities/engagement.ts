import { ApplicationFailure, Context } from '@temporalio/activity';
import type {
  ApplyEventsInput,
  ApplyEventsResult,
  DeliverInput,
  DeliverResult,
} from '../contracts/engagement-activities';
import { ERROR_TYPES } from '../contracts/errors';
import { exportEngagementState } from '../db/engagement';
import { readCounters } from '../db/engagement-counters';
import { applyEventIds } from '../db/events-apply';
import { carriesReplySignal } from '../db/replies';
import { observeApplyLag } from '../lib/metrics/hooks';
import type { ActivityDeps } from './deps';
import { deliverEvents, deliverySettings } from './engagement-deliver';
import { createSyncActivity } from './engagement-sync';

/** Engagement activities: apply events, sync analytics, deliver to subscribers. Ids in, counts out. */
export function createEngagementActivities(deps: ActivityDeps) {
  const { prisma } = deps;
  return {
    ...createSyncActivity(deps),

    /**
     * Applies stored events (≤ 500 ids) to businesses and recomputes the export's counters in ONE
     * transaction; rows already applied are skipped, so retries and duplicates are harmless. Database errors
     * are retried by Temporal.
     */
    async applyEngagementEvents(input: ApplyEventsInput): Promise<ApplyEventsResult> {
      const batch = await applyEventIds(prisma, input.eventIds);
      if (batch.applied > 0) observeApplyLag(prisma, input.eventIds); // issue 15 metric, fire and forget
      const exportId = input.exportId ?? batch.exportIds[0] ?? null;
      const state = exportId
        ? await exportEngagementState(
            prisma,
            exportId,
            batch.exportIds.length > 0 ? batch.exportIds : [exportId],
          )
        : null;
      return {
        exportId,
        applied: batch.applied,
        alreadyApplied: input.eventIds.length - batch.applied,
        campaignCompleted: state?.completed ?? false,
        counters: exportId ? (batch.counters.get(exportId) ?? (await readCounters(prisma, exportId))) : null,
        hasSubscribers: state?.subscribers ?? false,
        replySignals: carriesReplySignal(batch.eventTypes),
      };
    },

    /**
     * POSTs applied events to every matching subscriber once (Standard Webhooks signed). Pairs already in
     * event_deliveries are skipped, pairs another activity is POSTing are left to it (claims); any
     * non-2xx/timeout, and any pair left to another, fails the activity as retryable (SubscriberDeliveryFailed)
     * so Temporal retries only what is still missing.
     */
    async deliverToSubscribers(input: DeliverInput): Promise<DeliverResult> {
      const ctx = Context.current();
      const outcome = await deliverEvents(prisma, input.eventIds, deliverySettings(deps), {
        attempt: ctx.info.attempt,
        onProgress: () => ctx.heartbeat(),
      });
      if (outcome.failed > 0) {
        throw ApplicationFailure.retryable(
          `${outcome.failed} deliveries failed (${outcome.delivered} delivered); first: ${outcome.firstError}`,
          ERROR_TYPES.subscriberDeliveryFailed,
        );
      }
      // Being POSTed by another activity (a sync's sweep) right now: check again later that it landed.
      if (outcome.inFlightElsewhere > 0) {
        throw ApplicationFailure.retryable(
          `${outcome.inFlightElsewhere} deliveries are in flight elsewhere (${outcome.delivered} delivered)`,
          ERROR_TYPES.subscriberDeliveryFailed,
        );
      }
      return { delivered: outcome.delivered, skipped: outcome.skipped };
    },
  };
}
