import type { ExportResult, ExportStatus } from '../contracts/export';
import { countersOf } from '../contracts/export-summary';
import { finishExport } from '../db/exports';
import { recordExportOutcome } from '../lib/metrics/hooks';
import type { ActivityDeps } from './deps';

/** Step 4b: record the outcome. */
export function createResultActivity({ prisma }: ActivityDeps) {
  return {
    /**
     * Writes the final status (see finishExport: the campaign's export flags for a completed export, the batch
     * plan dropped, the identical-request slot released by a failed or cancelled one). Ids and counts only.
     */
    async recordExportResult(input: {
      exportId: string;
      status: Exclude<ExportStatus, 'running'>;
      error?: { type: string; message: string };
    }): Promise<ExportResult> {
      const { exportId, status, error } = input;
      const row = await finishExport(prisma, exportId, status, error);
      recordExportOutcome(status, error?.type, row.createdAt, row.completedAt); // issue 15 metric
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
