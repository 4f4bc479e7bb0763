import request from 'supertest';
import { engagementWorkflowId } from '../../contracts/workflow-ids';
import { campaignEngagementWorkflow } from '../../workflows';
import {
  ENGAGEMENT_API_TOKEN,
  settled,
  startEngagementStack,
  type EngagementStack,
} from '../helpers/engagement-stack';
import { seedExport } from '../helpers/seed-export';
import { startSubscriber, type Subscriber } from '../helpers/subscriber';

// A poll that runs while webhooks are still in flight synthesizes events from Instantly's lead counters; the
// real webhooks then arrive under their own keys. Subscribers (the n8n trigger) must get each real event once
// and never the synthesized stand-in, or one reply would run their workflow twice.
describe('engagement: poll-synthesized events are applied but never delivered to subscribers', () => {
  let stack: EngagementStack;
  let subscriber: Subscriber;

  beforeAll(async () => {
    stack = await startEngagementStack({ name: 'engagement-poll-delivery' });
    expect((await stack.request('POST', '/api/instantly/webhooks')).status).toBe(201);
  });
  afterAll(async () => {
    await subscriber?.close();
    await stack?.stop();
  });

  it('delivers the late real events exactly once, the poll stand-ins not at all', async () => {
    const seeded = await seedExport(stack.prisma, stack.instantly, { leads: 80 });
    subscriber = await startSubscriber();
    const types = ['reply_received', 'email_opened'];
    const sub = await request(stack.apiUrl)
      .post('/api/subscriptions')
      .set({ authorization: `Bearer ${ENGAGEMENT_API_TOKEN}` })
      .send({ targetUrl: subscriber.url, eventTypes: types, campaignIds: [seeded.campaignId] });
    expect(sub.status).toBe(201);

    // The story happens in Instantly, but its webhooks are still "in flight" (not delivered at all yet).
    const payloads = await stack.sim.generateStory(seeded.instantlyCampaignId, { seed: 5, replyRate: 0.3 });
    const handle = await stack.temporal.workflow.start(campaignEngagementWorkflow, {
      taskQueue: stack.taskQueue,
      workflowId: engagementWorkflowId(seeded.instantlyCampaignId),
      args: [
        { instantlyCampaignId: seeded.instantlyCampaignId, exportId: seeded.exportId, pollIntervalMs: 500 },
      ],
    });
    await handle.result(); // the campaign is completed in Instantly: a sync repairs from lead counters, ends
    const polled = await stack.prisma.instantlyEvent.count({
      where: { exportId: seeded.exportId, source: 'poll', eventType: { in: types } },
    });
    expect(polled).toBeGreaterThan(10);
    expect(subscriber.received).toHaveLength(0);

    // Now the real webhooks arrive (each twice): a new engagement run applies and delivers them.
    const summary = await stack.sim.deliver(payloads, { duplicates: true, concurrency: 8 });
    expect(summary).toMatchObject({ failed: 0, notDelivered: 0 });
    await settled(stack, seeded);
    const real = await stack.prisma.instantlyEvent.findMany({
      where: { exportId: seeded.exportId, source: 'webhook', eventType: { in: types } },
      select: { dedupeKey: true },
    });
    expect(real.length).toBe(payloads.filter((p) => types.includes(p.event_type)).length);
    expect(subscriber.ids().sort()).toEqual(real.map((e) => e.dedupeKey).sort());
    expect(subscriber.duplicates()).toBe(0);
    const replies = subscriber.received
      .map((r) => JSON.parse(r.body) as { type: string; leadEmail: string; replyText?: string })
      .filter((b) => b.type === 'reply_received');
    expect(replies.length).toBeGreaterThan(5);
    expect(new Set(replies.map((r) => r.leadEmail)).size).toBe(replies.length); // one per replying lead
    for (const r of replies) expect(r.replyText).toEqual(expect.any(String)); // the real event, with its text
  });
});
