import {
  businessInputSchema,
  createCampaignSchema,
  type BusinessInput,
} from '../contracts/schemas/campaign-import';
import type { PrismaClient } from '../lib/prisma';
import { campaignExists } from './campaigns';

/** A line of a streamed import that is not valid; the whole import was rolled back. */
export class ImportLineError extends Error {
  override name = 'ImportLineError';
  constructor(
    readonly line: number,
    readonly details: { path: string; message: string }[],
  ) {
    super(`line ${line}: ${details.map((d) => `${d.path} ${d.message}`).join('; ')}`);
  }
}

const IMPORT_BATCH = 1000;
// One import is one transaction, held open while the client streams: allow a large file to finish.
const IMPORT_TIMEOUT_MS = 60 * 60_000;

function parseLine<T>(
  schema: {
    safeParse(
      v: unknown,
    ):
      | { success: true; data: T }
      | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } };
  },
  line: number,
  text: string,
): T {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new ImportLineError(line, [{ path: '(line)', message: 'is not JSON' }]);
  }
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  throw new ImportLineError(
    line,
    r.error.issues.map((i) => ({ path: i.path.map(String).join('.') || '(line)', message: i.message })),
  );
}

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

/**
 * Standalone use without the lead-generation platform (POST /api/campaigns, /api/campaigns/import,
 * /api/campaigns/:id/businesses): creates the organization's campaigns and adds businesses to them.
 */
export function campaignImport(prisma: PrismaClient) {
  return {
    /** A campaign of the organization with its businesses, in one transaction. */
    async createCampaign(
      organizationId: string,
      input: { name: string; keywords?: string; location?: string; businesses: BusinessInput[] },
    ) {
      return prisma.$transaction(async (tx) => {
        const campaign = await tx.campaign.create({
          data: { organizationId, name: input.name, keywords: input.keywords, location: input.location },
        });
        await tx.business.createMany({ data: input.businesses.map((b) => toRow(campaign.id, b)) });
        return { id: campaign.id, businessCount: input.businesses.length };
      });
    },
    /**
     * Creates a campaign of the organization from a stream of lines — the first `{ name, keywords?, location? }`,
     * then one business per line — in ONE transaction: a bad line anywhere (or a dropped connection) leaves
     * nothing behind. Businesses are inserted in batches of 1,000 as they arrive, so memory does not grow.
     */
    async importStream(organizationId: string, lines: AsyncIterable<{ line: number; text: string }>) {
      return prisma.$transaction(
        async (tx) => {
          let campaignId: string | undefined;
          let batch: BusinessInput[] = [];
          let count = 0;
          const flush = async () => {
            if (batch.length === 0) return;
            await tx.business.createMany({ data: batch.map((b) => toRow(campaignId!, b)) });
            count += batch.length;
            batch = [];
          };
          for await (const { line, text } of lines) {
            if (!campaignId) {
              const head = parseLine(createCampaignSchema.omit({ businesses: true }).strict(), line, text);
              campaignId = (await tx.campaign.create({ data: { organizationId, ...head } })).id;
              continue;
            }
            batch.push(parseLine(businessInputSchema, line, text));
            if (batch.length >= IMPORT_BATCH) await flush();
          }
          if (!campaignId)
            throw new ImportLineError(1, [{ path: 'name', message: 'is missing (empty import)' }]);
          await flush();
          return { id: campaignId, businessCount: count };
        },
        { timeout: IMPORT_TIMEOUT_MS, maxWait: 10_000 },
      );
    },
    /** Adds businesses to the organization's campaign; null when it is unknown or another organization's. */
    async addBusinesses(organizationId: string, campaignId: string, businesses: BusinessInput[]) {
      if (!(await campaignExists(prisma, organizationId, campaignId))) return null;
      const { count } = await prisma.business.createMany({
        data: businesses.map((b) => toRow(campaignId, b)),
      });
      return { campaignId, added: count };
    },
  };
}
