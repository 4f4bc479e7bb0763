import {
  CancellationScope,
  ParentClosePolicy,
  isCancellation,
  log,
  proxyActivities,
  setHandler,
  startChild,
  upsertSearchAttributes,
} from '@temporalio/workflow';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import type { Activities } from '../activities';
import type { EngagementInput } from '../contracts/engagement';
import {
  emptyCounters,
  exportProgressQuery,
  type BatchResult,
  type ExportProgress,
  type ExportResult,
  type ExportWorkflowInput,
} from '../contracts/export';
import { SEARCH_ATTRIBUTE_KEYS } from '../contracts/search-attributes';
import { mapBounded, oneTo } from '../lib/concurrency';
import { DATABASE_WRITE, INSTANTLY_CALL, PREFLIGHT, RECONCILE, UPLOAD_BATCH } from './activity-options';
import { campaignEngagementWorkflow } from './engagement';
import { describeFailure } from './export-failure';
import { engagementChildOptions, engagementInput } from './starts';

const { preflightExport } = proxyActivities<Activities>(PREFLIGHT);
const { ensureInstantlyCampaign, activateInstantlyCampaign } = proxyActivities<Activities>(INSTANTLY_CALL);
const { uploadLeadBatch } = proxyActivities<Activities>(UPLOAD_BATCH);
const { recordExportResult } = proxyActivities<Activities>(DATABASE_WRITE);
const { reconcileCancelledExport } = proxyActivities<Activities>(RECONCILE);

/**
 * One export of one lead-generation campaign to Instantly: pre-flight → draft campaign (exactly once) →
 * batched lead upload (bounded concurrency) → optional activation → result → engagement workflow.
 * Ids in, counts out. Cancellation leaves the draft a draft and records `cancelled`.
 */
export async function exportCampaignWorkflow({ exportId }: ExportWorkflowInput): Promise<ExportResult> {
  const progress: ExportProgress = {
    step: 'queued',
    batchesDone: 0,
    batchesTotal: 0,
    counters: emptyCounters(),
  };
  setHandler(exportProgressQuery, () => progress);
  let outcome: { result: ExportResult; engagement: EngagementInput };
  try {
    outcome = await runExport(exportId, progress);
  } catch (err) {
    const status = isCancellation(err) ? 'cancelled' : 'failed';
    const error = status === 'failed' ? describeFailure(err) : undefined;
    await CancellationScope.nonCancellable(async () => {
      // The result must say what is in Instantly: leads a cancelled upload created are found and recorded.
      if (status === 'cancelled') await reconcileCancelledExport({ exportId });
      await recordExportResult({ exportId, status, error });
      upsertSearchAttributes([{ key: SEARCH_ATTRIBUTE_KEYS.exportStatus, value: status }]);
    });
    throw err;
  }
  // The result is recorded: nothing after this point may turn the completed export into a failed one.
  await startEngagement(outcome.engagement);
  progress.step = 'done';
  upsertSearchAttributes([{ key: SEARCH_ATTRIBUTE_KEYS.exportStatus, value: 'completed' }]);
  return outcome.result;
}

/** The export's steps up to its recorded result; what the engagement workflow will need. */
async function runExport(
  exportId: string,
  progress: ExportProgress,
): Promise<{ result: ExportResult; engagement: EngagementInput }> {
  progress.step = 'preflight';
  const pre = await preflightExport({ exportId });
  Object.assign(progress, { batchesTotal: pre.batchesTotal, counters: pre.counters });
  progress.step = 'creating_campaign';
  const { instantlyCampaignId } = await ensureInstantlyCampaign({ exportId });
  upsertSearchAttributes([{ key: SEARCH_ATTRIBUTE_KEYS.instantlyCampaignId, value: instantlyCampaignId }]);
  progress.step = 'uploading';
  // No new batch after a failure; the ones in flight settle first, so on cancellation they finish
  // (WAIT_CANCELLATION_COMPLETED) and are recorded before the result is counted.
  await mapBounded(oneTo(pre.batchesTotal), pre.uploadConcurrency, async (batchNo) =>
    addBatch(progress, await uploadLeadBatch({ exportId, batchNo })),
  );
  if (pre.activate) {
    progress.step = 'activating';
    await activateInstantlyCampaign({ exportId });
  }
  progress.step = 'recording';
  const result = await recordExportResult({ exportId, status: 'completed' });
  return { result, engagement: engagementInput({ instantlyCampaignId, exportId }, pre.pollIntervalMs) };
}

function addBatch(progress: ExportProgress, r: BatchResult): void {
  const c = progress.counters;
  progress.batchesDone += 1;
  c.sent += r.sent;
  c.uploaded += r.uploaded;
  c.duplicate += r.duplicate;
  c.invalid += r.invalid;
  c.blocklisted += r.blocklisted;
  c.skipped += r.skipped;
}

/**
 * Starts (or finds) the per-campaign engagement workflow; it outlives this export. A failed (or cancelled)
 * start is logged, not thrown: the export is complete, and the webhook intake or a sync request starts the
 * workflow later (signalWithStart with the same id and input).
 */
async function startEngagement(input: EngagementInput): Promise<void> {
  try {
    await startChild(campaignEngagementWorkflow, {
      ...engagementChildOptions(input),
      parentClosePolicy: ParentClosePolicy.ABANDON,
    });
  } catch (err) {
    if (err instanceof WorkflowExecutionAlreadyStartedError)
      log.info('engagement workflow already running', { instantlyCampaignId: input.instantlyCampaignId });
    else
      log.warn('engagement workflow could not be started; the export stays completed', {
        instantlyCampaignId: input.instantlyCampaignId,
        error: String(err),
      });
  }
}
