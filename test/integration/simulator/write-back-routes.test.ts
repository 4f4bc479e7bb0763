import { startSimulator, type Simulator } from '../../../simulator';
import { createInstantlyClient } from '../../../lib/instantly';
import { api, campaignBody, expectEnvelope } from './helpers';

// Issue 16: the simulator's update-interest-status (202, applied by a background job) and block-list entries,
// in the shapes of the official OpenAPI document, with the fault injection of every other route.
let sim: Simulator;
const KEY = 'key-write-back';
const client = () => api(sim, KEY);

beforeAll(async () => {
  sim = await startSimulator({ apiKeys: [KEY, 'key-other'], backgroundJobDelayMs: 150 });
});
afterAll(() => sim.close());

async function leadIn(campaign: string, email: string): Promise<string> {
  const res = await client().post('/leads', { campaign, email });
  expect(res.status).toBe(200);
  return res.body.id as string;
}

/** The lead's lt_interest_status (the lead view leaves it out while the lead has none). */
async function statusOf(id: string): Promise<number | null> {
  return (await client().get(`/leads/${id}`)).body.lt_interest_status ?? null;
}

async function until(check: () => Promise<boolean>, what: string): Promise<void> {
  const end = Date.now() + 10_000;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('POST /leads/update-interest-status', () => {
  it('answers 202 at once and sets lt_interest_status in the background, for that campaign only', async () => {
    const a = (await client().post('/campaigns', campaignBody({ name: 'A' }))).body.id as string;
    const b = (await client().post('/campaigns', campaignBody({ name: 'B' }))).body.id as string;
    const inA = await leadIn(a, 'Owner@Bakery.example');
    const inB = await leadIn(b, 'owner@bakery.example');
    const res = await client().post('/leads/update-interest-status', {
      lead_email: 'OWNER@bakery.example',
      interest_value: 1,
      campaign_id: a,
    });
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ message: 'Lead interest status update background job submitted' });
    expect(await statusOf(inA)).toBeNull(); // not yet: a background job
    await until(async () => (await statusOf(inA)) === 1, 'the job to apply');
    expect(await statusOf(inB)).toBeNull();
    const jobs = await client().get('/background-jobs', { type: 'update-interest-status' });
    expect(jobs.body.items.map((j: { status: string }) => j.status)).toEqual(['success']);
    // Sent twice (a lost answer retried): the same status, as once.
    for (let i = 0; i < 2; i += 1) {
      const again = await client().post('/leads/update-interest-status', {
        lead_email: 'owner@bakery.example',
        interest_value: -2,
        campaign_id: a,
      });
      expect(again.status).toBe(202);
    }
    await until(async () => (await statusOf(inA)) === -2, 'the second job');
    // The listing shows it too; null resets to "Lead".
    await client().post('/leads/update-interest-status', {
      lead_email: 'owner@bakery.example',
      interest_value: null,
    });
    await until(async () => (await statusOf(inA)) === null && (await statusOf(inB)) === null, 'the reset');
  });

  it('validates like the document: required fields, types, unknown fields, the bare invalid-email answer', async () => {
    expectEnvelope(await client().post('/leads/update-interest-status', { interest_value: 1 }), 400);
    expectEnvelope(await client().post('/leads/update-interest-status', { lead_email: 'a@b.co' }), 400);
    expectEnvelope(
      await client().post('/leads/update-interest-status', { lead_email: 'a@b.co', interest_value: '1' }),
      400,
    );
    expectEnvelope(
      await client().post('/leads/update-interest-status', { lead_email: 'a@b.co', interest_value: 1, x: 1 }),
      400,
    );
    const bad = await client().post('/leads/update-interest-status', {
      lead_email: 'nope',
      interest_value: 1,
    });
    expect(bad).toMatchObject({ status: 400, body: { error: 'Invalid lead email' } });
  });

  it('loses a 202 after applying it (drop-after-commit), and forces 429/5xx, like every route', async () => {
    const c = (await client().post('/campaigns', campaignBody({ name: 'C' }))).body.id as string;
    const id = await leadIn(c, 'lost@answer.example');
    sim.faults.add({ kind: 'drop-after-commit', route: 'POST /api/v2/leads/update-interest-status' });
    const body = { lead_email: 'lost@answer.example', interest_value: 0, campaign_id: c };
    await expect(client().post('/leads/update-interest-status', body)).rejects.toThrow();
    await until(async () => (await statusOf(id)) === 0, 'the applied job behind the lost answer');
    sim.faults.add({ kind: 'status', status: 429, route: 'POST /api/v2/leads/update-interest-status' });
    sim.faults.add({ kind: 'status', status: 503, route: 'POST /api/v2/leads/update-interest-status' });
    expectEnvelope(await client().post('/leads/update-interest-status', body), 429);
    expectEnvelope(await client().post('/leads/update-interest-status', body), 503);
    const log = sim.requests.filter((r) => r.path === '/api/v2/leads/update-interest-status');
    expect(log.slice(-3).map((r) => [r.status, r.dropped])).toEqual([
      [0, true],
      [429, false],
      [503, false],
    ]);
  });

  it("our client's updateLeadInterestStatus retries a lost answer once and gets the 202", async () => {
    const instantly = createInstantlyClient({ apiKey: KEY, baseUrl: sim.apiUrl, sleep: async () => {} });
    const c = (await client().post('/campaigns', campaignBody({ name: 'D' }))).body.id as string;
    const id = await leadIn(c, 'retry@answer.example');
    sim.faults.add({ kind: 'drop-after-commit', route: 'POST /api/v2/leads/update-interest-status' });
    const before = sim.countRequests('POST /api/v2/leads/update-interest-status');
    const res = await instantly.updateLeadInterestStatus({
      lead_email: 'retry@answer.example',
      interest_value: -1,
      campaign_id: c,
    });
    expect(res.message).toBe('Lead interest status update background job submitted');
    expect(sim.countRequests('POST /api/v2/leads/update-interest-status') - before).toBe(2);
    await until(async () => (await statusOf(id)) === -1, 'one effective status');
  });
});

