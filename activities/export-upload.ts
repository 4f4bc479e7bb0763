import { Context, heartbeat } from '@temporalio/activity';
import type { BatchResult } from '../contracts/export';
import { findBatch, recordBatch, type LeadOutcome } from '../db/export-batches';
import { planBatchLeads } from '../db/leads';
import type { AddLeadsResult, InstantlyClient } from '../lib/instantly';
import type { ActivityDeps } from './deps';
import { toInstantlyLead, type InstantlyLead } from './export-leads';
import { batchFigures, batchSummary, classifyBatch, toBatchResult } from './export-outcomes';
import { loadExport } from './export-row';
import { instantlyCall } from './instantly-failures';

interface PendingLead {
  businessId: string;
  lead: InstantlyLead;
}

interface UploadTarget {
  client: InstantlyClient;
  campaignId: string;
  /** Instantly's skip_if_in_campaign ("in ANY campaign"): off only when the caller allows re-export. */
  skipIfInCampaign: boolean;
}

/**
 * Step 3, one batch: uploads the batch's planned leads with `POST /leads/add` and, in one statement, records
 * the batch row, each lead's ledger outcome and the export's counters. Safe to repeat: a recorded batch is
 * returned as is; a retried attempt first asks Instantly which of the batch's leads already exist in the
 * campaign (a lost response, a killed worker) and sends only the rest.
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
      // The two reads are independent: run them together (a recorded batch makes the export row unneeded).
      const [done, { row, request }] = await Promise.all([
        findBatch(prisma, exportId, batchNo),
        loadExport(prisma, exportId),
      ]);
      if (done) return toBatchResult(done);
      const planned = await planBatchLeads(prisma, exportId, batchNo, request.extraVariables ?? []);
      const leads = planned.map((b) => ({
        businessId: b.id,
        lead: toInstantlyLead(b, request.extraVariables, request.variableDefaults),
      }));
      const target: UploadTarget = {
        client: await instantlyCall(() => instantly.forOrganization(row.organizationId)),
        campaignId: row.instantlyCampaignId!,
        skipIfInCampaign: request.allowReexport !== true,
      };
      // A bulk add can take long upstream: keep heartbeating while it runs, so only a dead worker times out.
      const ticker = setInterval(() => heartbeat({ batchNo, phase: 'waiting' }), 5000);
      try {
        const { outcomes, response } = await upload(target, batchNo, leads);
        heartbeat({ batchNo, phase: 'recording' });
        return await recordOutcomes(prisma, exportId, batchNo, outcomes, response);
      } finally {
        clearInterval(ticker);
      }
    },
  };
}

/** Sends the leads Instantly does not hold yet (on a retry it is asked first) and classifies every lead. */
async function upload(
  target: UploadTarget,
  batchNo: number,
  leads: PendingLead[],
): Promise<{ outcomes: LeadOutcome[]; response: AddLeadsResult | null }> {
  const existing =
    Context.current().info.attempt > 1
      ? await alreadyInCampaign(
          target,
          leads.map((l) => l.lead),
        )
      : new Map<string, string>();
  heartbeat({ batchNo, phase: 'uploading', reconciled: existing.size });
  const key = (l: PendingLead) => l.lead.email!.toLowerCase();
  const toSend = leads.filter((l) => !existing.has(key(l)));
  const response = toSend.length
    ? await instantlyCall(() =>
        target.client.addLeads({
          campaign_id: target.campaignId,
          leads: toSend.map((l) => l.lead),
          skip_if_in_campaign: target.skipIfInCampaign,
        }),
      )
    : null;
  const found: LeadOutcome[] = leads
    .filter((l) => existing.has(key(l)))
    .map((l) => ({
      businessId: l.businessId,
      outcome: 'uploaded',
      reason: 'found in campaign on retry',
      instantlyLeadId: existing.get(key(l))!,
    }));
  return { outcomes: [...found, ...classifyBatch(toSend, response)], response };
}

/** Lower-cased e-mail → Instantly lead id of the given leads already in the campaign (100 per lookup). */
async function alreadyInCampaign(target: UploadTarget, leads: InstantlyLead[]): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  const emails = leads.map((l) => l.email!.toLowerCase());
  for (let i = 0; i < emails.length; i += 100) {
    const contacts = emails.slice(i, i + 100);
    const page = await instantlyCall(() =>
      target.client.listLeads({ campaign: target.campaignId, contacts, limit: 100 }),
    );
    for (const lead of page.items) if (lead.email) found.set(lead.email.toLowerCase(), lead.id);
    heartbeat({ reconciling: i });
  }
  return found;
}

/**
 * Records a batch's outcomes exactly once (see recordBatch); `r` is Instantly's answer to the upload, null when
 * nothing was sent. Returns the batch's figures — the first recording's, should another attempt have won.
 */
export async function recordOutcomes(
  prisma: ActivityDeps['prisma'],
  exportId: string,
  batchNo: number,
  outcomes: LeadOutcome[],
  r: AddLeadsResult | null,
): Promise<BatchResult> {
  const figures = batchFigures(batchNo, outcomes, r);
  const summary = batchSummary(r, outcomes.length - (r?.total_sent ?? 0));
  return toBatchResult(await recordBatch(prisma, exportId, figures, outcomes, summary));
}
