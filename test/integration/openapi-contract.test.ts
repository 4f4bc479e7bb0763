import { randomUUID } from 'node:crypto';
import { openApiDocument } from '../../api/openapi/document';
import { makeBusinesses, exportBody } from '../fixtures/businesses';
import { checkDelivery, checkRequest, checkResponse, templateOf } from '../helpers/openapi-check';
import { startTestStack, TEST_API_TOKEN, waitForExport, type TestStack } from '../helpers/stack';
import { startSubscriber, type Subscriber } from '../helpers/subscriber';

const WEBHOOK_SECRET = 'openapi-contract-webhook-secret-0123456789';
// Documented routes whose calls live in other suites (they need a second organization or ADMIN_TOKEN).
const NOT_IN_THIS_APP = new Set([
  // The admin API (ADMIN_TOKEN, test/integration/tenant-isolation.test.ts) and the per-organization intake
  // (test/integration/tenant-webhooks.test.ts) are exercised by their own suites.
  'post /api/admin/organizations',
  'get /api/admin/organizations',
  'get /api/admin/organizations/{organizationId}/tokens',
  'post /api/admin/organizations/{organizationId}/tokens',
  'delete /api/admin/organizations/{organizationId}/tokens/{tokenId}',
  'post /api/webhooks/instantly/{organizationId}',
]);

