import { createInstantlyClient } from '../../../lib/instantly/client';
import { RateGovernor } from '../../../lib/instantly/governor';
import { governorFor, resetGovernors, workspaceKeyFor } from '../../../lib/instantly/registry';
import { campaignJson, fakeFetch, type Reply } from './helpers/fake-fetch';

const KEY = 'test-key-123';

function client(replies: Reply[]) {
  const fake = fakeFetch(replies);
  const instantly = createInstantlyClient({
    apiKey: KEY,
    baseUrl: 'https://sim.test/api/v2',
    fetch: fake.fetch,
    governor: new RateGovernor(),
  });
  return { instantly, requests: fake.requests };
}

const schedule = {
  schedules: [
    {
      name: 'Work',
      timing: { from: '09:00', to: '17:00' },
      days: { '1': true },
      timezone: 'America/Chicago' as const,
    },
  ],
};

describe('client-side validation (nothing is sent)', () => {
  const lead = { email: 'a@example.com' };
  it.each([
    ['0 leads', { campaign_id: 'c', leads: [] }],
    ['1001 leads', { campaign_id: 'c', leads: Array.from({ length: 1001 }, () => lead) }],
    ['both targets', { campaign_id: 'c', list_id: 'l', leads: [lead] }],
    ['no target', { leads: [lead] }],
    ['nested custom variable', { campaign_id: 'c', leads: [{ ...lead, custom_variables: { a: { b: 1 } } }] }],
    ['NaN custom variable', { campaign_id: 'c', leads: [{ ...lead, custom_variables: { a: Number.NaN } }] }],
  ])('addLeads rejects %s', async (_label, body) => {
    const { instantly, requests } = client([{ status: 200, json: {} }]);
    await expect(instantly.addLeads(body as never)).rejects.toMatchObject({ kind: 'invalid_request' });
    expect(requests).toHaveLength(0);
  });

  it('addLeads accepts exactly 1,000 leads', async () => {
    const result = { status: 'success', total_sent: 1000, leads_uploaded: 1000, created_leads: [] };
    const { instantly, requests } = client([{ status: 200, json: result }]);
    await instantly.addLeads({ list_id: 'l', leads: Array.from({ length: 1000 }, () => lead) });
    expect(requests).toHaveLength(1);
  });

  it.each([0, 101, 2.5])('list limit %p is rejected', async (limit) => {
    const { instantly, requests } = client([{ status: 200, json: { items: [] } }]);
    await expect(instantly.listCampaigns({ limit })).rejects.toThrow(
      /limit must be an integer from 1 to 100/,
    );
    await expect(instantly.listWebhooks({ limit })).rejects.toThrow(/limit/);
    await expect(instantly.listLeads({ limit })).rejects.toThrow(/limit/);
    await expect(instantly.listWebhookEvents({ limit })).rejects.toThrow(/limit/);
    await expect(instantly.iterateWebhookEvents({ limit }).next()).rejects.toThrow(/limit/);
    await expect(instantly.iterateCampaigns({ limit }).next()).rejects.toThrow(/limit/);
    expect(requests).toHaveLength(0);
  });

  it('createCampaign rejects a timezone outside the 102-value enum', async () => {
    const { instantly, requests } = client([{ status: 200, json: campaignJson() }]);
    const bad = { schedules: [{ ...schedule.schedules[0]!, timezone: 'America/Los_Angeles' as never }] };
    await expect(instantly.createCampaign({ name: 'X', campaign_schedule: bad })).rejects.toThrow(
      /mapTimezone/,
    );
    expect(requests).toHaveLength(0);
  });

  it('an empty id is rejected before sending', async () => {
    const { instantly, requests } = client([{ status: 200, json: campaignJson() }]);
    await expect(instantly.getCampaign('')).rejects.toThrow(RangeError);
    expect(requests).toHaveLength(0);
  });
});

describe('shared governor', () => {
  afterEach(() => resetGovernors());

  it('clients of the same key share the registry governor, and the key is not on the client', () => {
    const a = createInstantlyClient({ apiKey: KEY });
    const b = createInstantlyClient({ apiKey: KEY });
    expect(a.governor).toBe(b.governor);
    expect(a.governor).toBe(governorFor(workspaceKeyFor(KEY)));
    expect(JSON.stringify(Object.keys(a))).not.toContain(KEY);
    expect(Object.values(a)).not.toContain(KEY);
  });

  it('rejects an empty API key', () => {
    expect(() => createInstantlyClient({ apiKey: ' ' })).toThrow(RangeError);
  });
});
