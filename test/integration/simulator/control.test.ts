import { startSimulator, type Simulator } from '../../../simulator';
import { activeCampaign, api, readJson } from './helpers';

let sim: Simulator;
const KEY = 'control-key';

beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(() => sim.close());

const control = (method: string, path: string, body?: unknown) =>
  fetch(`${sim.url}/_sim${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

describe('/_sim control API', () => {
  it('sets the blocklist, generates a story, serves ground truth and state, and resets everything', async () => {
    expect(
      (await control('POST', '/blocklist', { workspace: KEY, entries: ['@blocked.example'] })).status,
    ).toBe(200);
    const id = await activeCampaign(sim, KEY, 4);
    const added = await api(sim, KEY).post('/leads/add', {
      campaign_id: id,
      leads: [{ email: 'x@blocked.example' }],
    });
    expect(added.body.in_blocklist).toBe(1);
    const story = await readJson(await control('POST', `/campaigns/${id}/story`, { seed: 3 }));
    expect(story.at(-1).event_type).toBe('campaign_completed');
    const truth = await readJson(await control('GET', `/campaigns/${id}/ground-truth`));
    expect(truth.totals.eventsTotal).toBe(story.length);
    expect(truth.totals.sent).toBe(4);
    const state = await readJson(await control('GET', '/state'));
    const ws = state.workspaces.find((w: { key: string }) => w.key === KEY);
    expect(ws.blocklist).toEqual(['blocked.example']);
    expect(ws.analytics[id].emails_sent_count).toBe(truth.totals.events.email_sent);
    expect(ws.leads).toHaveLength(4);
    expect(await readJson(await control('GET', `/max-per-second?workspace=${KEY}`))).toMatchObject({
      maxObservedPerSecond: expect.any(Number),
    });
    expect((await control('POST', '/reset')).status).toBe(200);
    expect(sim.requests).toHaveLength(0);
    expect((await readJson(await control('GET', '/state'))).workspaces).toEqual([]);
    expect((await api(sim, KEY).get(`/campaigns/${id}`)).status).toBe(404);
  });

  it('validates control bodies and answers 404 for unknown campaigns', async () => {
    expect((await control('POST', '/faults', { kind: 'status' })).status).toBe(400);
    expect((await control('POST', '/webhook-faults', { reorder: 3 })).status).toBe(400);
    expect((await control('POST', '/campaigns/0191a3e0-0000-7000-8000-000000000000/run', {})).status).toBe(
      404,
    );
  });
});
