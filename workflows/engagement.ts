import { allHandlersFinished, condition, continueAsNew, log, patched } from '@temporalio/workflow';
import type { EngagementInput, EngagementResult } from '../contracts/engagement';
import { engagementRun, PROMPT_SYNC } from './engagement-run';

// Workflow patch (histories recorded before it replay the old behaviour): completion ends only after a quiet
// period. PROMPT_SYNC lives with the apply loop (engagement-run.ts).
const COMPLETION_QUIET = 'engagement-completion-quiet';

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
  const run = engagementRun(input);
  const { s, deliveries } = run;
  for (;;) {
    const wait = Math.max(0, run.nextPollAt - Date.now());
    if (!(await condition(() => s.pending.length > 0 || run.syncDue || run.runFull(), wait)))
      run.syncDue = true;
    if (Date.now() >= run.nextPollAt && patched(PROMPT_SYNC)) run.syncDue = true;
    await run.drain();
    if (run.syncDue && !run.runFull()) await run.sync();
    if (run.runFull()) {
      // Bounded history: carry the state and the ids not applied yet into a fresh run.
      await deliveries.settle();
      await condition(allHandlersFinished);
      log.info('engagement continues as new', {
        instantlyCampaignId: input.instantlyCampaignId,
        run: s.runs,
      });
      await continueAsNew<typeof campaignEngagementWorkflow>({
        ...input,
        exportId: run.exportId,
        carried: { ...s, nextPollAtMs: run.syncDue ? Date.now() : run.nextPollAt },
      });
    }
    if (s.completionSeen) {
      const quiet = patched(COMPLETION_QUIET);
      if (quiet) {
        // An early campaign_completed (shuffled delivery) must not end the entity while events still flow.
        if (s.pending.length > 0 || run.syncDue) continue;
        const busy = () => s.pending.length > 0 || run.syncDue || run.runFull();
        if (!s.instantlyAgrees && (await condition(busy, run.quietMs))) continue;
      }
      // The final sync (stragglers, repair) — unless the last one already saw Instantly completed and agreeing.
      if (!(quiet && s.instantlyAgrees)) await run.sync();
      await run.settle();
      return run.result();
    }
  }
}
