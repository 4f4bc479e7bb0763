import { startSimulator, type Simulator } from '../../../simulator';
import { activeCampaign, api, countBy, expectEnvelope, startReceiver } from './helpers';

let sim: Simulator;
const KEY = 'hooks-key';
const client = () => api(sim, KEY);
type Receiver = Awaited<ReturnType<typeof startReceiver>>;
let receiver: Receiver;

beforeAll(async () => {
  sim = await startSimulator({
    webhookRetryDelayMs: 5,
    webhookRetries: 3,
    autoDisableAfterFailures: 5,
    webhookTimeoutMs: 2000,
  });
  receiver = await startReceiver();
});
afterAll(async () => {
  await receiver.close();
  await sim.close();
});
afterEach(() => {
  receiver.received.length = 0;
  sim.webhookFaults.clear();
  for (const hook of sim.state.workspace(KEY).webhooks.values())
    sim.state.workspace(KEY).webhooks.delete(hook.id);
});

describe('webhook management', () => {
  it('validates the subscription enum and the URL', async () => {
    expectEnvelope(
      await client().post('/webhooks', { target_hook_url: receiver.url, event_type: 'link_clicked' }),
      400,
      'body/event_type must be equal to one of the allowed values',
    );
    expectEnvelope(
      await client().post('/webhooks', { target_hook_url: 'ftp://x' }),
      400,
      /target_hook_url must match pattern/,
    );
    expectEnvelope(
      await client().post('/webhooks', { event_type: 'all_events' }),
      400,
      "body must have required property 'target_hook_url'",
    );
  });

  it('creates, lists, reads, patches, tests and deletes', async () => {
    const created = await client().post('/webhooks', {
      target_hook_url: receiver.url,
      event_type: 'email_link_clicked',
      name: 'clicks',
      headers: { 'x-shared-secret': 's' },
    });
    expect(created.body).toMatchObject({
      event_type: 'email_link_clicked',
      status: 1,
      timestamp_error: null,
      campaign: null,
      headers: { 'x-shared-secret': 's' },
    });
    const id = created.body.id;
    expect(
      (await client().get('/webhooks', { event_type: 'email_link_clicked' })).body.items.map(
        (w: { id: string }) => w.id,
      ),
    ).toEqual([id]);
    expect((await client().patch(`/webhooks/${id}`, { name: 'renamed' })).body.name).toBe('renamed');
    const test = await client().post(`/webhooks/${id}/test`);
    expect(test.body).toMatchObject({
      success: true,
      status_code: 200,
      response_time_ms: expect.any(Number),
    });
    expect(receiver.received[0]!.body.event_type).toBe('link_clicked');
    expect(receiver.received[0]!.headers['x-shared-secret']).toBe('s');
    const types = (await client().get('/webhooks/event-types')).body.event_types.map(
      (t: { id: string }) => t.id,
    );
    expect(types).toEqual(
      expect.arrayContaining(['all_events', 'email_link_clicked', 'reply_received', 'campaign_completed']),
    );
    expect((await client().del(`/webhooks/${id}`)).body.id).toBe(id);
    expectEnvelope(await client().get(`/webhooks/${id}`), 404);
  });
});

describe('story delivery', () => {
  it('delivers a whole story with the custom headers, no signature, and counts equal to the ground truth', async () => {
    const id = await activeCampaign(sim, KEY, 30);
    await client().post('/webhooks', {
      target_hook_url: receiver.url,
      event_type: 'all_events',
      headers: { authorization: 'Basic abc', 'x-shared-secret': 'top' },
    });
    const truth = await sim.runCampaign(id, {
      seed: 11,
      replyRate: 0.3,
      bounceRate: 0.1,
      autoReplyRate: 0.2,
      startAt: '2026-02-02T08:00:00.000Z',
    });
    const got = receiver.received;
    expect(got).toHaveLength(truth.totals.eventsTotal);
    expect(countBy(got, (r) => r.body.event_type)).toEqual(truth.totals.events);
    for (const r of got) {
      expect(r.headers['x-shared-secret']).toBe('top');
      expect(r.headers.authorization).toBe('Basic abc');
      expect(Object.keys(r.headers).filter((h) => /signature|hmac/i.test(h))).toEqual([]);
      expect(r.headers['content-type']).toMatch(/^application\/json/);
    }
    const uniq = (type: string) =>
      new Set(got.filter((r) => r.body.event_type === type).map((r) => r.body.lead_email)).size;
    expect(uniq('email_sent')).toBe(truth.totals.sent);
    expect(uniq('email_opened')).toBe(truth.totals.opened);
    expect(uniq('link_clicked')).toBe(truth.totals.clicked);
    expect(uniq('reply_received')).toBe(truth.totals.replied);
    expect(uniq('email_bounced')).toBe(truth.totals.bounced);
    expect(truth.totals.sent).toBe(30);
    expect(truth.totals.replied).toBeGreaterThan(0);
    expect(truth.totals.bounced).toBeGreaterThan(0);
    const deliveries = sim.state.workspace(KEY).deliveries;
    expect(deliveries.filter((d) => d.success)).toHaveLength(got.length);
  });

  it('routes by subscription: email_link_clicked receives link_clicked, auto replies only reach all_events', async () => {
    const id = await activeCampaign(sim, KEY, 20);
    await client().post('/webhooks', {
      target_hook_url: `${receiver.url}/clicks`,
      event_type: 'email_link_clicked',
      campaign: id,
    });
    await client().post('/webhooks', {
      target_hook_url: `${receiver.url}/replies`,
      event_type: 'reply_received',
    });
    const truth = await sim.runCampaign(id, { seed: 3, clickRate: 0.8, replyRate: 0.4, autoReplyRate: 0.5 });
    const byPath = countBy(receiver.received, (r) => `${r.path} ${r.body.event_type}`);
    expect(byPath).toEqual({
      '/hooks/instantly/clicks link_clicked': truth.totals.events.link_clicked,
      '/hooks/instantly/replies reply_received': truth.totals.events.reply_received,
    });
    expect(truth.totals.events.auto_reply_received).toBeGreaterThan(0);
  });
});
