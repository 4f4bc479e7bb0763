import { toInstantlyLead, type BusinessRow } from '../activities/export-leads';
import { DEFAULT_ORGANIZATION_ID } from '../contracts/organization';
import { mapBounded } from '../lib/concurrency';
import { createInstantlyClient } from '../lib/instantly';
import type { PrismaClient } from '../lib/prisma';

/** Seeds one campaign with n businesses (every column an export reads), in one statement. */
export async function seedBusinesses(prisma: PrismaClient, n: number): Promise<string> {
  await prisma.organization.upsert({
    where: { id: DEFAULT_ORGANIZATION_ID },
    create: { id: DEFAULT_ORGANIZATION_ID, name: 'Bench' },
    update: {},
  });
  const campaign = await prisma.campaign.create({
    data: { organizationId: DEFAULT_ORGANIZATION_ID, name: `Bench ${n}` },
  });
  await prisma.$executeRawUnsafe(
    `INSERT INTO gmaps_businesses (id, campaign_id, name, email, category, city, state, rating, reviews_count, website, phone,
       icebreaker, subject_line, created_at, updated_at)
     SELECT gen_random_uuid(), $1::uuid, 'Business ' || g, 'lead' || g || '@bench-' || (g % 997) || '.example.com', 'Dentist',
            'Austin', 'TX', 4.5, g % 500, 'https://b' || g || '.example.com', '+1-555-0100',
            'Loved your ' || (g % 500) || ' reviews, Business ' || g || '.', 'Idea for Business ' || g,
            now() + g * interval '1 microsecond', now()
     FROM generate_series(1, $2::int) g`,
    campaign.id,
    n,
  );
  await prisma.$executeRawUnsafe('ANALYZE gmaps_businesses'); // as autovacuum would after a bulk load
  return campaign.id;
}

/** The same HTTP calls without Temporal: page the leads, map them, POST /leads/add with the same concurrency. */
export async function plainLoop(
  prisma: PrismaClient,
  campaignId: string,
  apiUrl: string,
  apiKey: string,
  concurrency: number,
): Promise<number> {
  const client = createInstantlyClient({ apiKey, baseUrl: apiUrl });
  const started = Date.now();
  const target = await client.createCampaign({
    name: 'plain loop',
    campaign_schedule: {
      schedules: [
        {
          name: 's',
          timing: { from: '09:00', to: '17:00' },
          days: { '1': true },
          timezone: 'America/Chicago',
        },
      ],
    },
    sequences: [
      {
        steps: [
          { type: 'email', delay: 0, variants: [{ subject: '{{subject_line}}', body: '{{icebreaker}}' }] },
        ],
      },
    ],
  });
  const ids = (
    await prisma.business.findMany({ where: { campaignId }, select: { id: true }, orderBy: { id: 'asc' } })
  ).map((b) => b.id);
  const slices = Array.from({ length: Math.ceil(ids.length / 1000) }, (_, i) =>
    ids.slice(i * 1000, (i + 1) * 1000),
  );
  await mapBounded(slices, concurrency, async (slice) => {
    const rows = (await prisma.business.findMany({ where: { id: { in: slice } } })) as BusinessRow[];
    await client.addLeads({
      campaign_id: target.id,
      leads: rows.map((b) => toInstantlyLead(b)),
      skip_if_in_campaign: true,
    });
  });
  return Date.now() - started;
}
