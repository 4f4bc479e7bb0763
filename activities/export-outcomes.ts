import type { BatchResult } from '../contracts/export';
import type { BatchFigures, LeadOutcome } from '../db/export-batches';
import type { AddLeadsResult } from '../lib/instantly';

// Pure arithmetic of one batch upload: which lead got which outcome, and the batch's figures.

type Outcome = LeadOutcome['outcome'];

/**
 * Per-lead outcomes of the leads sent in one `POST /leads/add`, in the order sent. created_leads names the
 * uploaded ones by index; Instantly does not say which of the others was which, so they are attributed to the
 * one non-zero counter when there is exactly one, else marked skipped with the batch's counters as the reason.
 */
export function classifyBatch(
  sent: readonly { businessId: string }[],
  r: AddLeadsResult | null,
): LeadOutcome[] {
  if (!r) return [];
  const created = new Map(r.created_leads.map((c) => [c.index, c.id]));
  const counts: [Outcome, number][] = [
    ['duplicate', (r.duplicated_leads ?? 0) + (r.duplicate_email_count ?? 0)],
    ['invalid', (r.invalid_email_count ?? 0) + (r.incomplete_count ?? 0)],
    ['blocklisted', r.in_blocklist ?? 0],
    ['skipped', r.skipped_count ?? 0],
  ];
  const nonZero = counts.filter(([, n]) => n > 0);
  const other: Outcome = nonZero.length === 1 ? nonZero[0]![0] : 'skipped';
  const reason =
    nonZero.length === 1
      ? `instantly: ${other}`
      : `instantly did not create it (${nonZero.map(([k, n]) => `${k} ${n}`).join(', ')})`;
  return sent.map((s, index) =>
    created.has(index)
      ? { businessId: s.businessId, outcome: 'uploaded', reason: null, instantlyLeadId: created.get(index)! }
      : { businessId: s.businessId, outcome: other, reason, instantlyLeadId: null },
  );
}

/**
 * A batch's figures: every lead in `outcomes` counts as sent; Instantly's counters say how they fared, and
 * outcomes Instantly did not report (found in the campaign on a retry or after a cancel) count as uploaded.
 */
export function batchFigures(
  batchNo: number,
  outcomes: readonly LeadOutcome[],
  r: AddLeadsResult | null,
): BatchFigures {
  const reconciled = outcomes.length - (r?.total_sent ?? 0);
  return {
    batchNo,
    leadsSent: outcomes.length,
    uploaded: (r?.leads_uploaded ?? 0) + reconciled,
    duplicate: (r?.duplicated_leads ?? 0) + (r?.duplicate_email_count ?? 0),
    invalid: (r?.invalid_email_count ?? 0) + (r?.incomplete_count ?? 0),
    blocklisted: r?.in_blocklist ?? 0,
    skipped: r?.skipped_count ?? 0,
  };
}

/** Instantly's counters for the batch row, without created_leads (which carries lead emails). */
export function batchSummary(
  r: AddLeadsResult | null,
  reconciled: number,
): Record<string, number | string | null> {
  if (!r) return { reconciled };
  const { created_leads: created, ...rest } = r;
  const counters = Object.fromEntries(
    Object.entries(rest).filter(([, v]) => ['number', 'string'].includes(typeof v) || v === null),
  );
  return { ...(counters as Record<string, number | string | null>), created: created.length, reconciled };
}

/** The workflow's view of a batch row. */
export const toBatchResult = (b: BatchFigures): BatchResult => ({
  batchNo: b.batchNo,
  sent: b.leadsSent,
  uploaded: b.uploaded,
  duplicate: b.duplicate,
  invalid: b.invalid,
  blocklisted: b.blocklisted,
  skipped: b.skipped,
});
