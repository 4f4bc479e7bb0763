import type { PrismaClient } from '../lib/prisma';

/** True when the campaign exists AND belongs to the organization (another organization's is "not found"). */
export async function campaignExists(
  prisma: PrismaClient,
  organizationId: string,
  campaignId: string,
): Promise<boolean> {
  const row = await prisma.campaign.findFirst({
    where: { id: campaignId, organizationId },
    select: { id: true },
  });
  return row !== null;
}

/** The organization's campaign with its number of businesses, or null (unknown, or another organization's). */
export async function findCampaign(prisma: PrismaClient, organizationId: string, campaignId: string) {
  const campaign = await prisma.campaign.findFirst({
    where: { id: campaignId, organizationId },
    include: { _count: { select: { businesses: true } } },
  });
  if (!campaign) return null;
  const { _count, ...rest } = campaign;
  return { ...rest, businessCount: _count.businesses };
}
