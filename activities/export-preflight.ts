import { ApplicationFailure, heartbeat } from '@temporalio/activity';
import { ERROR_TYPES } from '../contracts/errors';
import { emptyCounters, type PreflightResult } from '../contracts/export';
import { isInstantlyMappingError, mapTimezone, planSequenceToSteps } from '../lib/instantly/mapping';
import type { ActivityDeps } from './deps';
import { preflightLead, sequenceVariables, toInstantlyLead, type BusinessRow } from './export-leads';
import { loadExport, resolveSequence, sequenceTexts } from './export-row';
import { ELIGIBLE_LEADS_CTE } from './leads';

export const BATCH_SIZE = 1000;
const PAGE = 5000;

/**
 * Step 1: load and pre-flight. Writes the per-lead ledger: exportable leads get outcome `pending` and a batch
 * number (1000 per batch, in business-id order), rejected ones `invalid`/`skipped` with the reason. Re-running
 * rewrites the same ledger (it runs before any upload). Fails non-retryably with NoEligibleLeads naming why.
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
      const eligible = await writeEligibleLedger(prisma, exportId, row.campaignId);
      const reasons = new Map<string, number>();
      let cursor = '00000000-0000-0000-0000-000000000000';
      for (;;) {
        const rows = await pendingPage(prisma, exportId, cursor, extraColumns);
        if (rows.length === 0) break;
        cursor = rows.at(-1)!.id;
        const rejections = rows.flatMap((b) => {
          const lead = toInstantlyLead(b, request.extraVariables, request.variableDefaults);
          const verdict = preflightLead(lead, variables);
          if (!verdict) return [];
          reasons.set(verdict.reason, (reasons.get(verdict.reason) ?? 0) + 1);
          return [{ businessId: b.id, ...verdict }];
        });
        await rejectLeads(prisma, exportId, rejections);
        heartbeat({ checked: cursor });
      }
      const { passing, batchesTotal } = await pendingBatches(prisma, exportId);
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
 * Rewrites the export's ledger with every eligible lead as `pending`, numbered into batches of BATCH_SIZE in
 * business-id order (one set-based statement). Leads pre-flight rejects later leave their batch, so a batch
 * holds at most BATCH_SIZE leads.
 */
async function writeEligibleLedger(prisma: Prisma, exportId: string, campaignId: string): Promise<number> {
  await prisma.instantlyExportLead.deleteMany({ where: { exportId } });
  return prisma.$executeRawUnsafe(
    `WITH ${ELIGIBLE_LEADS_CTE}
     INSERT INTO gmaps_instantly_export_leads (export_id, business_id, batch_no, outcome)
     SELECT $2::uuid, e.id, (row_number() OVER (ORDER BY e.id) - 1) / ${BATCH_SIZE} + 1, 'pending'
       FROM (SELECT w.id FROM with_email w WHERE w.rn = 1 AND w.email_key NOT IN (SELECT e FROM suppressed)) e`,
    campaignId,
    exportId,
  );
}

/** The columns a lead is built from (the seed plan's names). */
const LEAD_COLUMNS = [
  'id',
  'name',
  'email',
  'first_name',
  'last_name',
  'phone',
  'website',
  'category',
  'city',
  'state',
  'rating',
  'reviews_count',
  'icebreaker',
  'subject_line',
];

const camel = (key: string) => key.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/** The next PAGE pending leads after `cursor` (business id order), every column, keys in Prisma's camelCase. */
async function pendingPage(
  prisma: Prisma,
  exportId: string,
  cursor: string,
  extra: string[],
): Promise<BusinessRow[]> {
  const columns = [...LEAD_COLUMNS, ...extra.filter((c) => !LEAD_COLUMNS.includes(c))]
    .map((c) => `b."${c}"`)
    .join(', ');
  // Limit the ledger page first (index order), then join: the planner cannot sort the whole join instead.
  const rows = await prisma.$queryRawUnsafe<Record<string, unknown>[]>(
    `SELECT ${columns}
       FROM (SELECT business_id FROM gmaps_instantly_export_leads
              WHERE export_id = $1::uuid AND business_id > $2::uuid ORDER BY business_id LIMIT ${PAGE}) l
       JOIN gmaps_businesses b ON b.id = l.business_id
      ORDER BY l.business_id`,
    exportId,
    cursor,
  );
  return rows.map((b) => Object.fromEntries(Object.entries(b).map(([k, v]) => [camel(k), v])) as BusinessRow);
}

async function rejectLeads(
  prisma: Prisma,
  exportId: string,
  rejections: { businessId: string; outcome: string; reason: string }[],
) {
  if (rejections.length === 0) return;
  await prisma.$executeRawUnsafe(
    `UPDATE gmaps_instantly_export_leads l SET outcome = v.outcome, reason = v.reason, batch_no = 0
     FROM unnest($2::uuid[], $3::text[], $4::text[]) AS v(business_id, outcome, reason)
     WHERE l.export_id = $1::uuid AND l.business_id = v.business_id`,
    exportId,
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

/** How many leads stay pending, and the highest batch number they use. */
async function pendingBatches(
  prisma: Prisma,
  exportId: string,
): Promise<{ passing: number; batchesTotal: number }> {
  const [r] = await prisma.$queryRawUnsafe<{ passing: bigint; batches: number | null }[]>(
    `SELECT count(*) AS passing, max(batch_no) AS batches FROM gmaps_instantly_export_leads
      WHERE export_id = $1::uuid AND outcome = 'pending'`,
    exportId,
  );
  return { passing: Number(r!.passing), batchesTotal: r!.batches ?? 0 };
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
