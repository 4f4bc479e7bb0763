import type { PrismaClient } from '../../lib/prisma';

export interface SeedBusiness {
  name: string;
  email?: string | null;
  bounced?: boolean;
  unsubscribed?: boolean;
  [key: string]: unknown;
}

export { DEFAULT_ORGANIZATION_ID as DEFAULT_ORG_ID } from '../../contracts/organization';
import { DEFAULT_ORGANIZATION_ID as DEFAULT_ORG_ID } from '../../contracts/organization';

/** Inserts an organization (once), a campaign and its businesses; returns the campaign id. */
export async function seedCampaign(
  prisma: PrismaClient,
  opts: { name?: string; organizationId?: string; businesses: SeedBusiness[] },
): Promise<{ campaignId: string; organizationId: string }> {
  const organizationId = opts.organizationId ?? DEFAULT_ORG_ID;
  await prisma.organization.upsert({
    where: { id: organizationId },
    create: { id: organizationId, name: 'Test org' },
    update: {},
  });
  const campaign = await prisma.campaign.create({
    data: { organizationId, name: opts.name ?? 'Test campaign' },
  });
  await prisma.business.createMany({
    data: opts.businesses.map(({ bounced, unsubscribed, ...b }, i) => ({
      ...b,
      name: b.name,
      email: b.email ?? null,
      campaignId: campaign.id,
      createdAt: new Date(Date.UTC(2026, 0, 1, 0, 0, i)),
      instantlyBouncedAt: bounced ? new Date() : null,
      instantlyUnsubscribedAt: unsubscribed ? new Date() : null,
    })),
  });
  return { campaignId: campaign.id, organizationId };
}
