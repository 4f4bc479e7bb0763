import { createInstantlyClient, type InstantlyClientOptions } from '../../../lib/instantly/client';
import { isInstantlyClientError } from '../../../lib/instantly/errors';
import { RateGovernor } from '../../../lib/instantly/governor';
import { DEFAULT_USER_AGENT } from '../../../lib/instantly/http-build';
import { campaignJson, fakeFetch, type Reply } from './helpers/fake-fetch';

const BASE = 'https://sim.test/api/v2';
const KEY = 'test-key-123';

function client(
  replies: Reply[] | Parameters<typeof fakeFetch>[0],
  options: Partial<InstantlyClientOptions> = {},
) {
  const fake = fakeFetch(replies);
  const instantly = createInstantlyClient({
    apiKey: KEY,
    baseUrl: BASE,
    fetch: fake.fetch,
    governor: new RateGovernor(),
    ...options,
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

describe('request building', () => {
  it('GET: bearer auth, default User-Agent, accept JSON, no content-type, no body', async () => {
    const { instantly, requests } = client([{ status: 200, json: campaignJson() }]);
    await instantly.getCampaign('c-1');
    const [req] = requests;
    expect(req!.method).toBe('GET');
    expect(req!.url.href).toBe(`${BASE}/campaigns/c-1`);
    expect(req!.headers).toEqual({
      authorization: `Bearer ${KEY}`,
      'user-agent': DEFAULT_USER_AGENT,
      accept: 'application/json',
    });
    expect(req!.body).toBeUndefined();
  });

  it('a body travels as JSON with content-type; a custom User-Agent replaces the default', async () => {
    const { instantly, requests } = client([{ status: 200, json: campaignJson() }], {
      userAgent: 'bridge-test/1',
    });
    const body = { name: 'X', campaign_schedule: schedule };
    await instantly.createCampaign(body);
    expect(requests[0]!.method).toBe('POST');
    expect(requests[0]!.headers['content-type']).toBe('application/json');
    expect(requests[0]!.headers['user-agent']).toBe('bridge-test/1');
    expect(JSON.parse(requests[0]!.body!)).toEqual(body);
  });

  it('a blank User-Agent still sends the default one', async () => {
    const { instantly, requests } = client([{ status: 200, json: campaignJson() }], { userAgent: '  ' });
    await instantly.getCampaign('c-1');
    expect(requests[0]!.headers['user-agent']).toBe(DEFAULT_USER_AGENT);
  });

  it.each([
    ['activateCampaign', '/campaigns/c-1/activate', campaignJson()],
    ['pauseCampaign', '/campaigns/c-1/pause', campaignJson()],
    ['resumeWebhook', '/webhooks/c-1/resume', { id: 'c-1', target_hook_url: 'https://x.test' }],
    ['testWebhook', '/webhooks/c-1/test', { success: true }],
  ] as const)('%s is a bodiless POST without content-type', async (method, path, json) => {
    const { instantly, requests } = client([{ status: 200, json }]);
    await instantly[method]('c-1');
    expect(requests[0]!.method).toBe('POST');
    expect(requests[0]!.url.pathname).toBe(`/api/v2${path}`);
    expect(requests[0]!.body).toBeUndefined();
    expect(requests[0]!.headers).not.toHaveProperty('content-type');
  });

  it('DELETE sends no body and no content-type', async () => {
    const { instantly, requests } = client([{ status: 200, json: campaignJson() }]);
    await instantly.deleteCampaign('c-1');
    expect(requests[0]!.method).toBe('DELETE');
    expect(requests[0]!.headers).not.toHaveProperty('content-type');
  });

  it('query arrays become repeated keys; undefined values are left out; booleans are words', async () => {
    const { instantly, requests } = client([{ status: 200, json: [] }]);
    await instantly.getCampaignAnalytics({
      ids: ['a', 'b'],
      start_date: '2026-01-01',
      exclude_total_leads_count: true,
    });
    const url = requests[0]!.url;
    expect(url.pathname).toBe('/api/v2/campaigns/analytics');
    expect(url.search).toBe('?ids=a&ids=b&start_date=2026-01-01&exclude_total_leads_count=true');
  });

  it('daily and step analytics use campaign_id', async () => {
    const { instantly, requests } = client([{ status: 200, json: [] }]);
    await instantly.getDailyAnalytics({ campaign_id: 'c-1' });
    await instantly.getStepAnalytics({ campaign_id: 'c-1', include_opportunities_count: false });
    expect(requests.map((r) => `${r.url.pathname}${r.url.search}`)).toEqual([
      '/api/v2/campaigns/analytics/daily?campaign_id=c-1',
      '/api/v2/campaigns/analytics/steps?campaign_id=c-1&include_opportunities_count=false',
    ]);
  });

  it('POST /leads/list carries limit and starting_after in the body, not the query', async () => {
    const { instantly, requests } = client([{ status: 200, json: { items: [] } }]);
    await instantly.listLeads({ campaign: 'c-1', limit: 50, starting_after: 'cur' });
    expect(requests[0]!.url.search).toBe('');
    expect(JSON.parse(requests[0]!.body!)).toEqual({ campaign: 'c-1', limit: 50, starting_after: 'cur' });
  });

  it('ids are path-encoded and a trailing slash on baseUrl is ignored', async () => {
    const { instantly, requests } = client([{ status: 200, json: campaignJson() }], { baseUrl: `${BASE}/` });
    await instantly.getCampaign('a/b c');
    expect(requests[0]!.url.href).toBe(`${BASE}/campaigns/a%2Fb%20c`);
  });

  it('production base URL is the default', async () => {
    const { instantly, requests } = client([{ status: 200, json: { event_types: [] } }], {
      baseUrl: undefined,
    });
    await instantly.listWebhookEventTypes();
    expect(requests[0]!.url.href).toBe('https://api.instantly.ai/api/v2/webhooks/event-types');
  });

  it('extra response fields pass through validation', async () => {
    const { instantly } = client([{ status: 200, json: campaignJson({ brand_new_field: { a: 1 } }) }]);
    await expect(instantly.getCampaign('c-1')).resolves.toMatchObject({ brand_new_field: { a: 1 } });
  });

  it('a 2xx body of the wrong shape is an invalid_response client error', async () => {
    const { instantly } = client([{ status: 200, json: { name: 'no id' } }]);
    const error: unknown = await instantly.getCampaign('c-1').catch((e: unknown) => e);
    expect(isInstantlyClientError(error) && error.kind).toBe('invalid_response');
    expect((error as Error).message).toMatch(/id/);
  });
});
