import { ApplicationFailure, Context, log } from '@temporalio/activity';
import type {
  ApplyEventsInput,
  ApplyEventsResult,
  DeliverInput,
  DeliverResult,
  ReplyFollowUp,
} from '../contracts/engagement-activities';
import { ERROR_TYPES } from '../contracts/errors';
import { exportEngagementState } from '../db/engagement';
import { readCounters } from '../db/engagement-counters';
import { applyEventIds } from '../db/events-apply';
import { carriesReplySignal } from '../db/replies';
import { observeApplyLag } from '../lib/metrics/hooks';
import type { PrismaClient } from '../lib/prisma';
import type { ActivityDeps } from './deps';
import { deliverEvents, deliverySettings } from './engagement-deliver';
import { createSyncActivity } from './engagement-sync';
import { labelExportReplies } from './replies';
import { claimReplyWriteBacks, writeBackDue } from './reply-write-back';

/**
 * Labels the export's newly applied replies and claims their write-backs right after the apply (two more
 * transactions in the same activity instead of two more activities per batch), and says what is left for the
 * workflow. Both steps are idempotent; a failure is left to the workflow's classify activity, never fails the
 * apply (the events are applied already).
 */
async function labelAfterApply(prisma: PrismaClient, exportId: string): Promise<ReplyFollowUp> {
  try {
    const labelled = await labelExportReplies(prisma, exportId);
    if (labelled.more) return 'classify';
    const claim = await claimReplyWriteBacks(prisma, exportId);
    return (await writeBackDue(prisma, exportId, claim)) ? 'write-back' : 'none';
  } catch (err) {
    log.warn('reply labelling after apply failed; the workflow runs it', {
      exportId,
      error: err instanceof Error ? err.name : 'unknown',
    });
    return 'classify';
  }
}

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
      const replyFollowUp =
        exportId && carriesReplySignal(batch.eventTypes) ? await labelAfterApply(prisma, exportId) : 'none';
      return {
        exportId,
        applied: batch.applied,
        alreadyApplied: input.eventIds.length - batch.applied,
        campaignCompleted: state?.completed ?? false,
        counters: exportId ? (batch.counters.get(exportId) ?? (await readCounters(prisma, exportId))) : null,
        hasSubscribers: state?.subscribers ?? false,
        replyFollowUp,
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
