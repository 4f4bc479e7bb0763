// The simulator answers and validates as Instantly's OpenAPI document says (issue 12). The full, generated
// check is `npm run check:contract`; these are its findings pinned as regression tests (no document needed).
import { startSimulator, type Simulator } from '../../../simulator';
import { activeCampaign, api, campaignBody, startReceiver } from './helpers';

let sim: Simulator;
const KEY = 'doc-key';
const client = () => api(sim, KEY);
const UUID = '019ffad2-9c4e-7be6-8364-ed444afb02d5';

beforeAll(async () => {
  sim = await startSimulator({ webhookRetries: 0 });
});
afterAll(() => sim.close());

const schedule = (patch: Record<string, unknown>) => {
  const body = campaignBody() as { campaign_schedule: Record<string, unknown> & { schedules: object[] } };
  return { ...body, campaign_schedule: { ...body.campaign_schedule, ...patch } };
};

describe('answers in the document shape', () => {
  it('leads: status_summary an object, company_domain a string, no null enum numbers; lastStep.stepID a string', async () => {
    const id = await activeCampaign(sim, KEY, 2);
    const before = (await client().post('/leads/list', { campaign: id })).body.items;
    for (const lead of before) {
      expect(lead.status_summary).toEqual({});
      expect(typeof lead.company_domain).toBe('string');
      for (const key of [
        'lt_interest_status',
        'verification_status',
        'enrichment_status',
        'esp_code',
        'esg_code',
      ])
        expect(lead[key]).not.toBeNull();
    }
    await sim.runCampaign(id, { seed: 1, bounceRate: 0 });
    const after = (await client().post('/leads/list', { campaign: id })).body.items;
    expect(after.some((l: any) => typeof l.status_summary.lastStep?.stepID === 'string')).toBe(true);
  });

  it('webhook-events: timestamp_created_date, no campaign_id/event_type/webhook_id; from/to are dates', async () => {
    const receiver = await startReceiver();
    try {
      const id = await activeCampaign(sim, KEY, 1);
      await client().post('/webhooks', { target_hook_url: receiver.url, event_type: 'all_events' });
      await sim.runCampaign(id, { seed: 2 });
      const today = new Date().toISOString().slice(0, 10);
      const items = (await client().get('/webhook-events', { from: today, to: today, limit: '100' })).body
        .items;
      expect(items.length).toBeGreaterThan(0);
      for (const e of items) {
        expect(e.timestamp_created_date).toBe(today);
        expect(e).not.toHaveProperty('campaign_id');
        expect(e).not.toHaveProperty('event_type');
        expect(e).not.toHaveProperty('webhook_id');
      }
      expect((await client().get('/webhook-events', { from: new Date().toISOString() })).status).toBe(400);
      expect((await client().get('/webhook-events', { from: 'last week' })).status).toBe(400);
      expect((await client().get('/webhook-events', { to: '2020-01-01' })).body.items).toEqual([]);
    } finally {
      await receiver.close();
    }
  });
});

describe('validates what the document says', () => {
  it.each([
    ['name ""', { ...campaignBody(), name: '' }],
    [
      'unknown nested keys',
      schedule({
        extra: 1,
        schedules: [{ ...(campaignBody() as any).campaign_schedule.schedules[0], x: 1 }],
      }),
    ],
    [
      'empty variants',
      { ...campaignBody(), sequences: [{ steps: [{ type: 'email', delay: 1, variants: [] }] }] },
    ],
    ['a UUID email tag', { ...campaignBody(), email_tag_list: [UUID] }],
  ])('POST /campaigns accepts %s', async (_label, body) => {
    expect((await client().post('/campaigns', body)).status).toBe(200);
  });

  it.each([
    ['start_date as a date-time', schedule({ start_date: '2026-01-02T00:00:00.000Z' })],
    ['non-UUID email_tag_list', { ...campaignBody(), email_tag_list: ['tag'] }],
    ['non-UUID owned_by', { ...campaignBody(), owned_by: 'me' }],
    ['non-UUID ai_sdr_id', { ...campaignBody(), ai_sdr_id: 'sdr' }],
    ['daily_max_leads 1.5', { ...campaignBody(), daily_max_leads: 1.5 }],
    ['daily_max_leads -1', { ...campaignBody(), daily_max_leads: -1 }],
    [
      'a per-company daily_limit of 0',
      { ...campaignBody(), limit_emails_per_company_override: { mode: 'custom', daily_limit: 0 } },
    ],
    ['an unknown top-level key', { ...campaignBody(), extra: 1 }],
  ])('POST /campaigns refuses %s with 400', async (_label, body) => {
    expect((await client().post('/campaigns', body)).status).toBe(400);
  });

  it('leads/add and leads/list: documented fields accepted, forbidden values refused', async () => {
    const id = (await client().post('/campaigns', campaignBody())).body.id;
    const add = (extra: object) =>
      client().post('/leads/add', { campaign_id: id, leads: [{ email: 'a@x.example' }], ...extra });
    expect((await add({ blocklist_id: 'b' })).status).toBe(400);
    expect((await add({ assigned_to: 'someone' })).status).toBe(400);
    for (const body of [
      { filter: 'FILTER_LEAD_NO_SHOW' },
      { filter: 'FILTER_VAL_OPENED_NO_REPLY' },
      { distinct_contacts: true },
      { esg_code: 'all' },
      { enrichment_status: 11 },
      { starting_after: 'someone@x.example' },
    ])
      expect((await client().post('/leads/list', body)).status).toBe(200);
    expect((await client().post('/leads/list', { contacts: ['not-an-email'] })).status).toBe(400);
  });

  it('campaign list, analytics and webhooks', async () => {
    expect(
      (await client().get('/campaigns', { exclude_status: '0', starting_after: '2026-01-01T00:00:00Z' }))
        .status,
    ).toBe(200);
    expect((await client().get('/campaigns', { ai_sales_agent_id: 'agent' })).status).toBe(400);
    expect((await client().get('/campaigns/analytics/overview', { campaign_status: 'abc' })).status).toBe(
      400,
    );
    expect((await client().get('/campaigns/analytics', { start_date: 'Jan 1 2026' })).status).toBe(200);
    expect((await client().post('/webhooks', { target_hook_url: 'https://x.example/a b' })).status).toBe(400);
    const hook = (await client().post('/webhooks', { target_hook_url: 'https://x.example/h' })).body;
    expect((await client().patch(`/webhooks/${hook.id}`, {})).status).toBe(400);
    expect((await client().get('/webhooks', { event_type: 'lead_no_show' })).status).toBe(400);
    expect((await client().get('/webhooks', { event_type: 'lead_wrong_person' })).status).toBe(200);
  });
});
