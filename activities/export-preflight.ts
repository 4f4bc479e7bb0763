import { ApplicationFailure, heartbeat } from '@temporalio/activity';
import { ERROR_TYPES } from '../contracts/errors';
import { emptyCounters, type PreflightResult } from '../contracts/export';
import { isInstantlyMappingError, mapTimezone, planSequenceToSteps } from '../lib/instantly/mapping';
import type { ActivityDeps } from './deps';
import { planBatchLeads, preflightLead, sequenceVariables, toInstantlyLead } from './export-leads';
import { loadExport, resolveSequence, sequenceTexts } from './export-row';
import { ELIGIBLE_LEADS_CTE } from './leads';

export const BATCH_SIZE = 1000;
/** Batches pre-flight checks at once. */
const CHECK_LANES = 4;

/**
 * Step 1: load and pre-flight. Writes the batch plan (exportable leads, 1000 per batch in business-id order) and
 * the ledger rows of rejected leads (`invalid`/`skipped` with the reason). Re-running rewrites both (it runs
 * before any upload). Fails non-retryably with NoEligibleLeads naming why.
 */
export function createPreflightActivity({ prisma, env }: ActivityDeps) {
  return {
    async preflightExport({ exportId }: { exportId: string }): Promise<PreflightResult> {
      const { row, request } = await loadExport(prisma, exportId);
      const timezone = mapTimezoneOrFail(request.schedule.timezone);
      const sequence = resolveSequence(request);
      mappingOrFail(() => planSequenceToSteps(sequence));
      const variables = sequenceVariables(sequenceTexts(sequence));
      const extraColumns = await checkExtraColumns(prisma, request.extraVariables ?? []);
      const { eligible, batches } = await writeBatchPlan(prisma, exportId, row.campaignId);
      const reasons = new Map<string, number>();
      let passing = 0;
      let next = 1;
      // Batches are checked independently, a few at a time (the database and this process overlap).
      const lane = async () => {
        while (next <= batches) {
          const batchNo = next++;
          const rows = await planBatchLeads(prisma, exportId, batchNo, extraColumns);
          const kept: string[] = [];
          const rejections: Rejection[] = [];
          for (const b of rows) {
            const lead = toInstantlyLead(b, request.extraVariables, request.variableDefaults);
            const verdict = preflightLead(lead, variables);
            if (!verdict) kept.push(b.id);
            else {
              reasons.set(verdict.reason, (reasons.get(verdict.reason) ?? 0) + 1);
              rejections.push({ businessId: b.id, ...verdict });
            }
          }
          await rejectLeads(prisma, exportId, batchNo, kept, rejections);
          passing += kept.length;
          heartbeat({ checkedBatch: batchNo });
        }
      };
      await Promise.all(Array.from({ length: Math.min(CHECK_LANES, batches) }, lane));
      const batchesTotal = passing === 0 ? 0 : batches;
      const rejected = eligible - passing;
      await prisma.instantlyExport.update({
        where: { id: exportId },
        data: {
          leadsEligible: eligible,
          batchesTotal,
          timezoneRequested: timezone.requested,
          timezoneUsed: timezone.used,
        },
      });
      if (passing === 0) throw noEligibleLeads(eligible, reasons);
      return {
        organizationId: row.organizationId,
        campaignId: row.campaignId,
        counters: { ...emptyCounters(), eligible, rejected },
        batchesTotal,
        uploadConcurrency: env.EXPORT_UPLOAD_CONCURRENCY,
        activate: request.activate,
        timezone,
        pollIntervalMs: env.ENGAGEMENT_POLL_INTERVAL,
      };
    },
  };
}

type Prisma = ActivityDeps['prisma'];

/**
 * Rewrites the export's batch plan: every eligible lead, in business-id order, numbered into batches of
 * BATCH_SIZE (one set-based statement). The ledger is cleared: it runs before any upload.
 */
async function writeBatchPlan(
  prisma: Prisma,
  exportId: string,
  campaignId: string,
): Promise<{ eligible: number; batches: number }> {
  await prisma.instantlyExportLead.deleteMany({ where: { exportId } });
  await prisma.instantlyExportBatchPlan.deleteMany({ where: { exportId } });
  const [r] = await prisma.$queryRawUnsafe<{ eligible: number; batches: number }[]>(
    `WITH ${ELIGIBLE_LEADS_CTE},
     eligible AS (
       SELECT w.id, (row_number() OVER (ORDER BY w.id) - 1) / ${BATCH_SIZE} + 1 AS batch_no
         FROM with_email w WHERE w.rn = 1 AND w.email_key NOT IN (SELECT e FROM suppressed)
     ),
     plan AS (
       INSERT INTO gmaps_instantly_export_batch_plans (export_id, batch_no, business_ids)
       SELECT $2::uuid, batch_no, array_agg(id ORDER BY id) FROM eligible GROUP BY batch_no
       RETURNING cardinality(business_ids) AS leads
     )
     SELECT coalesce(sum(leads), 0)::int AS eligible, count(*)::int AS batches FROM plan`,
    campaignId,
    exportId,
  );
  return { eligible: r!.eligible, batches: r!.batches };
}

interface Rejection {
  businessId: string;
  outcome: string;
  reason: string;
}

/**
 * Keeps only the passing leads in the batch's plan and writes the rejected ones to the ledger (batch 0, never
 * sent), in one statement.
 */
async function rejectLeads(
  prisma: Prisma,
  exportId: string,
  batchNo: number,
  kept: string[],
  rejections: Rejection[],
) {
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

/** extraVariables must name real gmaps_businesses columns (they are quoted identifiers in the page query). */
async function checkExtraColumns(prisma: Prisma, extra: string[]): Promise<string[]> {
  if (extra.length === 0) return [];
  const rows = await prisma.$queryRawUnsafe<{ column_name: string }[]>(
    `SELECT column_name FROM information_schema.columns WHERE table_name = 'gmaps_businesses' AND table_schema = current_schema()`,
  );
  const known = new Set(rows.map((r) => r.column_name));
  const unknown = extra.filter((c) => !known.has(c));
  if (unknown.length) {
    throw ApplicationFailure.nonRetryable(
      `extraVariables name no gmaps_businesses column: ${unknown.join(', ')}`,
      ERROR_TYPES.invalidExportRequest,
    );
  }
  return extra;
}

/** Runs a mapping helper; its refusal is the caller's input, so it fails the export non-retryably. */
function mappingOrFail<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (isInstantlyMappingError(err))
      throw ApplicationFailure.nonRetryable(err.message, ERROR_TYPES.invalidExportRequest);
    throw err;
  }
}

function mapTimezoneOrFail(requested: string) {
  const m = mappingOrFail(() => mapTimezone(requested));
  return { requested, used: m.timezone, substituted: m.substituted, note: m.note ?? null };
}

function noEligibleLeads(eligible: number, reasons: Map<string, number>) {
  const why =
    eligible === 0
      ? 'the campaign has no business with an email that was not bounced, unsubscribed or duplicated'
      : `all ${eligible} leads failed pre-flight: ${[...reasons].map(([r, n]) => `${n} × ${r}`).join('; ')}`;
  return ApplicationFailure.nonRetryable(`nothing to export: ${why}`, ERROR_TYPES.noEligibleLeads);
}