describe('/block-lists-entries', () => {
  it('stores entries (email or domain), lists and pages them, and blocks later uploads', async () => {
    const instantly = createInstantlyClient({ apiKey: KEY, baseUrl: sim.apiUrl });
    const entry = await instantly.addBlockListEntry({ bl_value: 'Stop@Contact.example' });
    expect(entry).toMatchObject({ bl_value: 'stop@contact.example', is_domain: false });
    expect(Object.keys(entry).sort()).toEqual([
      'bl_value',
      'id',
      'is_domain',
      'organization_id',
      'timestamp_created',
    ]);
    const domain = await instantly.addBlockListEntry({ bl_value: 'spam.example' });
    expect(domain.is_domain).toBe(true);
    // A value already blocked answers its existing entry.
    expect((await instantly.addBlockListEntry({ bl_value: 'stop@contact.example' })).id).toBe(entry.id);
    const all = await instantly.listBlockListEntries({ limit: 1 });
    expect(all.items.map((e) => e.id)).toEqual([entry.id]);
    const next = await instantly.listBlockListEntries({ limit: 1, starting_after: all.next_starting_after! });
    expect(next.items.map((e) => e.id)).toEqual([domain.id]);
    expect((await instantly.listBlockListEntries({ search: 'stop@contact' })).items).toHaveLength(1);
    expect((await instantly.listBlockListEntries({ domains_only: true })).items.map((e) => e.id)).toEqual([
      domain.id,
    ]);
    // Another workspace does not see them.
    expect((await api(sim, 'key-other').get('/block-lists-entries')).body.items).toEqual([]);
    const c = (await client().post('/campaigns', campaignBody({ name: 'E' }))).body.id as string;
    const refused = await client().post('/leads', { campaign: c, email: 'stop@contact.example' });
    expect(refused.status).toBe(400);
  });

  it('validates the body (bl_value only) and the query', async () => {
    expectEnvelope(await client().post('/block-lists-entries', {}), 400);
    expectEnvelope(await client().post('/block-lists-entries', { bl_value: 'a@b.co', extra: true }), 400);
    expectEnvelope(await client().post('/block-lists-entries', { bl_value: 5 }), 400);
    expectEnvelope(await client().get('/block-lists-entries', { limit: '0' }), 400);
    expectEnvelope(await client().get('/block-lists-entries', { sort: 'x' }), 400);
  });
});
