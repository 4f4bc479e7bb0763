import { startSimulator, type Simulator } from '../../../simulator';
import { activeCampaign, api, campaignBody, expectEnvelope, readJson, startReceiver } from './helpers';

let sim: Simulator;
const KEY = 'story-key';
const client = () => api(sim, KEY);

beforeAll(async () => {
  sim = await startSimulator({ webhookRetryDelayMs: 5 });
});
afterAll(() => sim.close());

describe('engagement story', () => {
  it('refuses a campaign that is not active', async () => {
    const id = (await client().post('/campaigns', campaignBody())).body.id;
    await expect(sim.runCampaign(id)).rejects.toThrow(/not active/);
    const reply = await fetch(`${sim.url}/_sim/campaigns/${id}/run`, { method: 'POST' });
    expect(reply.status).toBe(409);
  });

  it('is deterministic for a seed and ordered on the simulated clock', async () => {
    const other = await startSimulator();
    try {
      const a = await activeCampaign(sim, KEY, 25);
      const b = await activeCampaign(other, KEY, 25);
      const opts = { seed: 99, startAt: '2026-03-02T09:00:00.000Z' };
      const shape = (p: Record<string, unknown>) => [
        p.event_type,
        p.lead_email,
        p.timestamp,
        p.step,
        p.variant,
        p.is_first,
        p.reply_text,
      ];
      const storyA = (await sim.generateStory(a, opts)).map(shape);
      const storyB = (await other.generateStory(b, opts)).map(shape);
      expect(storyA).toEqual(storyB);
      const times = storyA.map((s) => s[2] as string);
      expect([...times].sort()).toEqual(times);
      expect(times[0]).toBe('2026-03-02T09:00:00.000Z');
      expect(storyA.at(-1)![0]).toBe('campaign_completed');
    } finally {
      await other.close();
    }
  });

  it('follows the sequence: later steps only for non-repliers, nothing after a bounce or unsubscribe', async () => {
    const id = await activeCampaign(sim, KEY, 60);
    const payloads = await sim.generateStory(id, {
      seed: 5,
      replyRate: 0.3,
      bounceRate: 0.1,
      unsubscribeRate: 0.1,
    });
    const byLead = new Map<string, typeof payloads>();
    for (const p of payloads) {
      const email = typeof p.lead_email === 'string' ? p.lead_email : undefined;
      if (email) byLead.set(email, [...(byLead.get(email) ?? []), p]);
    }
    for (const events of byLead.values()) {
      const types = events.map((e) => e.event_type);
      const sends = events.filter((e) => e.event_type === 'email_sent').map((e) => e.step);
      expect(sends).toEqual(sends.map((_, i) => i + 1));
      const stop = types.findIndex(
        (t) => t === 'email_bounced' || t === 'lead_unsubscribed' || t === 'reply_received',
      );
      if (stop >= 0) expect(types.slice(stop + 1).filter((t) => t === 'email_sent')).toEqual([]);
      if (types.includes('email_bounced')) expect(types).toEqual(['email_sent', 'email_bounced']);
      if (!types.some((t) => ['email_bounced', 'lead_unsubscribed', 'reply_received'].includes(String(t))))
        expect(sends).toHaveLength(3);
    }
    const truth = sim.state.groundTruth(id);
    expect(Object.keys(truth.leads)).toHaveLength(60);
    const replied = Object.values(truth.leads).filter((l) => l.repliedAt !== null);
    expect(replied.length).toBe(truth.totals.replied);
    for (const l of replied) expect(l.replyText).toEqual(expect.any(String));
  });

  it('updates leads, campaign status and analytics from what was sent', async () => {
    const id = await activeCampaign(sim, KEY, 40);
    expect((await client().get('/campaigns/analytics', { id })).body).toEqual([]);
    const truth = await sim.runCampaign(id, { seed: 8, openRate: 0.7, replyRate: 0.2, bounceRate: 0.05 });
    expect((await client().get(`/campaigns/${id}`)).body.status).toBe(3);
    const leadItems = [];
    for (let after: string | undefined; ;) {
      const page = await client().post('/leads/list', {
        campaign: id,
        limit: 100,
        ...(after ? { starting_after: after } : {}),
      });
      if (page.body.items.length === 0) break;
      leadItems.push(...page.body.items);
      after = page.body.next_starting_after;
    }
    for (const lead of leadItems) {
      const t = truth.leads[lead.email.toLowerCase()]!;
      expect(lead.email_open_count).toBe(t.opens);
      expect(lead.email_click_count).toBe(t.clicks);
      expect(lead.email_reply_count).toBe(t.repliedAt ? 1 : 0);
      expect(lead.status).toBe(t.bounced ? -1 : t.unsubscribed ? -2 : 3);
      expect(lead.timestamp_last_open ?? null).toEqual(t.opens > 0 ? expect.any(String) : null);
    }
    const [analytics] = (await client().get('/campaigns/analytics', { id })).body;
    expect(analytics).toMatchObject({
      campaign_id: id,
      campaign_status: 3,
      leads_count: 40,
      contacted_count: truth.totals.sent,
      emails_sent_count: truth.totals.events.email_sent,
      open_count_unique: truth.totals.opened,
      reply_count_unique: truth.totals.replied,
      link_click_count_unique: truth.totals.clicked,
      bounced_count: truth.totals.bounced,
      unsubscribed_count: truth.totals.unsubscribed,
    });
    const overview = (await client().get('/campaigns/analytics/overview', { id })).body;
    expect(overview.emails_sent_count).toBe(truth.totals.events.email_sent);
    const steps = (await client().get('/campaigns/analytics/steps', { campaign_id: id })).body;
    expect(steps.map((s: { step: string }) => s.step)).toContain('0');
    expect(steps.reduce((n: number, s: { sent: number }) => n + s.sent, 0)).toBe(
      truth.totals.events.email_sent,
    );
    expect(
      steps.every(
        (s: { step: unknown; variant: unknown }) =>
          typeof s.step === 'string' && typeof s.variant === 'string',
      ),
    ).toBe(true);
    const daily = (await client().get('/campaigns/analytics/daily', { campaign_id: id })).body;
    expect(daily.reduce((n: number, d: { sent: number }) => n + d.sent, 0)).toBe(
      truth.totals.events.email_sent,
    );
    expectEnvelope(await client().get('/campaigns/analytics/daily', { id }), 400);
    const badRange = await client().get('/campaigns/analytics/daily', {
      campaign_id: id,
      start_date: '2026-02-02',
      end_date: '2026-01-01',
    });
    expect(badRange).toMatchObject({
      status: 400,
      body: { message: 'Start Date must be earlier than End Date' },
    });
  });

  it('runs over the HTTP control API and paces deliveries', async () => {
    const receiver = await startReceiver();
    try {
      const id = await activeCampaign(sim, KEY, 2, {
        sequences: [{ steps: [{ type: 'email', delay: 1, variants: [{ subject: 's', body: 'b' }] }] }],
      });
      await client().post('/webhooks', {
        target_hook_url: receiver.url,
        event_type: 'email_sent',
        campaign: id,
      });
      const started = Date.now();
      const reply = await fetch(`${sim.url}/_sim/campaigns/${id}/run`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          seed: 1,
          bounceRate: 0,
          openRate: 0,
          replyRate: 0,
          unsubscribeRate: 0,
          autoReplyRate: 0,
          intervalMs: 100,
        }),
      });
      const truth = await readJson(reply);
      expect(truth.totals).toMatchObject({
        sent: 2,
        opened: 0,
        events: { email_sent: 2, campaign_completed: 1 },
      });
      expect(Date.now() - started).toBeGreaterThanOrEqual(180);
      expect(receiver.received.map((r) => r.body.event_type)).toEqual(['email_sent', 'email_sent']);
      const state = await readJson(await fetch(`${sim.url}/_sim/state`));
      expect(
        state.workspaces
          .find((w: { key: string }) => w.key === KEY)
          .campaigns.find((c: { id: string }) => c.id === id).status,
      ).toBe(3);
    } finally {
      await receiver.close();
    }
  });
});
