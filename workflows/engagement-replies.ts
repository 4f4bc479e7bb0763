import { isCancellation, log, patched, proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../activities';
import { ENGAGEMENT_APPLY, INSTANTLY_CALL } from './activity-options';

// A persistent failure must not stall the engagement stream: a few attempts, then the next reply batch or the
// next sync tries again (unlabelled replies stay unlabelled until a call succeeds, so nothing is lost).
const { classifyReplies } = proxyActivities<Activities>({
  ...ENGAGEMENT_APPLY,
  retry: { ...ENGAGEMENT_APPLY.retry, maximumAttempts: 5 },
});

// Write-back calls Instantly: its 429s come back with Retry-After; after a few attempts the rows stay pending in
// the ledger and the next reply batch or sync sends them (nothing is lost, nothing is sent twice).
const { writeBackReplyInterest } = proxyActivities<Activities>({
  ...INSTANTLY_CALL,
  retry: { ...INSTANTLY_CALL.retry, maximumAttempts: 5 },
});

/** Workflow patch: histories recorded before reply classification replay without the call. */
export const CLASSIFY_REPLIES = 'engagement-classify-replies';

/** Workflow patch: histories recorded before the write-back to Instantly replay without the call. */
export const WRITE_BACK_REPLIES = 'engagement-write-back-replies';

/**
 * Labels the export's newly applied replies (issue 16), then writes their interest back to Instantly (the activity
 * does nothing but bookkeeping unless the organization turned it on): after each sync, and after an apply batch
 * whose activity could not do the labelling itself or left calls to Instantly pending (`classify: false` then
 * skips the labelling). Ids in, counts out; failures are logged and left to the next call.
 */
export async function labelNewReplies(
  exportId: string | null | undefined,
  opts: { classify: boolean } = { classify: true },
): Promise<void> {
  if (!exportId || !patched(CLASSIFY_REPLIES)) return;
  if (opts.classify) {
    try {
      await classifyReplies({ exportId });
    } catch (err) {
      if (isCancellation(err)) throw err;
      log.warn('reply classification failed; the next call retries', { exportId, error: String(err) });
    }
  }
  if (!patched(WRITE_BACK_REPLIES)) return;
  try {
    await writeBackReplyInterest({ exportId });
  } catch (err) {
    if (isCancellation(err)) throw err;
    log.warn('reply write-back failed; the next call retries', { exportId, error: String(err) });
  }
}
