import { isCancellation, log, patched, proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../activities';
import { ENGAGEMENT_APPLY } from './activity-options';

// A persistent failure must not stall the engagement stream: a few attempts, then the next batch tries again
// (unlabelled replies stay unlabelled until a call succeeds, so nothing is lost).
const { classifyReplies } = proxyActivities<Activities>({
  ...ENGAGEMENT_APPLY,
  retry: { ...ENGAGEMENT_APPLY.retry, maximumAttempts: 5 },
});

/** Workflow patch: histories recorded before reply classification replay without the call. */
export const CLASSIFY_REPLIES = 'engagement-classify-replies';

/**
 * Labels the export's newly applied replies (issue 16), called after each apply batch and each sync. Ids in,
 * counts out; failures are logged and left to the next call.
 */
export async function labelNewReplies(exportId: string | null | undefined): Promise<void> {
  if (!exportId || !patched(CLASSIFY_REPLIES)) return;
  try {
    await classifyReplies({ exportId });
  } catch (err) {
    if (isCancellation(err)) throw err;
    log.warn('reply classification failed; the next batch retries', { exportId, error: String(err) });
  }
}
