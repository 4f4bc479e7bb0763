import {
  allHandlersFinished,
  condition,
  continueAsNew,
  isCancellation,
  log,
  patched,
  proxyActivities,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import type { Activities } from '../activities';
import {
  APPLY_BATCH_SIZE,
  DEFAULT_MAX_EVENTS_PER_RUN,
  DEFAULT_POLL_INTERVAL_MS,
  MAX_DEFAULT_COMPLETION_QUIET_MS,
  engagementStateQuery,
  eventsSignal,
  syncNowSignal,
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
// Workflow patches (histories recorded before them replay the old behaviour).
const PROMPT_SYNC = 'engagement-prompt-sync'; // a due or requested sync runs after the current apply batch
const COMPLETION_QUIET = 'engagement-completion-quiet'; // completion ends only after a quiet period

/**
 * One long-running entity per Instantly campaign (id engagement/<instantlyCampaignId>), started by the export
 * (startChild) or by the webhook intake (signalWithStart). It applies stored events whose ids arrive by
 * signal, polls Instantly's analytics every pollIntervalMs (or on syncNow) to detect and repair drift — a due
 * or requested sync runs after the current apply batch, however busy the stream — continues-as-new to bound
 * history, and ends after campaign_completed (or campaign status 3) once no event arrived for completionQuietMs
 * (then one final sync), or at once when a sync saw Instantly completed and agreeing with us. Only ids and
 * counts pass through history. Sync failures are logged and retried at the next poll.
 */
export async function campaignEngagementWorkflow(input: EngagementInput): Promise<EngagementResult> {
  const pollMs = input.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS;
  const maxEvents = input.maxEventsPerRun ?? DEFAULT_MAX_EVENTS_PER_RUN;
  const quietMs = input.completionQuietMs ?? Math.min(pollMs, MAX_DEFAULT_COMPLETION_QUIET_MS);
  const s = initialState(input);
  const seen = new Set<string>(s.pending);
  const deliveries = deliveryPool(
    MAX_DELIVERIES_IN_FLIGHT,
    { instantlyCampaignId: input.instantlyCampaignId },
    () => {
      s.deliveryFailures += 1;
    },
  );
  let exportId = input.exportId;
  let syncDue = false;
  let processedThisRun = 0;
  let nextPollAt = s.nextPollAtMs ?? Date.now() + pollMs;

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
    syncDue = true;
  });
  setHandler(engagementStateQuery, () => snapshot(input, exportId, s));

  const runFull = (): boolean => workflowInfo().continueAsNewSuggested || processedThisRun >= maxEvents;

  const drain = async (bounded = true): Promise<void> => {
    while (s.pending.length > 0 && !(bounded && runFull())) {
      const batch = s.pending.slice(0, APPLY_BATCH_SIZE);
      const r = await applyEngagementEvents({ exportId, eventIds: batch });
      s.pending.splice(0, batch.length); // removed only once applied, so continue-as-new carries the rest
      processedThisRun += batch.length;
      exportId ??= r.exportId;
      afterApply(s, r);
      if (r.applied > 0) await labelNewReplies(exportId); // issue 16
      if (r.hasSubscribers) await deliveries.start(batch);
      // "Sync now" means now: a continuous stream must not postpone a requested or due sync.
      if (bounded && (syncDue || Date.now() >= nextPollAt) && patched(PROMPT_SYNC)) {
        syncDue = true;
        return;
      }
    }
  };

  const sync = async (): Promise<void> => {
    syncDue = false;
    try {
      const r = await syncCampaignAnalytics({ exportId, instantlyCampaignId: input.instantlyCampaignId });
      exportId ??= r.exportId;
      afterSync(s, r);
      await labelNewReplies(exportId); // issue 16: replies a repair restored
    } catch (err) {
      if (isCancellation(err)) throw err;
      s.syncFailures += 1;
      log.warn('engagement sync failed', {
        instantlyCampaignId: input.instantlyCampaignId,
        error: String(err),
      });
    }
    nextPollAt = Date.now() + pollMs;
  };

  // Everything received is applied and every delivery has settled (new signals may arrive meanwhile).
  const settle = async (): Promise<void> => {
    while (s.pending.length > 0 || deliveries.size > 0) {
      await drain(false);
      await deliveries.settle();
    }
    await condition(allHandlersFinished);
  };

  for (;;) {
    const wait = Math.max(0, nextPollAt - Date.now());
    if (!(await condition(() => s.pending.length > 0 || syncDue || runFull(), wait))) syncDue = true;
    if (Date.now() >= nextPollAt && patched(PROMPT_SYNC)) syncDue = true;
    await drain();
    if (syncDue && !runFull()) await sync();
    if (runFull()) {
      // Bounded history: carry the state and the ids not applied yet into a fresh run.
      await deliveries.settle();
      await condition(allHandlersFinished);
      log.info('engagement continues as new', {
        instantlyCampaignId: input.instantlyCampaignId,
        run: s.runs,
      });
      await continueAsNew<typeof campaignEngagementWorkflow>({
        ...input,
        exportId,
        carried: { ...s, nextPollAtMs: syncDue ? Date.now() : nextPollAt },
      });
    }
    if (s.completionSeen) {
      const quiet = patched(COMPLETION_QUIET);
      if (quiet) {
        // An early campaign_completed (shuffled delivery) must not end the entity while events still flow.
        if (s.pending.length > 0 || syncDue) continue;
        const busy = () => s.pending.length > 0 || syncDue || runFull();
        if (!s.instantlyAgrees && (await condition(busy, quietMs))) continue;
      }
      // The final sync (stragglers, repair) — unless the last one already saw Instantly completed and agreeing.
      if (!(quiet && s.instantlyAgrees)) await sync();
      await settle();
      const { applied, counters, lastSyncAt, runs } = s;
      return {
        instantlyCampaignId: input.instantlyCampaignId,
        exportId,
        applied,
        counters,
        lastSyncAt,
        runs,
      };
    }
  }
}
