import type { ExportCounters, ExportResult, ExportStatus } from '../contracts/export';
import type { ActivityDeps } from './deps';

/** The export row's counters in the API's shape (sent = uploaded + duplicate + invalid + blocklisted + skipped). */
export function countersOf(row: {
  leadsEligible: number;
  leadsSent: number;
  leadsUploaded: number;
  leadsDuplicate: number;
  leadsInvalid: number;
  leadsBlocklisted: number;
  leadsSkipped: number;
}): ExportCounters {
  const sent = row.leadsSent;
  return {
    eligible: row.leadsEligible,
    rejected: Math.max(0, row.leadsEligible - sent),
    sent,
    uploaded: row.leadsUploaded,
    duplicate: row.leadsDuplicate,
    invalid: row.leadsInvalid,
    blocklisted: row.leadsBlocklisted,
    skipped: row.leadsSkipped,
  };
}

/** Step 4b: record the outcome. */
export function createResultActivity({ prisma }: ActivityDeps) {
  return {
    /**
     * Writes the final status on the export row and, for a completed export, the campaign's
     * exported_to_instantly / instantly_export_date / instantly_campaign_count (recounted, so repeating is
     * harmless), and drops the export's batch plan. Returns ids and counts only.
     */
    async recordExportResult(input: {
      exportId: string;
      status: Exclude<ExportStatus, 'running'>;
      error?: { type: string; message: string };
    }): Promise<ExportResult> {
      const { exportId, status, error } = input;
      const row = await prisma.$transaction(async (tx) => {
        const updated = await tx.instantlyExport.update({
          where: { id: exportId },
          data: {
            status,
            completedAt: new Date(),
            errorType: error?.type ?? null,
            errorMessage: error?.message ?? null,
          },
        });
        // The batch plan served the uploads; nothing reads it once the export has ended.
        await tx.instantlyExportBatchPlan.deleteMany({ where: { exportId } });
        if (status === 'completed') {
          const count = await tx.instantlyExport.count({
            where: { campaignId: updated.campaignId, status: 'completed' },
          });
          await tx.campaign.update({
            where: { id: updated.campaignId },
            data: {
              exportedToInstantly: true,
              instantlyExportDate: updated.completedAt,
              instantlyCampaignCount: count,
            },
          });
        }
        return updated;
      });
      return {
        exportId,
        status,
        instantlyCampaignId: row.instantlyCampaignId,
        activated: row.activated,
        counters: countersOf(row),
        error: error ?? null,
      };
    },
  };
}
