import {
  allHandlersFinished,
  condition,
  isCancellation,
  log,
  patched,
  proxyActivities,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import type { Activities } from '../activities';
import type { ApplyEventsResult } from '../contracts/engagement-activities';
import {
  APPLY_BATCH_SIZE,
  DEFAULT_MAX_EVENTS_PER_RUN,
  DEFAULT_POLL_INTERVAL_MS,
  MAX_DEFAULT_COMPLETION_QUIET_MS,
  engagementStateQuery,
  eventsSignal,
  syncNowSignal,
  type EngagementCarried,
  type EngagementInput,
  type EngagementResult,
} from '../contracts/engagement';
import { ENGAGEMENT_APPLY, ENGAGEMENT_SYNC } from './activity-options';
import { deliveryPool } from './engagement-deliveries';
import { labelNewReplies } from './engagement-replies';
import { afterApply, afterSync, initialState, snapshot } from './engagement-state';

const { applyEngagementEvents } = proxyActivities<Activities>(ENGAGEMENT_APPLY);
const { syncCampaignAnalytics } = proxyActivities<Activities>(ENGAGEMENT_SYNC);

const MAX_DELIVERIES_IN_FLIGHT = 4;
/** Workflow patch: a due or requested sync runs after the current apply batch (older histories replay without). */
export const PROMPT_SYNC = 'engagement-prompt-sync';
/**
 * Workflow patch: the apply activity labels a batch's replies and claims their write-backs itself; the workflow
 * runs the classify / write-back activities only when its result asks for them. Older histories ran both after
 * every batch that applied anything.
 */
export const LABEL_IN_APPLY = 'engagement-label-in-apply';

/**
 * One run of the engagement workflow: its state, its signal and query handlers, and the steps the workflow's
 * loop composes (apply what is pending, sync, settle). Everything here runs in workflow context.
 */
export function engagementRun(input: EngagementInput) {
  const pollMs = input.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS;
  const maxEvents = input.maxEventsPerRun ?? DEFAULT_MAX_EVENTS_PER_RUN;
  const s: EngagementCarried = initialState(input);
  const seen = new Set<string>(s.pending);
  const deliveries = deliveryPool(
    MAX_DELIVERIES_IN_FLIGHT,
    { instantlyCampaignId: input.instantlyCampaignId },
    () => {
      s.deliveryFailures += 1;
    },
  );
  const run = {
    s,
    deliveries,
    quietMs: input.completionQuietMs ?? Math.min(pollMs, MAX_DEFAULT_COMPLETION_QUIET_MS),
    exportId: input.exportId,
    syncDue: false,
    processedThisRun: 0,
    nextPollAt: s.nextPollAtMs ?? Date.now() + pollMs,

    /** History is long enough (Temporal suggests continue-as-new) or this run applied its share of events. */
    runFull: (): boolean => workflowInfo().continueAsNewSuggested || run.processedThisRun >= maxEvents,

    /** Applies pending events batch by batch; `bounded` stops for a full run and for a due or requested sync. */
    async drain(bounded = true): Promise<void> {
      while (s.pending.length > 0 && !(bounded && run.runFull())) {
        const batch = s.pending.slice(0, APPLY_BATCH_SIZE);
        const r = await applyEngagementEvents({ exportId: run.exportId, eventIds: batch });
        s.pending.splice(0, batch.length); // removed only once applied, so continue-as-new carries the rest
        run.processedThisRun += batch.length;
        run.exportId ??= r.exportId;
        afterApply(s, r);
        if (r.applied > 0) await run.followUpReplies(r.replyFollowUp); // issue 16
        if (r.hasSubscribers) await deliveries.start(batch);
        // "Sync now" means now: a continuous stream must not postpone a requested or due sync.
        if (bounded && (run.syncDue || Date.now() >= run.nextPollAt) && patched(PROMPT_SYNC)) {
          run.syncDue = true;
          return;
        }
      }
    },

    /** After an apply batch: what the apply activity's own reply labelling left (everything, in old histories). */
    async followUpReplies(followUp: ApplyEventsResult['replyFollowUp']): Promise<void> {
      if (!patched(LABEL_IN_APPLY)) return labelNewReplies(run.exportId);
      if (followUp === 'classify') return labelNewReplies(run.exportId);
      if (followUp === 'write-back') return labelNewReplies(run.exportId, { classify: false });
    },

    /** One analytics sync (repair included); a failure is logged and left to the next poll. */
    async sync(): Promise<void> {
      run.syncDue = false;
      try {
        const r = await syncCampaignAnalytics({
          exportId: run.exportId,
          instantlyCampaignId: input.instantlyCampaignId,
        });
        run.exportId ??= r.exportId;
        afterSync(s, r);
        await labelNewReplies(run.exportId); // issue 16: replies a repair restored
      } catch (err) {
        if (isCancellation(err)) throw err;
        s.syncFailures += 1;
        log.warn('engagement sync failed', {
          instantlyCampaignId: input.instantlyCampaignId,
          error: String(err),
        });
      }
      run.nextPollAt = Date.now() + pollMs;
    },

    /** Everything received is applied and every delivery has settled (new signals may arrive meanwhile). */
    async settle(): Promise<void> {
      while (s.pending.length > 0 || deliveries.size > 0) {
        await run.drain(false);
        await deliveries.settle();
      }
      await condition(allHandlersFinished);
    },

    /** What the workflow returns when it ends (counts and ids only). */
    result(): EngagementResult {
      const { applied, counters, lastSyncAt, runs } = s;
      return {
        instantlyCampaignId: input.instantlyCampaignId,
        exportId: run.exportId,
        applied,
        counters,
        lastSyncAt,
        runs,
      };
    },
  };

  setHandler(eventsSignal, ({ eventIds }) => {
    for (const id of eventIds) {
      if (seen.has(id)) s.duplicatesIgnored += 1;
      else {
        seen.add(id);
        s.pending.push(id);
      }
    }
  });
  setHandler(syncNowSignal, () => {
    run.syncDue = true;
  });
  setHandler(engagementStateQuery, () => snapshot(input, run.exportId, s));
  return run;
}
