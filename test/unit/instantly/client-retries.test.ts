import { createInstantlyClient } from '../../../lib/instantly/client';
import { isInstantlyApiError, type InstantlyApiError } from '../../../lib/instantly/errors';
import { RateGovernor } from '../../../lib/instantly/governor';
import { campaignJson, fakeFetch, type Reply } from './helpers/fake-fetch';

const KEY = 'retry-key-xyz';

function setup(replies: Reply[], maxRetries = 5) {
  const fake = fakeFetch(replies);
  const sleeps: number[] = [];
  const governor = new RateGovernor({ random: () => 0 });
  const rateLimited = jest.spyOn(governor, 'onRateLimited');
  const instantly = createInstantlyClient({
    apiKey: KEY,
    baseUrl: 'https://sim.test/api/v2',
    fetch: fake.fetch,
    governor,
    maxRetries,
    random: () => 0.5,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    timeoutMs: 50,
  });
  return { instantly, requests: fake.requests, sleeps, rateLimited, governor };
}

async function failure(promise: Promise<unknown>): Promise<InstantlyApiError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!isInstantlyApiError(error)) throw new Error(`expected InstantlyApiError, got ${String(error)}`);
  return error;
}

const e503: Reply = { status: 503, json: { statusCode: 503, error: 'Service Unavailable', message: 'down' } };
const e429: Reply = {
  status: 429,
  json: { statusCode: 429, error: 'Too Many Requests', message: 'Rate limit exceeded' },
};
const network: Reply = { throws: new TypeError('fetch failed') };
const leadsOk = {
  status: 'success',
  total_sent: 1,
  leads_uploaded: 1,
  created_leads: [{ index: 0, id: 'l-1' }],
};

describe('idempotent requests retry 429, 5xx and network failures', () => {
  it('GET recovers after 503, network error, 503 with backoff 250, 500, 1000 ms (full jitter at 0.5)', async () => {
    const { instantly, requests, sleeps } = setup([
      e503,
      network,
      e503,
      { status: 200, json: campaignJson() },
    ]);
    await expect(instantly.getCampaign('c-1')).resolves.toMatchObject({ id: 'c-1' });
    expect(requests).toHaveLength(4);
    expect(sleeps).toEqual([250, 500, 1_000]);
  });

  it('gives up after maxRetries with retryable=true', async () => {
    const { instantly, requests } = setup([e503], 2);
    const error = await failure(instantly.listCampaigns());
    expect(requests).toHaveLength(3);
    expect(error).toMatchObject({ status: 503, retryable: true, method: 'GET', path: '/campaigns' });
  });

  it.each([
    ['patchCampaign', () => setup([e503, { status: 200, json: campaignJson() }])] as const,
    ['activateCampaign', () => setup([e503, { status: 200, json: campaignJson() }])] as const,
    ['listLeads', () => setup([e503, { status: 200, json: { items: [] } }])] as const,
  ])('%s is retried on 5xx', async (method, make) => {
    const { instantly, requests } = make();
    if (method === 'patchCampaign') await instantly.patchCampaign('c-1', { name: 'N' });
    else if (method === 'activateCampaign') await instantly.activateCampaign('c-1');
    else await instantly.listLeads({});
    expect(requests).toHaveLength(2);
  });

  it('a timeout is a network failure (status 0) and is retried for GET', async () => {
    const { instantly, requests } = setup([{ hang: true }, { status: 200, json: campaignJson() }]);
    await instantly.getCampaign('c-1');
    expect(requests).toHaveLength(2);
  });
});

describe('non-idempotent writes retry only 429', () => {
  it.each([
    ['createCampaign', '/campaigns'],
    ['addLeads', '/leads/add'],
    ['createWebhook', '/webhooks'],
    ['testWebhook', '/webhooks/w-1/test'],
  ] as const)(
    '%s: 5xx and network failures are thrown at once with retryable=false',
    async (method, path) => {
      for (const reply of [e503, network, { hang: true } as const]) {
        const { instantly, requests } = setup([reply]);
        const calls = {
          createCampaign: () => instantly.createCampaign({ name: 'X', campaign_schedule: { schedules: [] } }),
          addLeads: () => instantly.addLeads({ campaign_id: 'c-1', leads: [{ email: 'a@example.com' }] }),
          createWebhook: () => instantly.createWebhook({ target_hook_url: 'https://x.test/hook' }),
          testWebhook: () => instantly.testWebhook('w-1'),
        };
        const error = await failure(calls[method]());
        expect(requests).toHaveLength(1);
        expect(error).toMatchObject({ retryable: false, method: 'POST', path });
        expect(error.status).toBe('status' in reply ? 503 : 0);
      }
    },
  );

  it('addLeads is retried after 429 (the request was refused, nothing was written)', async () => {
    const { instantly, requests, rateLimited } = setup([e429, { status: 200, json: leadsOk }]);
    await expect(
      instantly.addLeads({ campaign_id: 'c-1', leads: [{ email: 'a@example.com' }] }),
    ).resolves.toEqual(leadsOk);
    expect(requests).toHaveLength(2);
    expect(rateLimited).toHaveBeenCalledWith(expect.objectContaining({ retryAfterMs: undefined }));
  });
});
