import type { PrismaClient } from '../lib/prisma';
import { ELIGIBLE_LEADS_CTE } from './leads';

// The export's batch plan (gmaps_instantly_export_batch_plans) and the ledger rows pre-flight writes.

export const BATCH_SIZE = 1000;

/** Ledger outcome of a lead pre-flight held back because an earlier export already sent it. */
export const ALREADY_EXPORTED = 'already_exported';
export const ALREADY_EXPORTED_REASON =
  'already sent to Instantly by an earlier export of this organization (allowReexport: true sends it again)';

/**
 * Rewrites the export's batch plan: every eligible lead, in business-id order, numbered into batches of
 * BATCH_SIZE (one set-based statement). The ledger is cleared first: this runs before any upload.
 *
 * Unless `allowReexport`, a lead whose (normalised) email an earlier export of the same organization sent to
 * Instantly — ledger outcome uploaded/duplicate, or still in the batch plan of a running export — is held
 * back: it gets an `already_exported` ledger row instead of a place in the plan. Plans are written under a
 * per-organization advisory lock, so two exports pre-flighting at once cannot both claim the same lead.
 */
export async function writeBatchPlan(
  prisma: PrismaClient,
  input: { exportId: string; campaignId: string; organizationId: string; allowReexport: boolean },
): Promise<{ eligible: number; batches: number; alreadyExported: number }> {
  const { exportId, campaignId, organizationId, allowReexport } = input;
  return prisma.$transaction(
    async (tx) => {
      await tx.$executeRawUnsafe(
        'SELECT pg_advisory_xact_lock(hashtext($1))',
        `export-preflight:${organizationId}`,
      );
      await tx.instantlyExportLead.deleteMany({ where: { exportId } });
      await tx.instantlyExportBatchPlan.deleteMany({ where: { exportId } });
      const [r] = await tx.$queryRawUnsafe<{ planned: number; batches: number; held: number }[]>(
        `WITH ${ELIGIBLE_LEADS_CTE},
         candidates AS (
           SELECT w.id, w.email_key FROM with_email w
            WHERE w.rn = 1 AND w.email_key NOT IN (SELECT e FROM suppressed)
         ),
         -- Materialized: the ledger probe below must run per matching business, not per business scanned.
         same_email AS MATERIALIZED (
           SELECT c.id, b.id AS business_id
             FROM candidates c
             JOIN gmaps_businesses b ON lower(trim(b.email)) = c.email_key
             JOIN gmaps_campaigns g ON g.id = b.campaign_id AND g.organization_id = $3::uuid
            WHERE NOT $4::boolean
         ),
         planned_elsewhere AS (
           SELECT unnest(p.business_ids) AS business_id
             FROM gmaps_instantly_export_batch_plans p
             JOIN gmaps_instantly_campaigns x ON x.id = p.export_id
            WHERE x.organization_id = $3::uuid AND x.status = 'running' AND x.id <> $2::uuid
         ),
         held AS (
           SELECT DISTINCT s.id FROM same_email s
            WHERE EXISTS (
                    SELECT 1 FROM gmaps_instantly_export_leads l
                      JOIN gmaps_instantly_campaigns x ON x.id = l.export_id
                     WHERE l.business_id = s.business_id AND l.outcome IN ('uploaded', 'duplicate')
                       AND x.organization_id = $3::uuid AND x.id <> $2::uuid)
               OR s.business_id IN (SELECT business_id FROM planned_elsewhere)
         ),
         held_rows AS (
           INSERT INTO gmaps_instantly_export_leads (export_id, business_id, batch_no, outcome, reason)
           SELECT $2::uuid, h.id, 0, '${ALREADY_EXPORTED}', $5::text FROM held h
           RETURNING 1
         ),
         eligible AS (
           SELECT c.id, (row_number() OVER (ORDER BY c.id) - 1) / ${BATCH_SIZE} + 1 AS batch_no
             FROM candidates c WHERE c.id NOT IN (SELECT id FROM held)
         ),
         plan AS (
           INSERT INTO gmaps_instantly_export_batch_plans (export_id, batch_no, business_ids)
           SELECT $2::uuid, batch_no, array_agg(id ORDER BY id) FROM eligible GROUP BY batch_no
           RETURNING cardinality(business_ids) AS leads
         )
         SELECT (SELECT coalesce(sum(leads), 0) FROM plan)::int AS planned,
                (SELECT count(*) FROM plan)::int AS batches,
                (SELECT count(*) FROM held_rows)::int AS held`,
        campaignId,
        exportId,
        organizationId,
        allowReexport,
        ALREADY_EXPORTED_REASON,
      );
      return { eligible: r!.planned + r!.held, batches: r!.batches, alreadyExported: r!.held };
    },
    { timeout: 120_000, maxWait: 120_000 },
  );
}

/** One lead pre-flight rejected, with its ledger outcome and reason. */
export interface Rejection {
  businessId: string;
  outcome: string;
  reason: string;
}

/**
 * Keeps only the passing leads in the batch's plan and writes the rejected ones to the ledger (batch 0, never
 * sent), in one statement.
 */
export async function rejectLeads(
  prisma: PrismaClient,
  exportId: string,
  batchNo: number,
  kept: string[],
  rejections: Rejection[],
): Promise<void> {
  if (rejections.length === 0) return;
  await prisma.$executeRawUnsafe(
    `WITH plan AS (
       UPDATE gmaps_instantly_export_batch_plans SET business_ids = $3::uuid[]
        WHERE export_id = $1::uuid AND batch_no = $2::int
     )
     INSERT INTO gmaps_instantly_export_leads (export_id, business_id, batch_no, outcome, reason)
     SELECT $1::uuid, v.business_id, 0, v.outcome, v.reason
       FROM unnest($4::uuid[], $5::text[], $6::text[]) AS v(business_id, outcome, reason)`,
    exportId,
    batchNo,
    kept,
    rejections.map((r) => r.businessId),
    rejections.map((r) => r.outcome),
    rejections.map((r) => r.reason),
  );
}

/** Numbers of the planned batches that no batch row records yet, ascending. */
export async function unrecordedBatches(prisma: PrismaClient, exportId: string): Promise<number[]> {
  const recorded = await prisma.instantlyExportBatch.findMany({
    where: { exportId },
    select: { batchNo: true },
  });
  const open = await prisma.instantlyExportBatchPlan.findMany({
    where: { exportId, batchNo: { notIn: recorded.map((r) => r.batchNo) } },
    select: { batchNo: true },
    orderBy: { batchNo: 'asc' },
  });
  return open.map((p) => p.batchNo);
}
