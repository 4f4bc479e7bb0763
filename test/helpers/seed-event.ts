import { randomUUID } from 'node:crypto';
import type { PrismaClient } from '../../lib/prisma';
import { seedCampaign } from './seed';

/**
 * One applied engagement event of a fresh export (campaign + export row, no Instantly side): what delivery to
 * subscribers works on. Returns the event id.
 */
export async function seedAppliedEvent(prisma: PrismaClient): Promise<string> {
  const { campaignId, organizationId } = await seedCampaign(prisma, {
    businesses: [{ name: 'Cafe', email: 'owner@cafe.example' }],
  });
  const exportId = randomUUID();
  await prisma.instantlyExport.create({
    data: {
      id: exportId,
      organizationId,
      campaignId,
      instantlyCampaignId: randomUUID(),
      instantlyName: 'Seeded',
      nameTag: `[ib-${exportId.slice(0, 8)}]`,
      status: 'completed',
      workflowId: `export/${exportId}`,
      request: {},
      requestHash: exportId,
    },
  });
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
