import { DEFAULT_ORGANIZATION_ID } from '../contracts/organization';
import type { BusinessInput } from '../contracts/schemas/campaign-import';
import type { PrismaClient } from './prisma';

const toRow = (campaignId: string, b: BusinessInput) => ({
  campaignId,
  name: b.name,
  email: b.email || null,
  firstName: b.first_name ?? null,
  lastName: b.last_name ?? null,
  category: b.category ?? null,
  city: b.city ?? null,
  state: b.state ?? null,
  address: b.address ?? null,
  postalCode: b.postal_code ?? null,
  rating: b.rating ?? null,
  reviewsCount: b.reviews_count ?? null,
  website: b.website ?? null,
  phone: b.phone ?? null,
  icebreaker: b.icebreaker ?? null,
  subjectLine: b.subject_line ?? null,
});

/** Standalone use without the lead-generation platform: create a campaign and add businesses (API, CSV CLI, demo). */
export function campaignImport(prisma: PrismaClient) {
  return {
    async createCampaign(input: {
      name: string;
      keywords?: string;
      location?: string;
      businesses: BusinessInput[];
      organizationId?: string;
    }) {
      return prisma.$transaction(async (tx) => {
        const campaign = await tx.campaign.create({
          data: {
            organizationId: input.organizationId ?? DEFAULT_ORGANIZATION_ID,
            name: input.name,
            keywords: input.keywords,
            location: input.location,
          },
        });
        await tx.business.createMany({ data: input.businesses.map((b) => toRow(campaign.id, b)) });
        return { id: campaign.id, businessCount: input.businesses.length };
      });
    },
    async addBusinesses(campaignId: string, businesses: BusinessInput[]) {
      const { count } = await prisma.business.createMany({
        data: businesses.map((b) => toRow(campaignId, b)),
      });
      return { campaignId, added: count };
    },
  };
}
