import { Context, heartbeat } from '@temporalio/activity';
import type { BatchResult } from '../contracts/export';
import type { AddLeadsResult, InstantlyClient } from '../lib/instantly';
import type { ActivityDeps } from './deps';
import { planBatchLeads, toInstantlyLead, type InstantlyLead } from './export-leads';
import { loadExport } from './export-row';
import { instantlyCall } from './instantly-failures';

type Outcome = 'uploaded' | 'duplicate' | 'invalid' | 'blocklisted' | 'skipped';
interface LeadOutcome {
  businessId: string;
  outcome: Outcome;
  reason: string | null;
  instantlyLeadId: string | null;
}

/**
 * Step 3, one batch: uploads the batch's pending leads with `POST /leads/add` (skip_if_in_campaign) and, in one
 * transaction, records the batch row, each lead's ledger outcome and the export's counters. Safe to repeat:
 * a recorded batch is returned as is; a retried attempt first asks Instantly which of the batch's leads already
 * exist in the campaign (a lost response, a killed worker) and sends only the rest.
 */
export function createUploadActivity({ prisma, instantly }: ActivityDeps) {
  return {
    async uploadLeadBatch({
      exportId,
      batchNo,
    }: {
      exportId: string;
      batchNo: number;
    }): Promise<BatchResult> {
      // The three reads are independent: run them together (a recorded batch discards the other two).
      const [done, { row, request }] = await Promise.all([
        prisma.instantlyExportBatch.findUnique({ where: { exportId_batchNo: { exportId, batchNo } } }),
        loadExport(prisma, exportId),
      ]);
      if (done) return toResult(done);
      const pending = await planBatchLeads(prisma, exportId, batchNo, request.extraVariables ?? []);
      const leads = pending.map((b) => ({
        businessId: b.id,
        lead: toInstantlyLead(b, request.extraVariables, request.variableDefaults),
      }));
      const client = await instantlyCall(() => instantly.forOrganization(row.organizationId));
      const campaignId = row.instantlyCampaignId!;
      // A bulk add can take long upstream: keep heartbeating while it runs, so only a dead worker times out.
      const ticker = setInterval(() => heartbeat({ batchNo, phase: 'waiting' }), 5000);
      try {
        return await uploadAndRecord();
      } finally {
        clearInterval(ticker);
      }
      async function uploadAndRecord(): Promise<BatchResult> {
        const existing =
          Context.current().info.attempt > 1
            ? await alreadyInCampaign(
                client,
                campaignId,
                leads.map((l) => l.lead),
              )
            : new Map<string, string>();
        heartbeat({ batchNo, phase: 'uploading', reconciled: existing.size });
        const toSend = leads.filter((l) => !existing.has(l.lead.email!.toLowerCase()));
        const response = toSend.length
          ? await instantlyCall(() =>
              client.addLeads({
                campaign_id: campaignId,
                leads: toSend.map((l) => l.lead),
                skip_if_in_campaign: true,
              }),
            )
          : null;
        heartbeat({ batchNo, phase: 'recording' });
        const outcomes = [
          ...leads
            .filter((l) => existing.has(l.lead.email!.toLowerCase()))
            .map((l) => ({
              businessId: l.businessId,
              outcome: 'uploaded' as const,
              reason: 'found in campaign on retry',
              instantlyLeadId: existing.get(l.lead.email!.toLowerCase())!,
            })),
          ...classify(toSend, response),
        ];
        return record(prisma, exportId, batchNo, outcomes, response);
      }
    },
  };
}

async function alreadyInCampaign(
  client: InstantlyClient,
  campaignId: string,
  leads: InstantlyLead[],
): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  const emails = leads.map((l) => l.email!.toLowerCase());
  for (let i = 0; i < emails.length; i += 100) {
    const contacts = emails.slice(i, i + 100);
    const page = await instantlyCall(() => client.listLeads({ campaign: campaignId, contacts, limit: 100 }));
    for (const lead of page.items) if (lead.email) found.set(lead.email.toLowerCase(), lead.id);
    heartbeat({ reconciling: i });
  }
  return found;
}

/**
 * Per-lead outcomes from Instantly's summary. created_leads names the uploaded ones; the rest are attributed
 * to the one non-zero counter when there is one, else marked skipped with the batch's counters as the reason
 * (Instantly does not say which lead was which).
 */
function classify(
  sent: { businessId: string; lead: InstantlyLead }[],
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

async function record(
  prisma: ActivityDeps['prisma'],
  exportId: string,
  batchNo: number,
  outcomes: LeadOutcome[],
  r: AddLeadsResult | null,
): Promise<BatchResult> {
  const reconciled = outcomes.length - (r?.total_sent ?? 0);
  const c = {
    leadsSent: outcomes.length,
    uploaded: (r?.leads_uploaded ?? 0) + reconciled,
    duplicate: (r?.duplicated_leads ?? 0) + (r?.duplicate_email_count ?? 0),
    invalid: (r?.invalid_email_count ?? 0) + (r?.incomplete_count ?? 0),
    blocklisted: r?.in_blocklist ?? 0,
    skipped: r?.skipped_count ?? 0,
  };
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
    batchNo,
    c.leadsSent,
    c.uploaded,
    c.duplicate,
    c.invalid,
    c.blocklisted,
    c.skipped,
    JSON.stringify(summary(r, reconciled)),
    outcomes.map((o) => o.businessId),
    outcomes.map((o) => o.outcome),
    outcomes.map((o) => o.reason),
    outcomes.map((o) => o.instantlyLeadId),
  );
  if (row?.inserted) return toResult({ batchNo, ...c });
  // Another attempt recorded this batch first: its figures stand.
  return toResult(
    await prisma.instantlyExportBatch.findUniqueOrThrow({
      where: { exportId_batchNo: { exportId, batchNo } },
    }),
  );
}

function toResult(b: {
  batchNo: number;
  leadsSent: number;
  uploaded: number;
  duplicate: number;
  invalid: number;
  blocklisted: number;
  skipped: number;
}): BatchResult {
  return {
    batchNo: b.batchNo,
    sent: b.leadsSent,
    uploaded: b.uploaded,
    duplicate: b.duplicate,
    invalid: b.invalid,
    blocklisted: b.blocklisted,
    skipped: b.skipped,
  };
}

/** Instantly's counters for the batch row, without created_leads (which carries lead emails). */
function summary(r: AddLeadsResult | null, reconciled: number): Record<string, number | string | null> {
  if (!r) return { reconciled };
  const { created_leads: created, ...rest } = r;
  const counters = Object.fromEntries(
    Object.entries(rest).filter(([, v]) => ['number', 'string'].includes(typeof v) || v === null),
  );
  return { ...(counters as Record<string, number | string | null>), created: created.length, reconciled };
}
