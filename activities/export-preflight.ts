import { ApplicationFailure, heartbeat } from '@temporalio/activity';
import { ERROR_TYPES } from '../contracts/errors';
import type { PreflightResult } from '../contracts/export';
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
      const ids = await eligibleIds(prisma, row.campaignId);
      await prisma.instantlyExportLead.deleteMany({ where: { exportId } });
      let passing = 0;
      const reasons = new Map<string, number>();
      for (let i = 0; i < ids.length; i += PAGE) {
        const rows = (await prisma.business.findMany({
          where: { id: { in: ids.slice(i, i + PAGE) } },
          orderBy: { id: 'asc' },
        })) as BusinessRow[];
        const ledger = rows.map((b) => {
          const verdict = preflightLead(
            toInstantlyLead(b, request.extraVariables, request.variableDefaults),
            variables,
          );
          if (verdict) reasons.set(verdict.reason, (reasons.get(verdict.reason) ?? 0) + 1);
          const batchNo = verdict ? 0 : Math.floor(passing++ / BATCH_SIZE) + 1;
          return {
            exportId,
            businessId: b.id,
            batchNo,
            outcome: verdict?.outcome ?? 'pending',
            reason: verdict?.reason ?? null,
          };
        });
        await prisma.instantlyExportLead.createMany({ data: ledger });
        heartbeat({ checked: i + rows.length });
      }
      const rejected = ids.length - passing;
      const batchesTotal = Math.ceil(passing / BATCH_SIZE);
      await prisma.instantlyExport.update({
        where: { id: exportId },
        data: {
          leadsEligible: ids.length,
          batchesTotal,
          timezoneRequested: timezone.requested,
          timezoneUsed: timezone.used,
        },
      });
      if (passing === 0) throw noEligibleLeads(ids.length, reasons);
      return {
        organizationId: row.organizationId,
        campaignId: row.campaignId,
        counters: {
          eligible: ids.length,
          rejected,
          sent: 0,
          uploaded: 0,
          duplicate: 0,
          invalid: 0,
          blocklisted: 0,
          skipped: 0,
        },
        batchesTotal,
        uploadConcurrency: env.EXPORT_UPLOAD_CONCURRENCY,
        activate: request.activate,
        timezone,
        pollIntervalMs: env.ENGAGEMENT_POLL_INTERVAL,
      };
    },
  };
}

async function eligibleIds(prisma: ActivityDeps['prisma'], campaignId: string): Promise<string[]> {
  const rows = await prisma.$queryRawUnsafe<{ id: string }[]>(
    `WITH ${ELIGIBLE_LEADS_CTE}
     SELECT w.id::text AS id FROM with_email w
     WHERE w.rn = 1 AND w.email_key NOT IN (SELECT e FROM suppressed) ORDER BY w.id`,
    campaignId,
  );
  return rows.map((r) => r.id);
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
