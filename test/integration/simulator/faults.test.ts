import { startSimulator, type Simulator } from '../../../simulator';
import { api, campaignBody, expectEnvelope, readJson } from './helpers';

let sim: Simulator;
const KEY = 'faults-key';
const client = () => api(sim, KEY);

beforeAll(async () => {
  sim = await startSimulator({ faultSeed: 42 });
});
afterAll(() => sim.close());
afterEach(() => {
  sim.faults.clear();
  sim.clearRequests();
});

describe('HTTP faults', () => {
  it('injects 500/503 once (times default 1) with the envelope', async () => {
    sim.faults.add({ route: 'GET /api/v2/campaigns', kind: 'status', status: 503 });
    sim.faults.add({ route: 'POST /api/v2/campaigns', kind: 'status', status: 500, times: 2 });
    expectEnvelope(await client().get('/campaigns'), 503, 'Service Unavailable');
    expect((await client().get('/campaigns')).status).toBe(200);
    expectEnvelope(await client().post('/campaigns', campaignBody()), 500);
    expectEnvelope(await client().post('/campaigns', campaignBody()), 500);
    expect((await client().post('/campaigns', campaignBody())).status).toBe(200);
    expect(sim.countRequests('POST /api/v2/campaigns')).toBe(3);
    expect(sim.requests.count('POST /campaigns')).toBe(3);
  });

  it('injects 429 with and without Retry-After, matching :id patterns', async () => {
    const id = (await client().post('/campaigns', campaignBody())).body.id;
    sim.faults.add({ route: 'GET /api/v2/campaigns/:id', kind: 'status', status: 429, retryAfterSeconds: 7 });
    const limited = await client().get(`/campaigns/${id}`);
    expect(limited.body).toEqual({
      statusCode: 429,
      error: 'Too Many Requests',
      message: 'Rate limit exceeded',
    });
    expect(limited.headers.get('retry-after')).toBe('7');
    sim.rateLimitStorm({ route: 'GET /api/v2/campaigns/:id', count: 3 });
    for (let i = 0; i < 3; i += 1) {
      const r = await client().get(`/campaigns/${id}`);
      expect(r.status).toBe(429);
      expect(r.headers.get('retry-after')).toBeNull();
    }
    expect((await client().get(`/campaigns/${id}`)).status).toBe(200);
  });

  it('applies latency and probability-based rules', async () => {
    sim.faults.add({ route: 'GET /api/v2/campaigns', kind: 'latency', ms: 150 });
    const started = Date.now();
    await client().get('/campaigns');
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    sim.faults.add({ route: 'GET /api/v2/campaigns', kind: 'status', status: 500, probability: 1 });
    for (let i = 0; i < 3; i += 1) expect((await client().get('/campaigns')).status).toBe(500);
  });

  it('drop-after-commit: the connection dies, but the campaign and the leads exist', async () => {
    sim.faults.add({ route: 'POST /api/v2/campaigns', kind: 'drop-after-commit' });
    await expect(client().post('/campaigns', campaignBody({ name: 'Dropped' }))).rejects.toThrow();
    const listed = (await client().get('/campaigns', { search: 'Dropped' })).body.items;
    expect(listed).toHaveLength(1);
    sim.faults.add({ route: 'POST /leads/add', kind: 'drop-after-commit' });
    await expect(
      client().post('/leads/add', { campaign_id: listed[0].id, leads: [{ email: 'kept@x.example' }] }),
    ).rejects.toThrow();
    expect(
      (await client().post('/leads/list', { campaign: listed[0].id })).body.items.map(
        (l: { email: string }) => l.email,
      ),
    ).toEqual(['kept@x.example']);
    const recorded = sim.requests.matching('POST /api/v2/leads/add');
    expect(recorded[0]).toMatchObject({ status: 0, dropped: true, fault: 'drop-after-commit' });
  });

  it('drop-before-commit: nothing is written', async () => {
    sim.faults.add({ route: 'POST /api/v2/campaigns', kind: 'drop-before-commit' });
    await expect(client().post('/campaigns', campaignBody({ name: 'Never' }))).rejects.toThrow();
    expect((await client().get('/campaigns', { search: 'Never' })).body.items).toHaveLength(0);
  });

  it('is controllable over HTTP under /_sim', async () => {
    const add = await fetch(`${sim.url}/_sim/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ route: 'GET /api/v2/campaigns', kind: 'status', status: 503, times: 5 }),
    });
    expect(add.status).toBe(200);
    expect((await client().get('/campaigns')).status).toBe(503);
    expect((await fetch(`${sim.url}/_sim/faults`, { method: 'DELETE' })).status).toBe(200);
    expect((await client().get('/campaigns')).status).toBe(200);
    const requests = await readJson(await fetch(`${sim.url}/_sim/requests`));
    expect(requests.map((r: { status: number }) => r.status)).toEqual([503, 200]);
    expect(requests[0]).toMatchObject({ method: 'GET', path: '/api/v2/campaigns', workspace: KEY });
    expect(requests[0].headers.authorization).toBe(`Bearer ${KEY}`);
  });
});

describe('rate limits enforced by the simulator', () => {
  it('answers 429 beyond 100 requests in one second and reports the observed maximum', async () => {
    const key = 'burst-key';
    const replies = await Promise.all(
      Array.from({ length: 150 }, () => api(sim, key).get('/campaigns', { limit: '1' })),
    );
    const times = sim.requests
      .matching('GET /api/v2/campaigns')
      .filter((r) => r.workspace === key)
      .map((r) => Date.parse(r.at));
    const ok = replies.filter((r) => r.status === 200).length;
    const limited = replies.filter((r) => r.status === 429);
    if (Math.max(...times) - Math.min(...times) < 1000) {
      expect(ok).toBe(100);
      expect(sim.maxObservedPerSecond(key)).toBe(150);
    }
    expect(ok).toBeLessThanOrEqual(100 + Math.ceil((Math.max(...times) - Math.min(...times)) / 10));
    expect(limited.length).toBeGreaterThan(0);
    expect(limited[0]!.body).toEqual({
      statusCode: 429,
      error: 'Too Many Requests',
      message: 'Rate limit exceeded',
    });
  });

  it('a paced client never exceeds 100/s and never sees a 429', async () => {
    const key = 'paced-key';
    const statuses: number[] = [];
    for (let second = 0; second < 3; second += 1) {
      statuses.push(
        ...(
          await Promise.all(Array.from({ length: 80 }, () => api(sim, key).get('/campaigns', { limit: '1' })))
        ).map((r) => r.status),
      );
      // A second after the last answer, no request of this batch can share a 1 s window with the next batch.
      await new Promise((r) => setTimeout(r, 1010));
    }
    expect(statuses.filter((s) => s !== 200)).toEqual([]);
    expect(sim.maxObservedPerSecond(key)).toBe(80);
  });

  it('enforces the per-minute budget too (shown with a small configured budget)', async () => {
    const small = await startSimulator({ rateLimit: { perSecond: 1000, perMinute: 30 } });
    try {
      const replies = await Promise.all(Array.from({ length: 40 }, () => api(small, 'm').get('/campaigns')));
      expect(replies.filter((r) => r.status === 200)).toHaveLength(30);
      expect(replies.filter((r) => r.status === 429)).toHaveLength(10);
    } finally {
      await small.close();
    }
  });
});
