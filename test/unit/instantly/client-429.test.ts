import { createInstantlyClient } from '../../../lib/instantly/client';
import { isInstantlyApiError, type InstantlyApiError } from '../../../lib/instantly/errors';
import { RateGovernor } from '../../../lib/instantly/governor';
import { campaignJson, fakeFetch, type Reply } from './helpers/fake-fetch';

const KEY = 'retry-key-xyz';

function setup(replies: Reply[], maxRetries = 5) {
  const fake = fakeFetch(replies);
  const governor = new RateGovernor({ random: () => 0 });
  const rateLimited = jest.spyOn(governor, 'onRateLimited');
  const instantly = createInstantlyClient({
    apiKey: KEY,
    baseUrl: 'https://sim.test/api/v2',
    fetch: fake.fetch,
    governor,
    maxRetries,
    sleep: async () => undefined,
  });
  return { instantly, requests: fake.requests, rateLimited, governor };
}

async function failure(promise: Promise<unknown>): Promise<InstantlyApiError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!isInstantlyApiError(error)) throw new Error(`expected InstantlyApiError, got ${String(error)}`);
  return error;
}

const e429: Reply = {
  status: 429,
  json: { statusCode: 429, error: 'Too Many Requests', message: 'Rate limit exceeded' },
};

describe('429 handling', () => {
  it('Retry-After seconds go to governor.pause for the whole workspace', async () => {
    const { instantly, rateLimited, governor } = setup([
      { ...e429, headers: { 'retry-after': '0.02' } },
      { status: 200, json: campaignJson() },
    ]);
    const pause = jest.spyOn(governor, 'pause');
    await instantly.getCampaign('c-1');
    expect(rateLimited).toHaveBeenCalledWith(expect.objectContaining({ retryAfterMs: 20 }));
    expect(pause).toHaveBeenCalledWith(20);
  });

  it('Retry-After as an HTTP date is converted against the wall clock', async () => {
    const fake = fakeFetch([
      { ...e429, headers: { 'retry-after': 'Wed, 21 Oct 2015 07:28:00 GMT' } },
      { status: 200, json: campaignJson() },
    ]);
    const governor = new RateGovernor();
    const pause = jest.spyOn(governor, 'pause').mockImplementation(() => undefined);
    const instantly = createInstantlyClient({
      apiKey: KEY,
      fetch: fake.fetch,
      governor,
      now: () => Date.parse('Wed, 21 Oct 2015 07:27:59.990 GMT'),
    });
    await instantly.getCampaign('c-1');
    expect(pause).toHaveBeenCalledWith(10);
  });

  it('a Retry-After longer than maxRetryAfterMs is thrown (retryable, with retryAfterMs) instead of waited', async () => {
    const { instantly, requests, governor } = setup([{ ...e429, headers: { 'retry-after': '3600' } }]);
    const pause = jest.spyOn(governor, 'pause').mockImplementation(() => undefined);
    const error = await failure(
      instantly.createCampaign({ name: 'X', campaign_schedule: { schedules: [] } }),
    );
    expect(requests).toHaveLength(1);
    expect(error).toMatchObject({ status: 429, retryable: true, retryAfterMs: 3_600_000 });
    expect(pause).toHaveBeenCalledWith(3_600_000);
  });

  it('429 without Retry-After uses the governor backoff and, when retries run out, stays retryable', async () => {
    const { instantly, requests, rateLimited } = setup([e429], 3);
    const error = await failure(instantly.getCampaign('c-1'));
    expect(requests).toHaveLength(4);
    expect(rateLimited).toHaveBeenCalledTimes(4);
    expect(error).toMatchObject({ status: 429, retryable: true, instantlyMessage: 'Rate limit exceeded' });
  });

  it('4xx other than 429 is never retried', async () => {
    const { instantly, requests } = setup([
      { status: 404, json: { statusCode: 404, error: 'Not Found', message: 'Resource not found' } },
    ]);
    const error = await failure(instantly.getCampaign('c-1'));
    expect(requests).toHaveLength(1);
    expect(error).toMatchObject({ status: 404, retryable: false, instantlyError: 'Not Found' });
  });
});
