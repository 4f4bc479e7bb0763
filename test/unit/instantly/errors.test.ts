import { backoffDelay, DEFAULT_BACKOFF, parseRetryAfter } from '../../../lib/instantly/backoff';
import { createInstantlyClient } from '../../../lib/instantly/client';
import {
  InstantlyApiError,
  isInstantlyApiError,
  isInstantlyClientError,
  parseErrorBody,
} from '../../../lib/instantly/errors';
import { RateGovernor } from '../../../lib/instantly/governor';
import { fakeFetch, type Reply } from './helpers/fake-fetch';

const KEY = 'sk_live_SECRET_abc123';

const CLOUDFLARE_1010 = `<!DOCTYPE html>
<html><head><title>Access denied | api.instantly.ai used Cloudflare to restrict access</title></head>
<body><div class="cf-error-title"><h1>Access denied</h1><span class="cf-code-label">Error code <span>1010</span></span></div>
<p>The owner of this website (api.instantly.ai) has banned your access based on your browser's signature.</p>
<span>Cloudflare Ray ID: 8abc</span></body></html>`;

async function errorFor(reply: Reply): Promise<InstantlyApiError> {
  const fake = fakeFetch([reply]);
  const instantly = createInstantlyClient({
    apiKey: KEY,
    fetch: fake.fetch,
    governor: new RateGovernor(),
    maxRetries: 0,
  });
  const error: unknown = await instantly.getCampaignAnalytics({ id: 'c-1' }).catch((e: unknown) => e);
  if (!isInstantlyApiError(error)) throw new Error('expected InstantlyApiError');
  return error;
}

describe('error body mapping', () => {
  it('Fastify envelope {statusCode, error, message}', async () => {
    const error = await errorFor({
      status: 400,
      json: { statusCode: 400, error: 'Bad Request', message: 'body/name must be string' },
    });
    expect(error).toBeInstanceOf(InstantlyApiError);
    expect(error).toMatchObject({
      status: 400,
      instantlyMessage: 'body/name must be string',
      instantlyError: 'Bad Request',
      retryable: false,
      method: 'GET',
      path: '/campaigns/analytics',
    });
    expect(error.message).toBe(
      'Instantly GET /campaigns/analytics failed (HTTP 400): body/name must be string',
    );
  });

  it('bare {message} body (analytics date errors)', async () => {
    const error = await errorFor({
      status: 400,
      json: { message: 'Start Date must be earlier than End Date' },
    });
    expect(error.instantlyMessage).toBe('Start Date must be earlier than End Date');
    expect(error.instantlyError).toBeUndefined();
  });

  it('bare {error} body (update-interest-status)', () => {
    expect(parseErrorBody(400, JSON.stringify({ error: 'Invalid lead email' }))).toEqual({
      message: 'Invalid lead email',
      error: 'Invalid lead email',
    });
  });

  it('Cloudflare HTML 403 (error 1010) names Cloudflare and the User-Agent cause', async () => {
    const error = await errorFor({
      status: 403,
      text: CLOUDFLARE_1010,
      headers: { 'content-type': 'text/html' },
    });
    expect(error.status).toBe(403);
    expect(error.retryable).toBe(false);
    expect(error.instantlyMessage).toBe(
      'blocked by Cloudflare (error 1010) (Cloudflare blocks requests without an acceptable User-Agent)',
    );
  });

  it('other HTML pages are reduced to their title', () => {
    const html = '<html><head><title>502 Bad Gateway</title></head><body><h1>502</h1></body></html>';
    expect(parseErrorBody(502, html).message).toBe('non-JSON response: 502 Bad Gateway');
  });

  it('empty and non-object JSON bodies', () => {
    expect(parseErrorBody(500, '').message).toBe('empty response body (HTTP 500)');
    expect(parseErrorBody(500, '"oops"').message).toBe('"oops"');
  });

  it('5xx on an idempotent GET is retryable; a network failure has status 0', async () => {
    expect(await errorFor({ status: 500, text: '' })).toMatchObject({ status: 500, retryable: true });
    const network = await errorFor({
      throws: new TypeError('fetch failed', { cause: { code: 'ECONNREFUSED' } }),
    });
    expect(network).toMatchObject({
      status: 0,
      retryable: true,
      instantlyMessage: 'fetch failed (ECONNREFUSED)',
    });
    expect(network.message).toContain('network error');
  });

  it('never includes the API key, even when the server echoes it', async () => {
    const error = await errorFor({
      status: 401,
      json: { statusCode: 401, error: 'Unauthorized', message: `Invalid key ${KEY}` },
    });
    expect(error.instantlyMessage).toBe('Invalid key [redacted]');
    expect(error.message).not.toContain(KEY);
    expect(JSON.stringify(error)).not.toContain(KEY);
  });

  it('type guards', () => {
    expect(isInstantlyApiError(new Error('x'))).toBe(false);
    expect(isInstantlyClientError(new Error('x'))).toBe(false);
  });
});

describe('backoff and Retry-After parsing', () => {
  it('backoffDelay is full jitter under min(cap, 500·2^(n−1))', () => {
    const max = () => 0.999_999;
    expect([1, 2, 3, 6, 7, 20].map((n) => backoffDelay(n, DEFAULT_BACKOFF, max))).toEqual([
      499, 999, 1_999, 15_999, 29_999, 29_999,
    ]);
    expect(backoffDelay(5, DEFAULT_BACKOFF, () => 0)).toBe(0);
  });

  it('parseRetryAfter: seconds, decimals, HTTP dates, garbage', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(parseRetryAfter('2', now)).toBe(2_000);
    expect(parseRetryAfter('1.5', now)).toBe(1_500);
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Wed, 31 Dec 2025 23:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
    expect(parseRetryAfter('-1', now)).toBeUndefined();
  });
});
