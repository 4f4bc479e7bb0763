// Contract tests: the typed Instantly client against the local simulator, for every client method and for the
// rejections the simulator must enforce (sent raw through client.request so client-side checks are bypassed).
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  createInstantlyClient,
  isInstantlyApiError,
  mapTimezone,
  parseErrorBody,
  planSequenceToSteps,
  RateGovernor,
  weekdaysToDays,
  type CreateCampaignBody,
  type InstantlyApiError,
  type InstantlyClient,
} from '../../lib/instantly';
import { startSimulator, type Simulator } from '../../simulator';

const KEY = 'contract-key-a';
const OTHER_KEY = 'contract-key-b';

let sim: Simulator;
let instantly: InstantlyClient;
let hook: { server: Server; url: string; received: Array<{ headers: IncomingHttpHeaders; body: unknown }> };

async function startReceiver(): Promise<typeof hook> {
  const received: Array<{ headers: IncomingHttpHeaders; body: unknown }> = [];
  const server = createServer((req, res) => {
    let text = '';
    req.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
    req.on('end', () => {
      received.push({ headers: req.headers, body: JSON.parse(text || 'null') as unknown });
      res.writeHead(200).end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, received };
}

function client(apiKey = KEY, maxRetries = 5): InstantlyClient {
  return createInstantlyClient({ apiKey, baseUrl: sim.apiUrl, governor: new RateGovernor(), maxRetries });
}

async function apiError(promise: Promise<unknown>): Promise<InstantlyApiError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!isInstantlyApiError(error)) throw new Error(`expected InstantlyApiError, got ${String(error)}`);
  return error;
}

function campaignBody(name: string): CreateCampaignBody {
  return {
    name,
    campaign_schedule: {
      schedules: [
        {
          name: 'Business hours',
          timing: { from: '09:00', to: '17:00' },
          days: weekdaysToDays(['mon', 'tue', 'wed', 'thu', 'fri']),
          timezone: mapTimezone('America/New_York').timezone,
        },
      ],
    },
    sequences: [
      {
        steps: planSequenceToSteps([
          { subject: 'Hi {{firstName}}', body: 'Hello {{firstName}},\n\nA question.', delayDays: 0 },
          { subject: '', body: 'Following up.', delayDays: 3 },
        ]),
      },
    ],
    email_list: ['sender@example.com'],
  };
}

const lastRequest = () => sim.requests[sim.requests.length - 1]!;

beforeAll(async () => {
  sim = await startSimulator({ port: 0, apiKeys: [KEY, OTHER_KEY], webhookRetries: 0 });
  hook = await startReceiver();
  instantly = client();
});

afterAll(async () => {
  await sim.close();
  await new Promise<void>((resolve) => hook.server.close(() => resolve()));
});

describe('campaigns', () => {
  it('create → get → list/iterate → patch → activate → pause → sending status → delete', async () => {
    const created = await instantly.createCampaign(campaignBody('Contract A'));
    expect(created).toMatchObject({ name: 'Contract A', status: 0 });
    const createReq = lastRequest();
    expect(createReq).toMatchObject({ method: 'POST', path: '/api/v2/campaigns', status: 200 });
    expect(createReq.headers).toMatchObject({
      authorization: `Bearer ${KEY}`,
      'content-type': 'application/json',
    });
    expect(createReq.headers['user-agent']).toMatch(/^instantly-bridge\//);
    expect(createReq.body).toMatchObject({ sequences: [{ steps: [{ delay: 3 }, { delay: 0 }] }] });

    expect((await instantly.getCampaign(created.id)).id).toBe(created.id);
    for (const name of ['Contract B', 'Contract C']) await instantly.createCampaign(campaignBody(name));
    const page = await instantly.listCampaigns({ search: 'contract a', limit: 10 });
    expect(page.items.map((c) => c.id)).toEqual([created.id]);
    const all: string[] = [];
    for await (const c of instantly.iterateCampaigns({ search: 'Contract', limit: 1 })) all.push(c.name);
    expect(all).toEqual(['Contract A', 'Contract B', 'Contract C']);
    expect(
      sim.requests.filter((r) => r.path === '/api/v2/campaigns' && r.method === 'GET').at(-1)?.query,
    ).toEqual(expect.objectContaining({ limit: '1', starting_after: expect.any(String) }));

    expect((await instantly.patchCampaign(created.id, { name: 'Contract A2' })).name).toBe('Contract A2');
    expect((await instantly.activateCampaign(created.id)).status).toBe(1);
    expect(lastRequest().headers).not.toHaveProperty('content-type');
    expect(lastRequest().body).toBeUndefined();
    expect((await instantly.getSendingStatus(created.id)).diagnostics?.status).toBe('waiting_for_leads');
    expect((await instantly.pauseCampaign(created.id)).status).toBe(2);
    expect((await instantly.getSendingStatus(created.id)).summary?.status).toBe('campaign_paused');
    expect((await instantly.deleteCampaign(created.id)).id).toBe(created.id);
    expect(lastRequest().headers).not.toHaveProperty('content-type');
    expect(await apiError(instantly.getCampaign(created.id))).toMatchObject({
      status: 404,
      retryable: false,
    });
  });
});

describe('leads and background jobs', () => {
  it('addLeads returns the full counter object; getLead/listLeads/iterateLeads read them back', async () => {
    const campaign = await instantly.createCampaign(campaignBody('Leads'));
    const result = await instantly.addLeads({
      campaign_id: campaign.id,
      leads: [
        {
          email: 'ada@example.com',
          first_name: 'Ada',
          custom_variables: { city: 'Lyon', score: 3, vip: true, x: null },
        },
        { email: 'ADA@example.com' },
        { email: 'not-an-email' },
        { email: 'bob@example.com' },
      ],
    });
    expect(result).toMatchObject({
      status: 'success',
      total_sent: 4,
      leads_uploaded: 2,
      duplicate_email_count: 1,
    });
    expect(result).toMatchObject({
      invalid_email_count: 1,
      duplicated_leads: 0,
      skipped_count: 0,
      in_blocklist: 0,
    });
    expect(result.created_leads.map((l) => [l.index, l.email])).toEqual([
      [0, 'ada@example.com'],
      [3, 'bob@example.com'],
    ]);
    const ada = await instantly.getLead(result.created_leads[0]!.id);
    expect(ada.payload).toMatchObject({ firstName: 'Ada', city: 'Lyon', score: 3, vip: true, x: null });

    const again = await instantly.addLeads({
      campaign_id: campaign.id,
      leads: [{ email: 'bob@example.com' }],
    });
    expect(again).toMatchObject({ leads_uploaded: 0, duplicated_leads: 1 });

    const first = await instantly.listLeads({ campaign: campaign.id, limit: 1 });
    expect(first.items).toHaveLength(1);
    expect(lastRequest()).toMatchObject({
      path: '/api/v2/leads/list',
      body: { campaign: campaign.id, limit: 1 },
    });
    const emails: Array<string | null | undefined> = [];
    for await (const lead of instantly.iterateLeads({ campaign: campaign.id, limit: 1 }))
      emails.push(lead.email);
    expect(emails).toEqual(['ada@example.com', 'bob@example.com']);
  });

  it('getBackgroundJob follows a job created by POST /leads/move (raw request)', async () => {
    const from = await instantly.createCampaign(campaignBody('Move from'));
    const to = await instantly.createCampaign(campaignBody('Move to'));
    await instantly.addLeads({ campaign_id: from.id, leads: [{ email: 'move@example.com' }] });
    const job = await instantly.request<{ id: string }>({
      method: 'POST',
      path: '/leads/move',
      body: { campaign: from.id, to_campaign_id: to.id },
      idempotent: false,
    });
    let status = (await instantly.getBackgroundJob(job.id)).status;
    for (let i = 0; i < 5 && status !== 'success'; i += 1)
      status = (await instantly.getBackgroundJob(job.id)).status;
    expect(status).toBe('success');
  });
});

describe('webhooks and analytics', () => {
  it('create/list/iterate/get/patch/test/resume, event types, a run, the delivery log, analytics, delete', async () => {
    const campaign = await instantly.createCampaign(campaignBody('Hooked'));
    await instantly.addLeads({
      campaign_id: campaign.id,
      leads: [{ email: 'h1@example.com' }, { email: 'h2@example.com' }],
    });
    expect(await instantly.getCampaignAnalytics({ id: campaign.id })).toEqual([]);

    const webhook = await instantly.createWebhook({
      target_hook_url: hook.url,
      event_type: 'all_events',
      campaign: campaign.id,
      name: 'contract',
      headers: { 'x-shared-secret': 's3cret' },
    });
    expect(webhook).toMatchObject({
      target_hook_url: hook.url,
      event_type: 'all_events',
      campaign: campaign.id,
    });
    expect(
      (await instantly.listWebhooks({ campaign: campaign.id, limit: 5 })).items.map((w) => w.id),
    ).toEqual([webhook.id]);
    const iterated: string[] = [];
    for await (const w of instantly.iterateWebhooks({ event_type: 'all_events', limit: 1 }))
      iterated.push(w.id);
    expect(iterated).toContain(webhook.id);
    expect((await instantly.getWebhook(webhook.id)).name).toBe('contract');
    expect((await instantly.patchWebhook(webhook.id, { name: 'renamed' })).name).toBe('renamed');

    const tested = await instantly.testWebhook(webhook.id);
    expect(tested.success).toBe(true);
    expect(lastRequest().headers).not.toHaveProperty('content-type');
    expect(hook.received.at(-1)?.headers['x-shared-secret']).toBe('s3cret');
    expect((await instantly.resumeWebhook(webhook.id)).id).toBe(webhook.id);
    const types = (await instantly.listWebhookEventTypes()).event_types.map((t) => t.id);
    expect(types).toEqual(expect.arrayContaining(['all_events', 'email_link_clicked', 'reply_received']));

    await instantly.activateCampaign(campaign.id);
    await sim.runCampaign(campaign.id, { seed: 7, openRate: 1 });
    const events = [];
    for await (const event of instantly.iterateWebhookEvents({ success: true, limit: 2 })) events.push(event);
    expect(events.length).toBeGreaterThanOrEqual(4);
    expect((await instantly.listWebhookEvents({ limit: 1 })).items).toHaveLength(1);

    const analytics = await instantly.getCampaignAnalytics({ ids: [campaign.id], start_date: '2020-01-01' });
    expect(lastRequest().query).toEqual({ ids: campaign.id, start_date: '2020-01-01' });
    expect(analytics[0]).toMatchObject({ campaign_id: campaign.id, emails_sent_count: expect.any(Number) });
    expect(await instantly.getAnalyticsOverview({ id: campaign.id })).toMatchObject({
      open_count: expect.any(Number),
    });
    expect(Array.isArray(await instantly.getDailyAnalytics({ campaign_id: campaign.id }))).toBe(true);
    expect((await instantly.getStepAnalytics({ campaign_id: campaign.id })).length).toBeGreaterThan(0);
    const badRange = await apiError(
      instantly.getDailyAnalytics({
        campaign_id: campaign.id,
        start_date: '2026-02-01',
        end_date: '2026-01-01',
      }),
    );
    expect(badRange).toMatchObject({
      status: 400,
      instantlyMessage: 'Start Date must be earlier than End Date',
    });

    expect((await instantly.deleteWebhook(webhook.id)).id).toBe(webhook.id);
    expect(await apiError(instantly.getWebhook(webhook.id))).toMatchObject({ status: 404 });
  });
});

describe('rejections the simulator enforces', () => {
  const raw = (path: string, body: unknown, method: 'POST' | 'GET' = 'POST') =>
    apiError(instantly.request({ method, path, body, idempotent: true }));
  const valid = () => campaignBody('Rejected') as unknown as Record<string, unknown>;
  const withSchedule = (patch: Record<string, unknown>) => {
    const body = valid();
    const schedule = (body.campaign_schedule as { schedules: Array<Record<string, unknown>> }).schedules[0]!;
    Object.assign(schedule, patch);
    return body;
  };
  const withSteps = (steps: unknown[]) => ({ ...valid(), sequences: [{ steps }] });

  it('401 without an Authorization header and with an unknown key', async () => {
    const response = await fetch(`${sim.apiUrl}/campaigns`, { headers: { 'user-agent': 'contract-test' } });
    expect(response.status).toBe(401);
    expect(parseErrorBody(401, await response.text())).toEqual({
      message: 'Missing Authorization header',
      error: 'Unauthorized',
    });
    const error = await apiError(client('unknown-key').listCampaigns());
    expect(error).toMatchObject({ status: 401, retryable: false, instantlyError: 'Unauthorized' });
    expect(error.message).not.toContain('unknown-key');
  });

  it.each([
    ['a campaign without campaign_schedule', () => ({ name: 'x' }), /campaign_schedule/],
    ['empty days', () => withSchedule({ days: {} }), /days/],
    ['a bad HH:MM', () => withSchedule({ timing: { from: '9:00', to: '17:00' } }), /timing\/from/],
    ['timezone America/Los_Angeles', () => withSchedule({ timezone: 'America/Los_Angeles' }), /timezone/],
    ['steps without variants', () => withSteps([{ type: 'email', delay: 0 }]), /variants/],
    [
      'the plan shape {step,subject,body,delay_days}',
      () => withSteps([{ step: 1, subject: 's', body: 'b', delay_days: 0 }]),
      /steps\/0/,
    ],
  ])('POST /campaigns rejects %s with 400 (no retry)', async (_label, body, message) => {
    const before = sim.requests.length;
    const error = await raw('/campaigns', body());
    expect(error).toMatchObject({ status: 400, retryable: false, instantlyError: 'Bad Request' });
    expect(error.instantlyMessage).toMatch(message);
    expect(sim.requests.length - before).toBe(1);
  });

  it('POST /leads/add rejects both/neither target, >1000 leads and nested custom_variables', async () => {
    const { id } = await instantly.createCampaign(campaignBody('Bulk rejections'));
    const lead = { email: 'r@example.com' };
    const list = await instantly.request<{ id: string }>({
      method: 'POST',
      path: '/lead-lists',
      body: { name: 'L' },
      idempotent: false,
    });
    expect(
      (await raw('/leads/add', { campaign_id: id, list_id: list.id, leads: [lead] })).instantlyMessage,
    ).toMatch(/exactly one/);
    expect((await raw('/leads/add', { leads: [lead] })).instantlyMessage).toMatch(/exactly one/);
    const tooMany = Array.from({ length: 1001 }, (_, i) => ({ email: `l${i}@example.com` }));
    expect((await raw('/leads/add', { campaign_id: id, leads: tooMany })).instantlyMessage).toMatch(/1000/);
    const nested = { campaign_id: id, leads: [{ ...lead, custom_variables: { a: { b: 1 } } }] };
    expect(await raw('/leads/add', nested)).toMatchObject({ status: 400 });
  });

  it('limit > 100 is a 400 from the simulator and is refused by the client before sending', async () => {
    const error = await apiError(
      instantly.request({ method: 'GET', path: '/campaigns', query: { limit: 101 }, idempotent: true }),
    );
    expect(error).toMatchObject({ status: 400 });
    const before = sim.requests.length;
    await expect(instantly.listCampaigns({ limit: 101 })).rejects.toMatchObject({ kind: 'invalid_request' });
    expect(sim.requests.length).toBe(before);
  });
});

describe('retries, faults and the rate governor against the simulator', () => {
  it('idempotent GET survives two 503s; createCampaign is not retried after a 503', async () => {
    const { id } = await instantly.createCampaign(campaignBody('Faulty'));
    sim.faults.add({ kind: 'status', status: 503, route: 'GET /api/v2/campaigns/:id', times: 2 });
    const before = sim.requests.length;
    expect((await instantly.getCampaign(id)).id).toBe(id);
    expect(sim.requests.length - before).toBe(3);

    sim.faults.add({ kind: 'status', status: 503, route: 'POST /api/v2/campaigns', times: 1 });
    const error = await apiError(instantly.createCampaign(campaignBody('Not retried')));
    expect(error).toMatchObject({ status: 503, retryable: false });
    expect(sim.countRequests('POST /api/v2/campaigns')).toBeGreaterThan(0);
    expect(sim.requests.at(-1)?.status).toBe(503);
  });

  it('a dropped create is not retried (status 0) and the campaign is found by name afterwards', async () => {
    sim.faults.add({ kind: 'drop-after-commit', route: 'POST /api/v2/campaigns', times: 1 });
    const error = await apiError(instantly.createCampaign(campaignBody('Dropped-unique-name')));
    expect(error).toMatchObject({ status: 0, retryable: false });
    const found = await instantly.listCampaigns({ search: 'Dropped-unique-name' });
    expect(found.items).toHaveLength(1);
  });

  it('addLeads is retried through a 429 storm (Retry-After honoured) and writes once', async () => {
    const { id } = await instantly.createCampaign(campaignBody('Storm'));
    sim.rateLimitStorm({ route: 'POST /api/v2/leads/add', count: 2, retryAfterSeconds: 0.05 });
    const result = await instantly.addLeads({ campaign_id: id, leads: [{ email: 'storm@example.com' }] });
    expect(result.leads_uploaded).toBe(1);
    expect(
      sim.requests
        .filter((r) => r.path === '/api/v2/leads/add')
        .slice(-3)
        .map((r) => r.status),
    ).toEqual([429, 429, 200]);
  });

  it('250 concurrent calls from two clients of one workspace never exceed 100 in any second', async () => {
    sim.reset();
    const shared = new RateGovernor();
    const make = () => createInstantlyClient({ apiKey: OTHER_KEY, baseUrl: sim.apiUrl, governor: shared });
    const [a, b] = [make(), make()];
    const calls = Array.from({ length: 250 }, (_, i) => (i % 2 === 0 ? a : b).listWebhooks({ limit: 1 }));
    await Promise.all(calls);
    expect(sim.maxObservedPerSecond(OTHER_KEY)).toBeLessThanOrEqual(100);
    expect(sim.requests.filter((r) => r.status === 429)).toHaveLength(0);
    expect(sim.requests).toHaveLength(250);
  });
});
