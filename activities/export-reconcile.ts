import { heartbeat } from '@temporalio/activity';
import { normalizeEmail } from '../lib/engagement/dedupe';
import { unrecordedBatches } from '../db/export-plan';
import type { LeadOutcome } from '../db/export-batches';
import { planBatchLeads } from '../db/leads';
import type { ActivityDeps } from './deps';
import { loadExport } from './export-row';
import { recordOutcomes } from './export-upload';
import { instantlyCall } from './instantly-failures';

/**
 * What a cancelled export left in Instantly. An upload interrupted by cancellation (a batch in its retry
 * back-off, a response lost just before) may have created leads that no batch row records, so the export would
 * report them as never sent. This asks Instantly which leads of the campaign exist (`POST /leads/list` by
 * campaign, page by page) and records every planned, unrecorded lead it finds as uploaded, batch by batch, with
 * the same exactly-once statement the upload uses (a batch recorded meanwhile keeps its own figures).
 * Returns counts only.
 */
export function createReconcileActivity({ prisma, instantly }: ActivityDeps) {
  return {
    async reconcileCancelledExport({ exportId }: { exportId: string }): Promise<{ found: number }> {
      const { row, request } = await loadExport(prisma, exportId);
      if (!row.instantlyCampaignId) return { found: 0 };
      const open = await unrecordedBatches(prisma, exportId);
      if (open.length === 0) return { found: 0 };
      const client = await instantlyCall(() => instantly.forOrganization(row.organizationId));
      const inCampaign = new Map<string, string>();
      let page = 0;
      for await (const lead of client.iterateLeads({ campaign: row.instantlyCampaignId, limit: 100 })) {
        const email = normalizeEmail(lead.email);
        if (email) inCampaign.set(email, lead.id);
        if (++page % 100 === 0) heartbeat({ listed: page });
      }
      let found = 0;
      for (const batchNo of open) {
        const leads = await planBatchLeads(prisma, exportId, batchNo, request.extraVariables ?? []);
        const outcomes: LeadOutcome[] = [];
        for (const b of leads) {
          const id = inCampaign.get(normalizeEmail(b.email) ?? '');
          if (id)
            outcomes.push({
              businessId: b.id,
              outcome: 'uploaded',
              reason: 'found in Instantly after cancel',
              instantlyLeadId: id,
            });
        }
        if (outcomes.length === 0) continue;
        await recordOutcomes(prisma, exportId, batchNo, outcomes, null);
        found += outcomes.length;
        heartbeat({ batchNo, found });
      }
      return { found };
    },
  };
}
