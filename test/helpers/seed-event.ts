import { randomUUID } from 'node:crypto';
import type { PrismaClient } from '../../lib/prisma';
import { seedCampaign } from './seed';

/** A completed export row of the campaign (no Instantly side); returns its id. */
export async function seedExportRow(
  prisma: PrismaClient,
  c: { organizationId: string; campaignId: string },
): Promise<string> {
  const exportId = randomUUID();
  await prisma.instantlyExport.create({
    data: {
      id: exportId,
      organizationId: c.organizationId,
      campaignId: c.campaignId,
      instantlyCampaignId: randomUUID(),
      instantlyName: 'Seeded',
      nameTag: `[ib-${exportId.slice(0, 8)}]`,
      status: 'completed',
      workflowId: `export/${exportId}`,
      request: {},
      requestHash: exportId,
    },
  });
  return exportId;
}

/**
 * One applied engagement event of a fresh export (campaign + export row, no Instantly side): what delivery to
 * subscribers works on. Returns the event id.
 */
export async function seedAppliedEvent(prisma: PrismaClient): Promise<string> {
  const { campaignId, organizationId } = await seedCampaign(prisma, {
    businesses: [{ name: 'Cafe', email: 'owner@cafe.example' }],
  });
  const exportId = await seedExportRow(prisma, { organizationId, campaignId });
  const event = await prisma.instantlyEvent.create({
    data: {
      organizationId,
      dedupeKey: `seed-${randomUUID()}`,
      exportId,
      eventType: 'email_opened',
      leadEmail: 'owner@cafe.example',
      occurredAt: new Date(),
      payload: {},
      appliedAt: new Date(),
    },
  });
  return String(event.id);
}
