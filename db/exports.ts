import type { ExportStatus } from '../contracts/export';
import type { PrismaClient } from '../lib/prisma';

// The export aggregate's row (gmaps_instantly_campaigns): every read and write of it by the export workflow's
// activities. Batch plans, batches and the ledger are in db/export-batches.ts.

/** The export row, or null. */
export function findExport(prisma: PrismaClient, exportId: string) {
  return prisma.instantlyExport.findUnique({ where: { id: exportId } });
}

/** One export row as findExport returns it. */
export type ExportRow = NonNullable<Awaited<ReturnType<typeof findExport>>>;

/** Records the Instantly campaign the export created or adopted, and the name it carries. */
export async function setInstantlyCampaign(
  prisma: PrismaClient,
  exportId: string,
  campaign: { instantlyCampaignId: string; instantlyName: string },
): Promise<void> {
  await prisma.instantlyExport.update({ where: { id: exportId }, data: campaign });
}

/** Records that the Instantly campaign was activated. */
export async function markActivated(prisma: PrismaClient, exportId: string): Promise<void> {
  await prisma.instantlyExport.update({ where: { id: exportId }, data: { activated: true } });
}

/** What pre-flight found: lead counts, batches to upload and the timezone used. */
export async function recordPreflight(
  prisma: PrismaClient,
  exportId: string,
  found: {
    leadsEligible: number;
    leadsAlreadyExported: number;
    batchesTotal: number;
    timezoneRequested: string;
    timezoneUsed: string;
  },
): Promise<void> {
  await prisma.instantlyExport.update({ where: { id: exportId }, data: found });
}

/**
 * Writes the final status on the export row and, for a completed export, the campaign's
 * exported_to_instantly / instantly_export_date / instantly_campaign_count (recounted, so repeating is
 * harmless), and drops the export's batch plan, in one transaction. A failed or cancelled export releases its
 * identical-request slot. Returns the updated row.
 */
export function finishExport(
  prisma: PrismaClient,
  exportId: string,
  status: Exclude<ExportStatus, 'running'>,
  error: { type: string; message: string } | undefined,
): Promise<ExportRow> {
  return prisma.$transaction(async (tx) => {
    const updated = await tx.instantlyExport.update({
      where: { id: exportId },
      data: {
        status,
        completedAt: new Date(),
        errorType: error?.type ?? null,
        errorMessage: error?.message ?? null,
        // A failed or cancelled export stops answering identical requests: the retry may start anew (the
        // leads it did send are held back by pre-flight as already exported).
        ...(status === 'completed' ? {} : { dedupeHash: null }),
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
}
