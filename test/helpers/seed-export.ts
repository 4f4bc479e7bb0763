import { randomUUID } from 'node:crypto';
import type { InstantlyClient } from '../../lib/instantly';
import type { PrismaClient } from '../../lib/prisma';
import { makeBusinesses } from '../fixtures/businesses';
import { seedCampaign } from './seed';

/** What seedExport created: our campaign + export rows and the matching ACTIVE Instantly campaign. */
export interface SeededExport {
  campaignId: string;
  organizationId: string;
  exportId: string;
  instantlyCampaignId: string;
  businesses: Array<{ id: string; email: string }>;
}

/**
 * Stands in for a finished export: a campaign with `leads` businesses, an Instantly campaign (3 steps, A/B on
 * step 2) holding the same leads and activated, the export row (id = exportId) with its instantly_campaign_id,
 * and an 'uploaded' ledger row per business — what the export workflow leaves behind.
 */
export async function seedExport(
  prisma: PrismaClient,
  client: InstantlyClient,
  opts: { leads: number; prefix?: string; name?: string; organizationId?: string },
): Promise<SeededExport> {
  const prefix = opts.prefix ?? `e${randomUUID().slice(0, 6)}`;
  const { campaignId, organizationId } = await seedCampaign(prisma, {
    name: opts.name ?? 'Engagement campaign',
    ...(opts.organizationId ? { organizationId: opts.organizationId } : {}),
    businesses: makeBusinesses(opts.leads, prefix),
  });
  const businesses = (
    await prisma.business.findMany({
      where: { campaignId },
      select: { id: true, email: true },
      orderBy: { createdAt: 'asc' },
    })
  ).map((b) => ({ id: b.id, email: b.email! }));
  const campaign = await client.createCampaign({
    name: `${opts.name ?? 'Engagement'} ${prefix}`,
    campaign_schedule: {
      schedules: [
        {
          name: 'Weekdays',
          timing: { from: '09:00', to: '17:00' },
          days: { '1': true, '2': true, '3': true, '4': true, '5': true },
          timezone: 'America/Chicago',
        },
      ],
    },
    sequences: [
      {
        steps: [
          { type: 'email', delay: 2, variants: [{ subject: 'Hi {{firstName}}', body: '<div>Hello</div>' }] },
          {
            type: 'email',
            delay: 3,
            variants: [
              { subject: 'Follow-up A', body: '<div>A</div>' },
              { subject: 'Follow-up B', body: '<div>B</div>' },
            ],
          },
          { type: 'email', delay: 0, variants: [{ subject: 'Last one', body: '<div>Bye</div>' }] },
        ],
      },
    ],
    email_list: ['sender@outbound.example'],
  });
  for (let i = 0; i < businesses.length; i += 1000) {
    await client.addLeads({
      campaign_id: campaign.id,
      leads: businesses.slice(i, i + 1000).map((b, j) => ({ email: b.email, first_name: `First${i + j}` })),
    });
  }
  await client.activateCampaign(campaign.id);
  const exportId = randomUUID();
  await prisma.instantlyExport.create({
    data: {
      id: exportId,
      organizationId,
      campaignId,
      instantlyCampaignId: campaign.id,
      instantlyName: campaign.name,
      nameTag: `[ib-${exportId.slice(0, 8)}]`,
      status: 'completed',
      workflowId: `export/${exportId}`,
      request: {},
      requestHash: exportId,
      activated: true,
      leadsEligible: businesses.length,
      leadsSent: businesses.length,
      leadsUploaded: businesses.length,
    },
  });
  await prisma.instantlyExportLead.createMany({
    data: businesses.map((b) => ({ exportId, businessId: b.id, batchNo: 0, outcome: 'uploaded' })),
  });
  return { campaignId, organizationId, exportId, instantlyCampaignId: campaign.id, businesses };
}
