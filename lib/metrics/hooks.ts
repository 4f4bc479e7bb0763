import type { PrismaClient } from '../prisma';
import { eventApplyLag, exportDuration, exportsTotal, webhookDeliveries } from './registry';

/** One export reached its final status (call once, from the activity that records it). */
export function recordExportOutcome(
  outcome: 'completed' | 'failed' | 'cancelled',
  errorType: string | null | undefined,
  createdAt: Date,
  completedAt: Date | null,
): void {
  exportsTotal.inc({ outcome, error_type: outcome === 'failed' ? (errorType ?? 'unknown') : '' });
  const ms = (completedAt ?? new Date()).getTime() - createdAt.getTime();
  if (ms >= 0) exportDuration.observe({ outcome }, ms / 1000);
}

/** A webhook delivery was stored (accepted) or recognised as a repeat (duplicate). */
export function recordWebhookStored(duplicate: boolean): void {
  webhookDeliveries.inc({ result: duplicate ? 'duplicate' : 'accepted', reason: '' });
}

/** A webhook delivery was refused; `reason` is one of a closed set (see webhookRejectReason). */
export function recordWebhookRejected(reason: string): void {
  webhookDeliveries.inc({ result: 'rejected', reason });
}

/** The closed set of rejection reasons, from the status the intake answered. */
export function webhookRejectReason(status: number): string {
  if (status === 401) return 'unauthorized';
  if (status === 413) return 'too_large';
  if (status === 400 || status === 415 || status === 422) return 'invalid';
  if (status === 503) return 'handoff_failed';
  return status >= 500 ? 'error' : 'other';
}

/**
 * Observes received → applied for the events a batch just applied. Rows applied by one transaction share its
 * applied_at, so the batch's rows are those with the latest applied_at among `eventIds`. Fire and forget:
 * a metrics query must never fail or slow down the apply.
 */
export function observeApplyLag(prisma: PrismaClient, eventIds: string[]): void {
  if (eventIds.length === 0) return;
  prisma
    .$queryRawUnsafe<Array<{ lag: number }>>(
      `SELECT extract(epoch FROM applied_at - received_at)::float8 AS lag FROM gmaps_instantly_events
       WHERE id = ANY($1::bigint[]) AND applied_at = (
         SELECT max(applied_at) FROM gmaps_instantly_events WHERE id = ANY($1::bigint[]))`,
      eventIds,
    )
    .then((rows) => {
      for (const r of rows) eventApplyLag.observe(Math.max(0, Number(r.lag)));
    })
    .catch(() => undefined);
}
