import { ApplicationFailure, heartbeat } from '@temporalio/activity';
import { ERROR_TYPES } from '../contracts/errors';
import { emptyCounters, type PreflightResult } from '../contracts/export';
import type { ExportRequest } from '../contracts/schemas/export-request';
import { ALREADY_EXPORTED_REASON, rejectLeads, writeBatchPlan, type Rejection } from '../db/export-plan';
import { recordPreflight } from '../db/exports';
import { businessColumns, planBatchLeads } from '../db/leads';
import { mapBounded, oneTo } from '../lib/concurrency';
import { isInstantlyMappingError, mapTimezone, planSequenceToSteps } from '../lib/instantly/mapping';
import type { ActivityDeps } from './deps';
import { preflightLead, sequenceVariables, toInstantlyLead } from './export-leads';
import { loadExport, resolveSequence, sequenceTexts } from './export-row';

/** Batches pre-flight checks at once (the database and this process overlap). */
const CHECK_LANES = 4;

type Prisma = ActivityDeps['prisma'];

/**
 * Step 1: load and pre-flight. Writes the batch plan (exportable leads, 1000 per batch in business-id order) and
 * the ledger rows of rejected leads (`invalid`/`skipped` with the reason, `already_exported` for leads an
 * earlier export of the organization sent, unless the request allows re-export). Re-running rewrites both (it
 * runs before any upload). Fails non-retryably with NoEligibleLeads naming why.
 */
export function createPreflightActivity({ prisma, env }: ActivityDeps) {
  return {
    async preflightExport({ exportId }: { exportId: string }): Promise<PreflightResult> {
      const { row, request } = await loadExport(prisma, exportId);
      const timezone = mapTimezoneOrFail(request.schedule.timezone);
      const sequence = resolveSequence(request);
      mappingOrFail(() => planSequenceToSteps(sequence));
      const variables = sequenceVariables(sequenceTexts(sequence));
      await checkExtraColumns(prisma, request.extraVariables ?? []);
      const { eligible, batches, alreadyExported } = await writeBatchPlan(prisma, {
        exportId,
        campaignId: row.campaignId,
        organizationId: row.organizationId,
        allowReexport: request.allowReexport === true,
      });
      const reasons = new Map<string, number>();
      if (alreadyExported > 0) reasons.set(ALREADY_EXPORTED_REASON, alreadyExported);
      const kept = await mapBounded(oneTo(batches), CHECK_LANES, (batchNo) =>
        checkBatch(prisma, { exportId, batchNo, request, variables, reasons }),
      );
      const passing = kept.reduce((sum, n) => sum + n, 0);
      const batchesTotal = passing === 0 ? 0 : batches;
      await recordPreflight(prisma, exportId, {
        leadsEligible: eligible,
        leadsAlreadyExported: alreadyExported,
        batchesTotal,
        timezoneRequested: timezone.requested,
        timezoneUsed: timezone.used,
      });
      if (passing === 0) throw noEligibleLeads(eligible, reasons);
      return {
        organizationId: row.organizationId,
        campaignId: row.campaignId,
        counters: { ...emptyCounters(), eligible, rejected: eligible - passing, alreadyExported },
        batchesTotal,
        uploadConcurrency: env.EXPORT_UPLOAD_CONCURRENCY,
        activate: request.activate,
        timezone,
        pollIntervalMs: env.ENGAGEMENT_POLL_INTERVAL,
      };
    },
  };
}

/**
 * Pre-flights one planned batch: maps each lead, keeps the passing ones in the plan and writes the rejected
 * ones to the ledger; counts each rejection reason into `reasons`. Returns how many leads passed.
 */
async function checkBatch(
  prisma: Prisma,
  job: {
    exportId: string;
    batchNo: number;
    request: ExportRequest;
    variables: string[];
    reasons: Map<string, number>;
  },
): Promise<number> {
  const { exportId, batchNo, request, variables, reasons } = job;
  const rows = await planBatchLeads(prisma, exportId, batchNo, request.extraVariables ?? []);
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
  heartbeat({ checkedBatch: batchNo });
  return kept.length;
}

/** extraVariables must name real gmaps_businesses columns (they are quoted identifiers in the page query). */
async function checkExtraColumns(prisma: Prisma, extra: string[]): Promise<void> {
  if (extra.length === 0) return;
  const known = await businessColumns(prisma);
  const unknown = extra.filter((c) => !known.has(c));
  if (unknown.length) {
    throw ApplicationFailure.nonRetryable(
      `extraVariables name no gmaps_businesses column: ${unknown.join(', ')}`,
      ERROR_TYPES.invalidExportRequest,
    );
  }
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
