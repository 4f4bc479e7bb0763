import { startSimulator, type Simulator } from '../../../simulator';
import { api, campaignBody, expectEnvelope, readJson } from './helpers';

let sim: Simulator;
const KEY = 'key-a';
const client = () => api(sim, KEY);

beforeAll(async () => {
  sim = await startSimulator({ apiKeys: [KEY, 'key-b'] });
});
afterAll(() => sim.close());

function withSchedule(patch: Record<string, unknown>): Record<string, unknown> {
  const base = {
    name: 'S',
    timing: { from: '09:00', to: '17:00' },
    days: { '1': true },
    timezone: 'America/Chicago',
  };
  return campaignBody({ campaign_schedule: { schedules: [{ ...base, ...patch }] } });
}

function withStep(step: Record<string, unknown>): Record<string, unknown> {
  return campaignBody({ sequences: [{ steps: [step] }] });
}

describe('auth, routing and transport', () => {
  it('answers 401 with the envelope for a missing, malformed or unknown key', async () => {
    const none = await fetch(`${sim.apiUrl}/campaigns`);
    expect(none.status).toBe(401);
    expect(await readJson(none)).toEqual({
      statusCode: 401,
      error: 'Unauthorized',
      message: 'Missing Authorization header',
    });
    const malformed = await fetch(`${sim.apiUrl}/campaigns`, { headers: { authorization: 'Token abc' } });
    expect((await readJson(malformed)).message).toBe('Invalid authorization header');
    expectEnvelope(await api(sim, 'not-a-key').get('/campaigns'), 401);
  });

  it('keeps workspaces apart', async () => {
    const id = (await client().post('/campaigns', campaignBody())).body.id;
    expectEnvelope(await api(sim, 'key-b').get(`/campaigns/${id}`), 404);
  });

  it('answers 404 for unknown routes and ids, 400 for non-uuid ids', async () => {
    expectEnvelope(await client().get('/campaigns/0191a3e0-0000-7000-8000-000000000000'), 404);
    expectEnvelope(
      await client().get('/campaigns/123/analytics'),
      404,
      'Route GET:/api/v2/campaigns/123/analytics not found',
    );
    expectEnvelope(await client().get('/campaigns/not-a-uuid'), 400, 'params/id must match format "uuid"');
  });

  it('rejects a bodiless JSON request, invalid JSON and requests without User-Agent', async () => {
    const url = `${sim.apiUrl}/campaigns`;
    const headers = { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' };
    const empty = await fetch(url, { method: 'POST', headers });
    expect((await readJson(empty)).message).toBe(
      "Body cannot be empty when content-type is set to 'application/json'",
    );
    expect((await fetch(url, { method: 'POST', headers, body: '{oops' })).status).toBe(400);
    const noUa = await fetch(url, { headers: { authorization: `Bearer ${KEY}`, 'user-agent': '' } });
    expect(noUa.status).toBe(403);
  });
});

describe('POST /campaigns validation (strict)', () => {
  const cases: Array<[string, Record<string, unknown>, string]> = [
    ['missing name', { ...campaignBody(), name: undefined }, "body must have required property 'name'"],
    [
      'missing schedule',
      { ...campaignBody(), campaign_schedule: undefined },
      "body must have required property 'campaign_schedule'",
    ],
    [
      'empty schedules',
      campaignBody({ campaign_schedule: { schedules: [] } }),
      'body/campaign_schedule/schedules must NOT have fewer than 1 items',
    ],
    [
      'schedule without name',
      withSchedule({ name: undefined }),
      "body/campaign_schedule/schedules/0 must have required property 'name'",
    ],
    [
      'bad timing',
      withSchedule({ timing: { from: '9:00', to: '17:00' } }),
      'body/campaign_schedule/schedules/0/timing/from must match pattern',
    ],
    ['24:00', withSchedule({ timing: { from: '09:00', to: '24:00' } }), 'timing/to must match pattern'],
    [
      'empty days',
      withSchedule({ days: {} }),
      'body/campaign_schedule/schedules/0/days must NOT have fewer than 1 properties',
    ],
    // The document types each day as a boolean; an unknown day key is allowed by it (no additionalProperties).
    ['day not a boolean', withSchedule({ days: { '1': 'yes' } }), 'schedules/0/days/1 must be boolean'],
    [
      'America/Los_Angeles',
      withSchedule({ timezone: 'America/Los_Angeles' }),
      'body/campaign_schedule/schedules/0/timezone must be equal to one of the allowed values',
    ],
    [
      'step type',
      withStep({ type: 'sms', delay: 1, variants: [{ subject: 's', body: 'b' }] }),
      'body/sequences/0/steps/0/type must be equal to constant',
    ],
    [
      'string delay',
      withStep({ type: 'email', delay: '2', variants: [{ subject: 's', body: 'b' }] }),
      'body/sequences/0/steps/0/delay must be number',
    ],
    [
      // The document sets no minItems on variants (an empty list is valid); a missing one is not.
      'no variants',
      withStep({ type: 'email', delay: 1 }),
      "body/sequences/0/steps/0 must have required property 'variants'",
    ],
    [
      'variant without subject',
      withStep({ type: 'email', delay: 1, variants: [{ body: 'b' }] }),
      "steps/0/variants/0 must have required property 'subject'",
    ],
    [
      "plan's {step, subject, body, delay_days}",
      campaignBody({ sequences: [{ step: 1, subject: 's', body: 'b', delay_days: 2 }] }),
      "body/sequences/0 must have required property 'steps'",
    ],
    [
      'plan shape inside steps',
      withStep({ step: 1, subject: 's', body: 'b', delay_days: 2 }),
      "body/sequences/0/steps/0 must have required property 'type'",
    ],
  ];

  it.each(cases)('%s → 400 with the envelope', async (_name, body, message) => {
    const reply = await client().post('/campaigns', JSON.parse(JSON.stringify(body)));
    expectEnvelope(reply, 400);
    expect(reply.body.error).toBe('Bad Request');
    expect(reply.body.message).toContain(message);
  });

  it('accepts every one of the 102 allowed timezones it is given, e.g. America/Boise', async () => {
    expect((await client().post('/campaigns', withSchedule({ timezone: 'America/Boise' }))).status).toBe(200);
  });
});

describe('campaign lifecycle', () => {
  it('creates a draft (200, status 0, UUIDv7 id, ISO ms timestamps) and echoes the body', async () => {
    const reply = await client().post('/campaigns', campaignBody({ name: 'Lifecycle' }));
    expect(reply.status).toBe(200);
    const c = reply.body;
    expect(c.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(c.timestamp_created).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(c).toMatchObject({ name: 'Lifecycle', status: 0, email_list: ['sender@outbound.example'] });
    expect(c.sequences[0].steps).toHaveLength(3);
    expect((await client().get(`/campaigns/${c.id}/sending-status`)).body).toMatchObject({
      diagnostics: null,
      summary: { status: 'campaign_draft' },
    });
    expect((await client().post(`/campaigns/${c.id}/activate`)).body.status).toBe(1);
    expect((await client().get(`/campaigns/${c.id}/sending-status`)).body.diagnostics.status).toBe(
      'waiting_for_leads',
    );
    expect((await client().post(`/campaigns/${c.id}/pause`)).body.status).toBe(2);
    expect(
      (await client().patch(`/campaigns/${c.id}`, { name: 'Renamed', daily_limit: 30 })).body,
    ).toMatchObject({ name: 'Renamed', daily_limit: 30 });
    expectEnvelope(await client().patch(`/campaigns/${c.id}`, { ai_sdr_id: 'x' }), 400);
    expect((await client().del(`/campaigns/${c.id}`)).body.id).toBe(c.id);
    expectEnvelope(await client().get(`/campaigns/${c.id}`), 404);
  });

  it('refuses to activate a campaign without steps', async () => {
    const id = (await client().post('/campaigns', campaignBody({ sequences: undefined }))).body.id;
    expectEnvelope(await client().post(`/campaigns/${id}/activate`), 400);
  });

  it('lists with search, status, limit and cursor; the last page still has a cursor and the next is empty', async () => {
    const c = api(sim, 'key-b');
    for (let i = 0; i < 5; i += 1) await c.post('/campaigns', campaignBody({ name: `Paging ${i}` }));
    await c.post('/campaigns', campaignBody({ name: 'Other' }));
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    for (;;) {
      const page = await c.get('/campaigns', {
        search: 'paging',
        limit: '2',
        ...(cursor ? { starting_after: cursor } : {}),
      });
      pages += 1;
      if (page.body.items.length === 0) {
        expect(page.body.next_starting_after).toBeUndefined();
        break;
      }
      expect(page.body.next_starting_after).toBe(page.body.items.at(-1).id);
      seen.push(...page.body.items.map((x: { name: string }) => x.name));
      cursor = page.body.next_starting_after;
    }
    expect(seen).toEqual(['Paging 0', 'Paging 1', 'Paging 2', 'Paging 3', 'Paging 4']);
    expect(pages).toBe(4);
    expect((await c.get('/campaigns', { status: '1' })).body.items).toEqual([]);
  });

  it.each([['0'], ['101'], ['abc']])('rejects limit=%s with 400', async (limit) => {
    expectEnvelope(await client().get('/campaigns', { limit }), 400, /^querystring\/limit must be/);
  });
});