// Every request and answer of this file is checked against the document (real engines, real HTTP).
describe('the API keeps its OpenAPI contract (every documented route, real engines)', () => {
  let stack: TestStack;
  let subscriber: Subscriber;
  /** `method template` → statuses seen. */
  const seen = new Map<string, Set<number>>();

  /** One request: checked against the document (unless `invalid`), sent, and its answer checked. */
  async function call(
    method: string,
    url: string,
    opts: {
      body?: unknown;
      raw?: string;
      headers?: Record<string, string>;
      token?: string | null;
      invalid?: boolean;
    } = {},
  ) {
    const headers: Record<string, string> = { ...opts.headers };
    if (opts.token !== null) headers['authorization'] = `Bearer ${opts.token ?? TEST_API_TOKEN}`;
    if (opts.body !== undefined) headers['content-type'] ??= 'application/json';
    if (!opts.invalid) {
      const { authorization: _a, 'content-type': _c, ...rest } = headers;
      checkRequest(method, url, { body: opts.raw ?? opts.body, headers: rest });
    }
    const res = await fetch(`${stack.apiUrl}${url}`, {
      method,
      headers,
      body: opts.raw ?? (opts.body === undefined ? undefined : JSON.stringify(opts.body)),
    });
    const text = await res.text();
    const json =
      res.headers.get('content-type')?.startsWith('application/json') && text ? JSON.parse(text) : undefined;
    checkResponse(method, url, {
      status: res.status,
      body: json ?? (text || undefined),
      text,
      headers: res.headers,
    });
    const key = `${method.toLowerCase()} ${templateOf(url.split('?')[0]!)}`;
    seen.set(key, (seen.get(key) ?? new Set()).add(res.status));
    return { status: res.status, body: json, text, headers: res.headers };
  }

  beforeAll(async () => {
    stack = await startTestStack({
      name: 'openapi',
      env: { WEBHOOK_SECRET, ENGAGEMENT_POLL_INTERVAL: '2s' },
    });
    subscriber = await startSubscriber();
  });
  afterAll(async () => {
    await subscriber?.close();
    await stack?.stop();
  });

  it('health, identity, the document itself and its page', async () => {
    expect((await call('GET', '/healthz', { token: null })).status).toBe(200);
    expect((await call('GET', '/readyz', { token: null })).body.status).toBe('ready');
    expect((await call('GET', '/readyz?require=worker', { token: null })).status).toBe(200);
    const served = await call('GET', '/api/openapi.json', { token: null });
    expect(served.body).toEqual(openApiDocument());
    expect((await call('GET', '/api/docs', { token: null })).text).toContain('swagger-ui-bundle.js');
    expect((await call('GET', '/api/whoami')).body.ok).toBe(true);
    expect((await call('GET', '/api/whoami', { token: 'wrong-token-0123456789' })).status).toBe(401);
  });

  it('settings and the Instantly webhook registration', async () => {
    const put = await call('PUT', '/api/settings/instantly', { body: { apiKey: stack.apiKey } });
    expect(put.body.connection).toEqual({ ok: true });
    expect(
      (await call('PUT', '/api/settings/instantly', { body: { apiKey: 'x' }, invalid: true })).status,
    ).toBe(400);
    expect((await call('GET', '/api/settings/instantly')).body.configured).toBe(true);
    expect((await call('POST', '/api/settings/instantly/test')).body).toEqual({ ok: true });
    expect((await call('GET', '/api/settings/instantly/write-back')).body).toEqual({
      interestWriteBack: false,
      blockListWriteBack: false,
    });
    const on = await call('PUT', '/api/settings/instantly/write-back', { body: { interestWriteBack: true } });
    expect(on.body).toEqual({ interestWriteBack: true, blockListWriteBack: false });
    expect(
      (
        await call('PUT', '/api/settings/instantly/write-back', {
          body: { interestWriteBack: 'yes' },
          invalid: true,
        })
      ).status,
    ).toBe(400);
    expect(
      (await call('PUT', '/api/settings/instantly/write-back', { body: {}, invalid: true })).status,
    ).toBe(400);
    expect((await call('GET', '/api/settings/instantly')).body.writeBack).toEqual({
      interestWriteBack: true,
      blockListWriteBack: false,
    });
    expect((await call('POST', '/api/instantly/webhooks')).status).toBe(201);
    expect((await call('POST', '/api/instantly/webhooks')).status).toBe(200);
  });

  it('campaigns, exports, the webhook intake, engagement reads, subscriptions and erasure', async () => {
    const businesses = makeBusinesses(4, 'oa').map((b) => ({
      name: b.name,
      email: b.email,
      category: b.category,
      city: b.city,
      state: b.state,
      rating: b.rating,
      reviews_count: b.reviewsCount,
      icebreaker: b.icebreaker,
      subject_line: b.subjectLine,
    }));
    const created = await call('POST', '/api/campaigns', {
      body: { name: 'Contract', businesses: businesses.slice(0, 3) },
    });
    expect(created.status).toBe(201);
    const campaignId: string = created.body.id;
    expect((await call('POST', '/api/campaigns', { body: { businesses: [{}] }, invalid: true })).status).toBe(
      400,
    );
    const lines = [JSON.stringify({ name: 'Imported' }), ...businesses.map((b) => JSON.stringify(b))].join(
      '\n',
    );
    const ndjson = { 'content-type': 'application/x-ndjson' };
    expect((await call('POST', '/api/campaigns/import', { raw: lines, headers: ndjson })).status).toBe(201);
    expect((await call('POST', '/api/campaigns/import', { body: {}, invalid: true })).status).toBe(415);
    const badLine = `${JSON.stringify({ name: 'Bad' })}\n{"email":"x@x.example.com"}`;
    expect((await call('POST', '/api/campaigns/import', { raw: badLine, headers: ndjson })).status).toBe(400);
    const added = await call('POST', `/api/campaigns/${campaignId}/businesses`, {
      body: { businesses: businesses.slice(3) },
    });
    expect(added.body).toEqual({ campaignId, added: 1 });
    expect((await call('GET', `/api/campaigns/${campaignId}`)).body.businessCount).toBe(4);
    expect((await call('GET', `/api/campaigns/${randomUUID()}`)).status).toBe(404);
    expect((await call('GET', '/api/campaigns/not-a-uuid', { invalid: true })).status).toBe(400);

    const key = { 'idempotency-key': `contract-${randomUUID()}` };
    const path = `/api/campaigns/${campaignId}/export-to-instantly`;
    const started = await call('POST', path, {
      body: exportBody({ campaignName: 'Contract' }),
      headers: key,
    });
    expect(started.status).toBe(202);
    expect(
      (await call('POST', path, { body: exportBody({ campaignName: 'Contract' }), headers: key })).status,
    ).toBe(200);
    const reused = await call('POST', path, { body: exportBody({ campaignName: 'Other' }), headers: key });
    expect(reused.status).toBe(422);
    expect((await call('POST', path, { body: exportBody({ schedule: {} }), invalid: true })).status).toBe(
      400,
    );
    const exportId: string = started.body.exportId;
    expect([200]).toContain((await call('GET', `/api/exports/${exportId}`)).status);
    const done = await waitForExport(stack, exportId);
    expect(done.status).toBe('completed');
    expect((await call('GET', `/api/exports/${exportId}`)).body.result.counters.uploaded).toBe(4);
    expect((await call('GET', `/api/campaigns/${campaignId}/exports`)).body.items).toHaveLength(1);
    expect((await call('POST', `/api/exports/${exportId}/cancel`)).body).toEqual({
      exportId,
      status: 'completed',
    });
    expect((await call('GET', `/api/exports/${randomUUID()}`)).status).toBe(404);
    // The routes this round added (campaign list, export preview, daily trend, labelled inbox, classifier,
    // the registration path under settings).
    const campaigns = await call('GET', '/api/campaigns?limit=5');
    expect(campaigns.body.items.map((c: { id: string }) => c.id)).toContain(campaignId);
    const preview = await call('POST', `/api/campaigns/${campaignId}/export-preview`, {
      body: exportBody({ campaignName: 'Preview' }),
    });
    expect(preview.status).toBe(200);
    expect((await call('GET', `/api/campaigns/${campaignId}/analytics/daily?days=7`)).body.days).toHaveLength(
      7,
    );
    expect((await call('GET', `/api/campaigns/${campaignId}/replies/labelled`)).status).toBe(200);
    expect((await call('GET', `/api/campaigns/${campaignId}/replies/labels`)).status).toBe(200);
    const classified = await call('POST', '/api/replies/classify', {
      body: { text: 'Sounds good, can we talk on Tuesday?' },
    });
    expect(classified.status).toBe(200);
    expect((await call('POST', '/api/settings/instantly/webhook')).status).toBe(200);

    const sub = await call('POST', '/api/subscriptions', { body: { targetUrl: `${subscriber.url}/hook` } });
    expect(sub.status).toBe(201);
    subscriber.secret = sub.body.secret;
    expect(
      (await call('POST', '/api/subscriptions', { body: { targetUrl: `${subscriber.url}/hook` } })).status,
    ).toBe(200);
    subscriber.secret = (
      await call('POST', '/api/subscriptions', { body: { targetUrl: `${subscriber.url}/hook` } })
    ).body.secret;
    const refused = await call('POST', '/api/subscriptions', {
      body: { targetUrl: 'ftp://x' },
      invalid: true,
    });
    expect(refused.body.error.details[0].path).toBe('body.targetUrl');

    const secret = { 'x-webhook-secret': WEBHOOK_SECRET };
    const reply = {
      event_type: 'reply_received',
      timestamp: new Date().toISOString(),
      campaign_id: done.result.instantlyCampaignId,
      lead_email: businesses[0]!.email,
      reply_text: 'Sounds good, call me Tuesday',
      reply_subject: 'Re: idea',
    };
    const hook = await call('POST', '/api/webhooks/instantly', { body: reply, headers: secret, token: null });
    expect(hook.body).toMatchObject({ ok: true, duplicate: false, matched: true });
    expect(
      (await call('POST', '/api/webhooks/instantly', { body: reply, headers: secret, token: null })).body
        .duplicate,
    ).toBe(true);
    const wrong = { 'x-webhook-secret': 'wrong-secret-0123456789' };
    expect(
      (await call('POST', '/api/webhooks/instantly', { body: reply, headers: wrong, token: null })).status,
    ).toBe(401);
    expect(
      (
        await call('POST', '/api/webhooks/instantly', {
          body: { x: 1 },
          headers: secret,
          token: null,
          invalid: true,
        })
      ).status,
    ).toBe(400);

    const base = `/api/campaigns/${campaignId}`;
    const events = await call('GET', `${base}/events?limit=10&order=asc&type=reply_received`);
    expect(events.body.items.length).toBeGreaterThan(0);
    expect((await call('GET', `${base}/events?limit=0`, { invalid: true })).status).toBe(400);
    expect((await call('GET', `${base}/replies?limit=5`)).body.items[0].replyText).toBe(reply.reply_text);
    expect((await call('GET', `${base}/analytics`)).body.campaignId).toBe(campaignId);
    expect((await call('POST', `${base}/sync`)).body).toEqual({ campaignId, signalled: 1 });
    await waitFor(() => subscriber.received.length > 0);
    for (const d of subscriber.received) checkDelivery(JSON.parse(d.body));

    const list = await call(
      'GET',
      `/api/subscriptions?limit=1&targetUrl=${encodeURIComponent(`${subscriber.url}/hook`)}`,
    );
    const subscriptionId: string = list.body.items[0].id;
    expect((await call('GET', `/api/subscriptions/${subscriptionId}`)).body.id).toBe(subscriptionId);
    expect((await call('DELETE', `/api/subscriptions/${subscriptionId}`)).status).toBe(204);
    expect((await call('GET', `/api/subscriptions/${subscriptionId}`)).status).toBe(404);

    const business = await stack.db.prisma.business.findFirstOrThrow({
      where: { campaignId, email: reply.lead_email },
    });
    const erased = await call('DELETE', `/api/businesses/${business.id}/personal-data`);
    expect(erased.body).toMatchObject({ businessId: business.id, addressSuppressed: true });
    expect((await call('DELETE', `/api/businesses/${randomUUID()}/personal-data`)).status).toBe(404);
  });

  it('exercised every documented route of the app with a 2xx answer', () => {
    const doc = openApiDocument() as { paths: Record<string, Record<string, unknown>> };
    const documented = Object.entries(doc.paths).flatMap(([p, item]) =>
      Object.keys(item).map((m) => `${m} ${p}`),
    );
    const unexercised = documented.filter(
      (op) => !NOT_IN_THIS_APP.has(op) && ![...(seen.get(op) ?? [])].some((s) => s >= 200 && s < 300),
    );
    expect(unexercised).toEqual([]);
  });
});

async function waitFor(ok: () => boolean, timeoutMs = 30_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!ok()) {
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 100));
  }
}
