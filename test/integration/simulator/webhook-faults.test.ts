import { startSimulator, type Simulator } from '../../../simulator';
import { activeCampaign, api, startReceiver } from './helpers';

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

describe('webhook delivery faults and the delivery log', () => {
  it('duplicates and reorders deliveries when asked', async () => {
    const id = await activeCampaign(sim, KEY, 10);
    await client().post('/webhooks', { target_hook_url: receiver.url, event_type: 'all_events' });
    sim.webhookFaults.set({ duplicateProbability: 1, reorderWindow: 8, seed: 5 });
    const payloads = await sim.generateStory(id, { seed: 9 });
    const summary = await sim.deliver(payloads, { concurrency: 1 });
    expect(summary).toMatchObject({
      jobs: payloads.length * 2,
      delivered: payloads.length * 2,
      duplicates: payloads.length,
    });
    const key = (p: { event_type: string; lead_email?: string; timestamp: string }) =>
      `${p.event_type}|${p.lead_email ?? ''}|${p.timestamp}`;
    const expected = payloads.flatMap((p) => [key(p), key(p)]).sort();
    expect(receiver.received.map((r) => key(r.body)).sort()).toEqual(expected);
    expect(receiver.received.map((r) => key(r.body))).not.toEqual(payloads.flatMap((p) => [key(p), key(p)]));
  });

  it('auto-disables after consecutive failures and resumes', async () => {
    const id = await activeCampaign(sim, KEY, 3, {
      sequences: [{ steps: [{ type: 'email', delay: 1, variants: [{ subject: 's', body: 'b' }] }] }],
    });
    const hook = (
      await client().post('/webhooks', { target_hook_url: receiver.url, event_type: 'email_sent' })
    ).body;
    sim.webhookFaults.set({ failNext: 5 });
    const payloads = await sim.generateStory(id, { seed: 1, bounceRate: 0 });
    const sent = payloads.filter((p) => p.event_type === 'email_sent');
    expect(sent).toHaveLength(3);
    const since = new Date().toISOString();
    await sim.deliver(sent, { concurrency: 1 });
    expect(receiver.received).toHaveLength(0);
    const disabled = (await client().get(`/webhooks/${hook.id}`)).body;
    expect(disabled).toMatchObject({ status: -1, timestamp_error: expect.any(String) });
    // `from` is a day (format: date); the document's WebhookEvent names no webhook or campaign, so the log is
    // narrowed by the payload's campaign and checked against the webhook's URL.
    const log = (
      await client().get('/webhook-events', { limit: '100', success: 'false', from: since.slice(0, 10) })
    ).body.items.filter((e: { payload: { campaign_id: string } }) => e.payload.campaign_id === id);
    expect(log.every((e: { webhook_url: string }) => e.webhook_url === hook.target_hook_url)).toBe(true);
    expect(log.every((e: object) => !('webhook_id' in e) && !('campaign_id' in e))).toBe(true);
    expect(log[0].timestamp_created_date).toBe(log[0].timestamp_created.slice(0, 10));
    expect(
      log.map((e: { retry_count: number; success: boolean }) => `${e.retry_count}:${e.success}`),
    ).toEqual(['0:false', '1:false', '2:false', '3:false', '0:false', '0:false']);
    expect(log[0]).toMatchObject({
      will_retry: true,
      lead_email: sent[0]!.lead_email,
      payload: sent[0],
      status_code: null,
    });
    expect((await client().post(`/webhooks/${hook.id}/resume`)).body.status).toBe(1);
    await sim.deliver(sent, { concurrency: 1 });
    expect(receiver.received).toHaveLength(3);
  });

  it('retries a failing receiver and logs retry_successful', async () => {
    let calls = 0;
    const flaky = await startReceiver(() => (++calls === 1 ? 500 : 200));
    try {
      const id = await activeCampaign(sim, KEY, 1, {
        sequences: [{ steps: [{ type: 'email', delay: 1, variants: [{ subject: 's', body: 'b' }] }] }],
      });
      const hook = (
        await client().post('/webhooks', { target_hook_url: flaky.url, event_type: 'email_sent' })
      ).body;
      await sim.runCampaign(id, { bounceRate: 0 });
      expect(flaky.received).toHaveLength(2);
      const log = sim.state.workspace(KEY).deliveries.filter((d) => d.webhook_id === hook.id);
      expect(log.map((d) => [d.status_code, d.retry_count, d.success, d.retry_successful])).toEqual([
        [500, 0, false, null],
        [200, 1, true, true],
      ]);
      expect(log[0]!.retry_group_id).toBe(log[1]!.retry_group_id);
    } finally {
      await flaky.close();
    }
  });

  it('deliveryEnabled=false: events happen and are logged as not delivered, nothing is POSTed', async () => {
    const id = await activeCampaign(sim, KEY, 5);
    await client().post('/webhooks', { target_hook_url: receiver.url, event_type: 'all_events' });
    await fetch(`${sim.url}/_sim/webhook-faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ deliveryEnabled: false }),
    });
    const truth = await sim.runCampaign(id, { seed: 2 });
    expect(receiver.received).toHaveLength(0);
    const failed = (
      await client().get('/webhook-events', { success: 'false', limit: '100' })
    ).body.items.filter((e: { payload: { campaign_id: string } }) => e.payload.campaign_id === id);
    expect(failed.length).toBeGreaterThan(0);
    expect(
      sim.state.workspace(KEY).deliveries.filter((d) => d.campaign_id === id && !d.success),
    ).toHaveLength(truth.totals.eventsTotal);
    const analytics = (await client().get('/campaigns/analytics', { id })).body;
    expect(analytics[0].emails_sent_count).toBe(truth.totals.events.email_sent);
  });

  it('paginates the delivery log', async () => {
    const id = await activeCampaign(sim, 'log-key', 3, {
      sequences: [{ steps: [{ type: 'email', delay: 1, variants: [{ subject: 's', body: 'b' }] }] }],
    });
    await api(sim, 'log-key').post('/webhooks', { target_hook_url: receiver.url, event_type: 'all_events' });
    const truth = await sim.runCampaign(id, { seed: 4, bounceRate: 0 });
    const all: string[] = [];
    let cursor: string | undefined;
    for (;;) {
      const page = await api(sim, 'log-key').get('/webhook-events', {
        limit: '2',
        ...(cursor ? { starting_after: cursor } : {}),
      });
      if (page.body.items.length === 0) break;
      all.push(...page.body.items.map((e: { id: string }) => e.id));
      cursor = page.body.next_starting_after;
    }
    expect(all).toHaveLength(truth.totals.eventsTotal);
    expect(new Set(all).size).toBe(all.length);
  });
});
