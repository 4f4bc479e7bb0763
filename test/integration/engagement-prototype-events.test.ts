import { randomUUID } from 'node:crypto';
import { engagementWorkflowId } from '../../contracts/workflow-ids';
import {
  ENGAGEMENT_WEBHOOK_SECRET,
  eventually,
  startEngagementStack,
  type EngagementStack,
} from '../helpers/engagement-stack';
import { seedExport } from '../helpers/seed-export';

// Every name that reached Object.prototype through `COUNTERS[t]` (issue 10 item 2).
const NAMES = [...new Set([...Object.getOwnPropertyNames(Object.prototype), '__proto__'])];

describe('engagement: Object.prototype names as event types (real engines)', () => {
  let stack: EngagementStack;
  beforeAll(async () => {
    stack = await startEngagementStack({ name: 'prototype-events', env: { ENGAGEMENT_POLL_INTERVAL: '1h' } });
  });
  afterAll(async () => stack?.stop());

  const deliver = async (payload: Record<string, unknown>) => {
    const res = await fetch(`${stack.apiUrl}/api/webhooks/instantly`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-webhook-secret': ENGAGEMENT_WEBHOOK_SECRET },
      body: JSON.stringify(payload),
    });
    return res.status;
  };

  it('stores and skips them; later email_opened events of the same campaign are applied', async () => {
    const seeded = await seedExport(stack.prisma, stack.instantly, { leads: 3 });
    const event = (eventType: string, email: string) => ({
      timestamp: new Date().toISOString(),
      event_type: eventType,
      campaign_id: seeded.instantlyCampaignId,
      lead_email: email,
      email_id: randomUUID(),
      step: 1,
      variant: 1,
    });
    const lead = seeded.businesses[0]!.email;
    for (const name of NAMES) expect(await deliver(event(name, lead))).toBe(200);
    // The prototype-named events are applied (claimed) first, so a broken apply would stall the opens below.
    await eventually(async () => {
      const pending = await stack.prisma.instantlyEvent.count({
        where: { exportId: seeded.exportId, appliedAt: null },
      });
      return pending === 0 ? true : undefined;
    }, 'the prototype-named events to be applied');
    for (const b of seeded.businesses) expect(await deliver(event('email_opened', b.email))).toBe(200);

    const counters = await eventually(async () => {
      const row = await stack.prisma.instantlyExport.findUniqueOrThrow({ where: { id: seeded.exportId } });
      return row.openedCount === 3 ? row : undefined;
    }, 'the opens to be applied');
    expect(counters).toMatchObject({ openedCount: 3, emailsSentCount: 0, repliedCount: 0 });
    const stored = await stack.prisma.instantlyEvent.findMany({
      where: { exportId: seeded.exportId, eventType: { in: NAMES } },
    });
    expect(stored.map((e) => e.eventType).sort()).toEqual([...NAMES].sort());
    for (const e of stored) expect(e).toMatchObject({ knownType: false, appliedAt: expect.any(Date) });
    const opened = await stack.prisma.business.count({
      where: { id: { in: seeded.businesses.map((b) => b.id) }, instantlyOpenedAt: { not: null } },
    });
    expect(opened).toBe(3);
    await stack.temporal.workflow
      .getHandle(engagementWorkflowId(seeded.instantlyCampaignId))
      .terminate('test done')
      .catch(() => undefined);
  });
});
