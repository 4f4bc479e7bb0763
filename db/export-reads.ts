import type { PrismaClient } from '../lib/prisma';

/** An export row (the model InstantlyExport, table gmaps_instantly_campaigns). */
export type ExportRow = NonNullable<Awaited<ReturnType<PrismaClient['instantlyExport']['findUnique']>>>;

/** The organization's export, or null (unknown, or another organization's). */
export async function findExport(
  prisma: PrismaClient,
  organizationId: string,
  exportId: string,
): Promise<ExportRow | null> {
  return prisma.instantlyExport.findFirst({ where: { id: exportId, organizationId } });
}

/**
 * The exports of the organization's campaign, oldest first (newest first with `newestFirst`, at most `take`);
 * null when the campaign is unknown or another organization's.
 */
export async function exportsOfCampaign(
  prisma: PrismaClient,
  organizationId: string,
  campaignId: string,
  opts: { newestFirst?: boolean; take?: number } = {},
): Promise<ExportRow[] | null> {
  const campaign = await prisma.campaign.findFirst({
    where: { id: campaignId, organizationId },
    select: {
      id: true,
      exports: {
        where: { organizationId },
        orderBy: { createdAt: opts.newestFirst ? 'desc' : 'asc' },
        ...(opts.take === undefined ? {} : { take: opts.take }),
      },
    },
  });
  return campaign ? campaign.exports : null;
}
