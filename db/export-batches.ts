import type { PrismaClient } from '../lib/prisma';

// The export's uploaded batches (gmaps_instantly_export_batches) and their ledger rows
// (gmaps_instantly_export_leads), recorded exactly once per batch.

/** One lead's ledger outcome in a batch. */
export interface LeadOutcome {
  businessId: string;
  outcome: 'uploaded' | 'duplicate' | 'invalid' | 'blocklisted' | 'skipped';
  reason: string | null;
  instantlyLeadId: string | null;
}

/** A batch row's figures. */
export interface BatchFigures {
  batchNo: number;
  leadsSent: number;
  uploaded: number;
  duplicate: number;
  invalid: number;
  blocklisted: number;
  skipped: number;
}

/** The recorded batch, or null. */
export function findBatch(
  prisma: PrismaClient,
  exportId: string,
  batchNo: number,
): Promise<BatchFigures | null> {
  return prisma.instantlyExportBatch.findUnique({ where: { exportId_batchNo: { exportId, batchNo } } });
}

/**
 * Records one batch exactly once: the batch row (with Instantly's `summary`), each lead's ledger row and the
 * export's counters. A batch already recorded keeps its figures, which are returned as they stand.
 */
export async function recordBatch(
  prisma: PrismaClient,
  exportId: string,
  figures: BatchFigures,
  outcomes: readonly LeadOutcome[],
  summary: Record<string, unknown>,
): Promise<BatchFigures> {
  const c = figures;
  // One statement, so one round trip and no interactive transaction: the batch row is inserted only once
  // (primary key), and the ledger and the export's counters change only together with that insert.
  const [row] = await prisma.$queryRawUnsafe<{ inserted: boolean }[]>(
    `WITH batch AS (
       INSERT INTO gmaps_instantly_export_batches
              (export_id, batch_no, leads_sent, uploaded, duplicate, invalid, blocklisted, skipped, response)
       VALUES ($1::uuid, $2::int, $3::int, $4::int, $5::int, $6::int, $7::int, $8::int, $9::jsonb)
       ON CONFLICT DO NOTHING RETURNING export_id
     ), ledger AS (
       INSERT INTO gmaps_instantly_export_leads (export_id, business_id, batch_no, outcome, reason, instantly_lead_id)
       SELECT batch.export_id, v.business_id, $2::int, v.outcome, v.reason, v.lead_id
         FROM batch, unnest($10::uuid[], $11::text[], $12::text[], $13::text[]) AS v(business_id, outcome, reason, lead_id)
       ON CONFLICT DO NOTHING
     ), counters AS (
       UPDATE gmaps_instantly_campaigns e
          SET leads_sent = leads_sent + $3::int, leads_uploaded = leads_uploaded + $4::int,
              leads_duplicate = leads_duplicate + $5::int, leads_invalid = leads_invalid + $6::int,
              leads_blocklisted = leads_blocklisted + $7::int, leads_skipped = leads_skipped + $8::int,
              batches_done = batches_done + 1, updated_at = now()
         FROM batch WHERE e.id = batch.export_id
     )
     SELECT EXISTS (SELECT 1 FROM batch) AS inserted`,
    exportId,
    c.batchNo,
    c.leadsSent,
    c.uploaded,
    c.duplicate,
    c.invalid,
    c.blocklisted,
    c.skipped,
    JSON.stringify(summary),
    outcomes.map((o) => o.businessId),
    outcomes.map((o) => o.outcome),
    outcomes.map((o) => o.reason),
    outcomes.map((o) => o.instantlyLeadId),
  );
  if (row?.inserted) return figures;
  // Another attempt recorded this batch first: its figures stand.
  return prisma.instantlyExportBatch.findUniqueOrThrow({
    where: { exportId_batchNo: { exportId, batchNo: c.batchNo } },
  });
}
