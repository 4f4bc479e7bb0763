import {
  ApplicationFailure,
  CancellationScope,
  ParentClosePolicy,
  isCancellation,
  log,
  proxyActivities,
  setHandler,
  startChild,
  upsertSearchAttributes,
} from '@temporalio/workflow';
import { defineSearchAttributeKey, WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import type { Activities } from '../activities';
import type { EngagementInput } from '../contracts/engagement';
import { ERROR_TYPES } from '../contracts/errors';
import {
  emptyCounters,
  exportProgressQuery,
  type BatchResult,
  type ExportProgress,
  type ExportResult,
  type ExportWorkflowInput,
} from '../contracts/export';
import { SEARCH_ATTRIBUTES } from '../contracts/search-attributes';
import { engagementWorkflowId } from '../contracts/workflow-ids';
import { DATABASE_WRITE, INSTANTLY_CALL, PREFLIGHT, UPLOAD_BATCH } from './activity-options';

const { preflightExport } = proxyActivities<Activities>(PREFLIGHT);
const { ensureInstantlyCampaign, activateInstantlyCampaign } = proxyActivities<Activities>(INSTANTLY_CALL);
const { uploadLeadBatch } = proxyActivities<Activities>(UPLOAD_BATCH);
const { recordExportResult } = proxyActivities<Activities>(DATABASE_WRITE);

const instantlyCampaignKey = defineSearchAttributeKey(SEARCH_ATTRIBUTES.instantlyCampaignId, 'KEYWORD');
const statusKey = defineSearchAttributeKey(SEARCH_ATTRIBUTES.exportStatus, 'KEYWORD');

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
  try {
    progress.step = 'preflight';
    const pre = await preflightExport({ exportId });
    Object.assign(progress, { batchesTotal: pre.batchesTotal, counters: pre.counters });
    progress.step = 'creating_campaign';
    const { instantlyCampaignId } = await ensureInstantlyCampaign({ exportId });
    upsertSearchAttributes([{ key: instantlyCampaignKey, value: instantlyCampaignId }]);
    progress.step = 'uploading';
    await uploadAll(exportId, pre.batchesTotal, pre.uploadConcurrency, (r) => addBatch(progress, r));
    if (pre.activate) {
      progress.step = 'activating';
      await activateInstantlyCampaign({ exportId });
    }
    progress.step = 'recording';
    const result = await recordExportResult({ exportId, status: 'completed' });
    await startEngagement({ instantlyCampaignId, exportId, pollIntervalMs: pre.pollIntervalMs });
    progress.step = 'done';
    upsertSearchAttributes([{ key: statusKey, value: 'completed' }]);
    return result;
  } catch (err) {
    const status = isCancellation(err) ? 'cancelled' : 'failed';
    const error = status === 'failed' ? describe(err) : undefined;
    await CancellationScope.nonCancellable(async () => {
      await recordExportResult({ exportId, status, error });
      upsertSearchAttributes([{ key: statusKey, value: status }]);
    });
    throw err;
  }
}

/** Sliding window of `concurrency` batch uploads; the workflow holds only batch numbers and counts. */
async function uploadAll(
  exportId: string,
  total: number,
  concurrency: number,
  onDone: (r: BatchResult) => void,
): Promise<void> {
  let next = 1;
  const lane = async () => {
    while (next <= total) {
      const batchNo = next++;
      onDone(await uploadLeadBatch({ exportId, batchNo }));
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, total)) }, lane));
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

/** Starts (or finds) the per-campaign engagement workflow; it outlives this export. */
async function startEngagement(input: EngagementInput): Promise<void> {
  try {
    await startChild('campaignEngagementWorkflow', {
      workflowId: engagementWorkflowId(input.instantlyCampaignId),
      parentClosePolicy: ParentClosePolicy.ABANDON,
      args: [input],
    });
  } catch (err) {
    if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
    log.info('engagement workflow already running', { instantlyCampaignId: input.instantlyCampaignId });
  }
}

function describe(err: unknown): { type: string; message: string } {
  const cause = (err as { cause?: unknown }).cause ?? err;
  if (cause instanceof ApplicationFailure)
    return { type: cause.type ?? 'ApplicationFailure', message: cause.message };
  return {
    type: ERROR_TYPES.instantlyUnavailable,
    message: err instanceof Error ? err.message : String(err),
  };
}
