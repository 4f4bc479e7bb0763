import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { verify } from '../../lib/standard-webhooks';
import {
  ENGAGEMENT_API_TOKEN,
  settled,
  startEngagementStack,
  type EngagementStack,
} from '../helpers/engagement-stack';
import { startSubscriber, type Subscriber } from '../helpers/subscriber';
import { seedExport } from '../helpers/seed-export';
import { checkDelivery, checkResponse } from '../helpers/openapi-check';

// The service side of the n8n trigger: REST-hook subscriptions and Standard-Webhooks-signed deliveries.
describe('engagement subscriptions (supertest against the running stack)', () => {
  let stack: EngagementStack;
  const subscribers: Subscriber[] = [];
  const api = () => request(stack.apiUrl);
  const auth = { authorization: `Bearer ${ENGAGEMENT_API_TOKEN}` };

  beforeAll(async () => {
    stack = await startEngagementStack({ name: 'engagement-subscriptions' });
    expect((await stack.request('POST', '/api/instantly/webhooks')).status).toBe(201);
  });
  afterAll(async () => {
    for (const s of subscribers) await s.close();
    await stack?.stop();
  });

  it('manages subscriptions: upsert per targetUrl with a new secret, list/get without secrets, delete', async () => {
    expect((await api().post('/api/subscriptions').send({ targetUrl: 'http://x.example/h' })).status).toBe(
      401,
    );
    const bad = await api()
      .post('/api/subscriptions')
      .set(auth)
      .send({ targetUrl: 'ftp://x', campaignIds: ['nope'] });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((d: { path: string }) => d.path)).toEqual([
      'body.targetUrl',
      'body.campaignIds.0',
    ]);
    const targetUrl = `http://127.0.0.1:9/hooks/${randomUUID()}`;
    const created = await api()
      .post('/api/subscriptions')
      .set(auth)
      .send({ targetUrl, eventTypes: ['reply_received'] });
    expect(created.status).toBe(201);
    checkResponse('POST', '/api/subscriptions', created); // the answer is the documented one (openapi.json)
    expect(created.body).toEqual({
      id: expect.any(String),
      targetUrl,
      eventTypes: ['reply_received'],
      campaignIds: [],
      secret: expect.stringMatching(/^whsec_/),
      createdAt: expect.any(String),
    });
    const again = await api()
      .post('/api/subscriptions')
      .set(auth)
      .send({ targetUrl, campaignIds: [randomUUID()] });
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(created.body.id);
    expect(again.body.secret).not.toBe(created.body.secret);
    expect(again.body.eventTypes).toEqual([]);
    const listed = await api().get('/api/subscriptions').query({ targetUrl }).set(auth);
    expect(listed.body.items).toEqual([
      {
        id: created.body.id,
        targetUrl,
        eventTypes: [],
        campaignIds: again.body.campaignIds,
        createdAt: created.body.createdAt,
      },
    ]);
    const one = await api().get(`/api/subscriptions/${created.body.id}`).set(auth);
    expect(one.status).toBe(200);
    expect(one.body.secret).toBeUndefined();
    expect((await api().delete(`/api/subscriptions/${created.body.id}`).set(auth)).status).toBe(204);
    expect((await api().get(`/api/subscriptions/${created.body.id}`).set(auth)).status).toBe(404);
    expect((await api().delete(`/api/subscriptions/${created.body.id}`).set(auth)).status).toBe(404);
    expect((await api().get('/api/subscriptions/not-a-uuid').set(auth)).body.error.details[0].path).toBe(
      'params.id',
    );
  });

  it('delivers every applied event to every matching subscriber exactly once, signed, despite failures', async () => {
    const seeded = await seedExport(stack.prisma, stack.instantly, { leads: 60 });
    const all = await startSubscriber();
    const flaky = await startSubscriber({ failFirst: 3 });
    const elsewhere = await startSubscriber();
    subscribers.push(all, flaky, elsewhere);
    const subscribe = async (s: Subscriber, body: Record<string, unknown>) => {
      const res = await api()
        .post('/api/subscriptions')
        .set(auth)
        .send({ targetUrl: s.url, ...body });
      s.secret = res.body.secret as string;
    };
    await subscribe(all, {});
    await subscribe(flaky, {
      eventTypes: ['reply_received', 'email_link_clicked'],
      campaignIds: [seeded.campaignId],
    });
    await subscribe(elsewhere, { campaignIds: [randomUUID()] });
    await stack.sim.runCampaign(seeded.instantlyCampaignId, {
      seed: 41,
      replyRate: 0.3,
      clickRate: 0.5,
      concurrency: 8,
    });
    await settled(stack, seeded); // the workflow settles only after its deliveries did
    // Events synthesized by a poll while webhooks were in flight are not delivered (the real one is).
    const events = await stack.prisma.instantlyEvent.findMany({
      where: { exportId: seeded.exportId, source: { not: 'poll' } },
    });
    const keysOf = (types?: string[]) =>
      events
        .filter((e) => !types || types.includes(e.eventType))
        .map((e) => e.dedupeKey)
        .sort();
    expect(all.ids().sort()).toEqual(keysOf());
    expect(all.duplicates()).toBe(0);
    expect(flaky.ids().sort()).toEqual(keysOf(['reply_received', 'link_clicked']));
    expect(flaky.duplicates()).toBe(0);
    expect(flaky.rejected).toBe(3);
    expect(elsewhere.received).toHaveLength(0);
    for (const s of [all, flaky])
      for (const r of s.received) expect(() => verify(s.secret, r.headers, r.body)).not.toThrow();
    const reply = all.received.map((r) => JSON.parse(r.body)).find((b) => b.type === 'reply_received');
    checkDelivery(reply); // what subscribers receive is the document's webhooks.engagementEvent body
    expect(reply).toEqual({
      id: expect.any(String),
      type: 'reply_received',
      occurredAt: expect.any(String),
      campaignId: seeded.campaignId,
      exportId: seeded.exportId,
      instantlyCampaignId: seeded.instantlyCampaignId,
      businessId: expect.any(String),
      leadEmail: expect.stringContaining('@'),
      step: expect.any(Number),
      variant: expect.any(Number),
      replyText: expect.any(String),
      replySubject: expect.any(String),
      uniboxUrl: expect.stringContaining('unibox'),
      replyLabel: expect.any(String),
      replyConfidence: expect.any(Number),
    });
    // Every reply is classified before it is delivered: each delivery carries the label stored for its event.
    const labelOf = new Map(events.map((e) => [e.dedupeKey, e.replyLabel]));
    const deliveredReplies = all.received
      .map((r) => JSON.parse(r.body) as { id: string; type: string; replyLabel?: string })
      .filter((b) => b.type === 'reply_received');
    expect(deliveredReplies.length).toBeGreaterThan(0);
    for (const b of deliveredReplies) {
      expect(labelOf.get(b.id)).toEqual(expect.any(String));
      expect(b.replyLabel).toBe(labelOf.get(b.id));
    }
    expect(await stack.prisma.eventDelivery.count()).toBe(all.received.length + flaky.received.length);
  });
});
