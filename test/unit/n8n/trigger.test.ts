import type { IDataObject } from './n8n-workflow';

import { InstantlyBridgeTrigger } from '../../../n8n-nodes/nodes/InstantlyBridgeTrigger/InstantlyBridgeTrigger.node';
import { MAX_REMEMBERED_IDS, rememberDelivery } from '../../../n8n-nodes/nodes/InstantlyBridgeTrigger/replay';
import { signStandardWebhook } from '../../../n8n-nodes/nodes/InstantlyBridgeTrigger/signature';
import { BASE_URL, fakeContext, fakeWebhookContext, type Recorded } from './fakes';

const URL_ = 'http://n8n.test/webhook/abc/instantly-bridge';
const SECRET = `whsec_${Buffer.from('k'.repeat(32)).toString('base64')}`;
const methods = new InstantlyBridgeTrigger().webhookMethods.default;
const params = { eventTypes: ['reply_received', 'email_bounced'], campaignIds: 'cmp_1, cmp_2' };

/** A fake subscriptions service: remote state + every request. */
function service(remote: Array<IDataObject & { id: string }>) {
  return (req: Recorded) => {
    const path = req.url.slice(BASE_URL.length);
    if (req.method === 'GET' && path === '/api/subscriptions')
      return { statusCode: 200, body: { items: remote.filter((s) => s.targetUrl === req.qs?.targetUrl) } };
    const id = decodeURIComponent(path.split('/')[3] ?? '');
    const found = remote.find((s) => s.id === id);
    if (req.method === 'GET')
      return found
        ? { statusCode: 200, body: found }
        : { statusCode: 404, body: { error: { code: 'not_found', message: 'gone' } } };
    if (req.method === 'DELETE')
      return found
        ? { statusCode: 204 }
        : { statusCode: 404, body: { error: { code: 'not_found', message: 'gone' } } };
    return {
      statusCode: 201,
      body: { id: 'sub_new', ...(req.body as IDataObject), secret: SECRET, createdAt: 'now' },
    };
  };
}

describe('Instantly Bridge Trigger webhook methods', () => {
  it('first activation: nothing stored or registered → checkExists false, create POSTs and stores id + secret', async () => {
    const f = fakeContext({ params, respond: service([]) });
    expect(await methods.checkExists.call(f.hook)).toBe(false);
    expect(await methods.create.call(f.hook)).toBe(true);
    expect(f.requests.map((r) => `${r.method} ${r.url.slice(BASE_URL.length)}`)).toEqual([
      'GET /api/subscriptions',
      'POST /api/subscriptions',
    ]);
    expect(f.requests[1]!.body).toEqual({
      targetUrl: URL_,
      eventTypes: ['reply_received', 'email_bounced'],
      campaignIds: ['cmp_1', 'cmp_2'],
    });
    expect(f.staticData).toEqual({ subscriptions: { [URL_]: { id: 'sub_new', secret: SECRET } } });
  });

  it('stored and still registered with the same filters → checkExists true after asking the service', async () => {
    const remote = [
      {
        id: 'sub_1',
        targetUrl: URL_,
        eventTypes: ['email_bounced', 'reply_received'],
        campaignIds: ['cmp_2', 'cmp_1'],
      },
    ];
    const f = fakeContext({
      params,
      respond: service(remote),
      staticData: { subscriptions: { [URL_]: { id: 'sub_1', secret: SECRET } } },
    });
    expect(await methods.checkExists.call(f.hook)).toBe(true);
    expect(f.requests.map((r) => `${r.method} ${r.url.slice(BASE_URL.length)}`)).toEqual([
      'GET /api/subscriptions/sub_1',
    ]);
  });

  it('stored but filters changed → false, so create() upserts the same subscription', async () => {
    const remote = [{ id: 'sub_1', targetUrl: URL_, eventTypes: [], campaignIds: [] }];
    const f = fakeContext({
      params,
      respond: service(remote),
      staticData: { subscriptions: { [URL_]: { id: 'sub_1', secret: SECRET } } },
    });
    expect(await methods.checkExists.call(f.hook)).toBe(false);
  });

  it('stored but deleted at the service (404) → forgets it, adopts one found by targetUrl, returns false', async () => {
    const remote = [{ id: 'sub_other', targetUrl: URL_, eventTypes: [], campaignIds: [] }];
    const f = fakeContext({
      params,
      respond: service(remote),
      staticData: { subscriptions: { [URL_]: { id: 'sub_gone', secret: SECRET } } },
    });
    expect(await methods.checkExists.call(f.hook)).toBe(false);
    expect(f.staticData).toEqual({ subscriptions: { [URL_]: { id: 'sub_other' } } });
  });

  it('delete removes ours and any other for the URL; 404 is fine', async () => {
    const remote = [{ id: 'sub_x', targetUrl: URL_ }];
    const f = fakeContext({
      params,
      respond: service(remote),
      staticData: { subscriptions: { [URL_]: { id: 'sub_gone', secret: SECRET } } },
    });
    expect(await methods.delete.call(f.hook)).toBe(true);
    expect(
      f.requests
        .filter((r) => r.method === 'DELETE')
        .map((r) => r.url.slice(BASE_URL.length))
        .sort(),
    ).toEqual(['/api/subscriptions/sub_gone', '/api/subscriptions/sub_x']);
    expect(f.staticData).toEqual({ subscriptions: {} });
  });
});

describe('Instantly Bridge Trigger webhook()', () => {
  const trigger = new InstantlyBridgeTrigger();
  const staticData = { subscriptions: { [URL_]: { id: 'sub_1', secret: SECRET } } };
  const event = { id: 'e1', type: 'reply_received', campaignId: 'cmp_1', replyText: 'Yes {{firstName}}' };
  const deliver = (raw: string, headers: Record<string, string>, p: Record<string, unknown> = params) =>
    fakeWebhookContext({ headers, rawBody: Buffer.from(raw, 'utf8'), staticData, params: p });
  // Every delivery has its own webhook-id, as the service sends them (a repeated id is a replay).
  let nextId = 0;
  const signedHeaders = (raw: string, ts = Math.floor(Date.now() / 1000), id = `e${++nextId}`) => ({
    'webhook-id': id,
    'webhook-timestamp': String(ts),
    'webhook-signature': signStandardWebhook(SECRET, id, ts, raw),
  });

  it('emits the event as one item when the signature over the raw body is valid', async () => {
    const raw = JSON.stringify(event, null, 2); // spacing differs from a re-serialisation: raw bytes are used
    const { ctx, sent } = deliver(raw, signedHeaders(raw));
    expect(await trigger.webhook.call(ctx)).toEqual({ workflowData: [[{ json: event }]] });
    expect(sent.status).toBeUndefined();
  });

  it.each([
    ['unsigned', {}],
    ['stale', 'stale'],
    [
      'badly signed',
      {
        'webhook-id': 'e1',
        'webhook-timestamp': String(Math.floor(Date.now() / 1000)),
        'webhook-signature': 'v1,Zm9v',
      },
    ],
  ])('answers 401 itself and runs nothing when %s', async (_label, headers) => {
    const raw = JSON.stringify(event);
    const h =
      headers === 'stale'
        ? signedHeaders(raw, Math.floor(Date.now() / 1000) - 600)
        : (headers as Record<string, string>);
    const { ctx, sent } = deliver(raw, h);
    expect(await trigger.webhook.call(ctx)).toEqual({ noWebhookResponse: true });
    // One fixed message: nothing about which check failed or how far the caller's clock is off.
    expect(sent).toEqual({
      status: 401,
      body: {
        error: {
          code: 'invalid_signature',
          message: 'missing, invalid or expired Standard-Webhooks signature',
        },
      },
    });
  });

  it('a delivery before activation stored the subscription leaves the static data untouched (n8n would save it)', async () => {
    const raw = JSON.stringify(event);
    const empty: IDataObject = {};
    const { ctx, sent } = fakeWebhookContext({
      headers: signedHeaders(raw),
      rawBody: Buffer.from(raw, 'utf8'),
      staticData: empty,
      params,
    });
    expect(await trigger.webhook.call(ctx)).toEqual({ noWebhookResponse: true });
    expect(sent.status).toBe(401);
    expect(empty).toEqual({}); // an empty `subscriptions` written here would wipe the secret activation stores
  });

  it('runs a signed delivery once: the same webhook-id again inside the window is acknowledged, runs nothing', async () => {
    const raw = JSON.stringify(event);
    const headers = signedHeaders(raw);
    expect((await trigger.webhook.call(deliver(raw, headers).ctx)).workflowData).toHaveLength(1);
    const replay = deliver(raw, headers);
    expect(await trigger.webhook.call(replay.ctx)).toEqual({
      webhookResponse: { received: true, ignored: 'duplicate delivery' },
    });
    expect(replay.sent.status).toBeUndefined();
    // 200 s later (inside the 5-minute window) the captured delivery is still refused.
    jest.useFakeTimers({ now: Date.now() + 200_000, doNotFake: ['nextTick', 'setImmediate'] });
    try {
      expect((await trigger.webhook.call(deliver(raw, headers).ctx)).workflowData).toBeUndefined();
    } finally {
      jest.useRealTimers();
    }
  });

  it('forgets ids once their timestamp is outside the window, and keeps at most MAX_REMEMBERED_IDS', () => {
    const data: IDataObject = {};
    const now = 1_800_000_000;
    expect(rememberDelivery(data, { id: 'a', timestamp: now }, now)).toBe(true);
    expect(rememberDelivery(data, { id: 'a', timestamp: now }, now + 299)).toBe(false);
    expect(rememberDelivery(data, { id: 'b', timestamp: now + 400 }, now + 400)).toBe(true);
    expect(data.seenWebhookIds).toEqual([{ id: 'b', until: now + 700 }]); // 'a' pruned by time
    data.seenWebhookIds = Array.from({ length: MAX_REMEMBERED_IDS }, (_, i) => ({
      id: `x${i}`,
      until: now + 700,
    }));
    expect(rememberDelivery(data, { id: 'y', timestamp: now + 400 }, now + 400)).toBe(true);
    const seen = data.seenWebhookIds as Array<{ id: string }>;
    expect(seen).toHaveLength(MAX_REMEMBERED_IDS);
    expect([seen[0]!.id, seen[seen.length - 1]!.id]).toEqual(['x1', 'y']); // the earliest accepted went
    expect(rememberDelivery(data, { id: '__proto__', timestamp: now + 400 }, now + 400)).toBe(true);
    expect(rememberDelivery(data, { id: '__proto__', timestamp: now + 400 }, now + 400)).toBe(false);
  });

  it('acknowledges but does not run for an event type or campaign that is not selected', async () => {
    const raw = JSON.stringify({ ...event, type: 'email_opened' });
    const { ctx } = deliver(raw, signedHeaders(raw));
    expect(await trigger.webhook.call(ctx)).toEqual({
      webhookResponse: { received: true, ignored: expect.stringContaining('email_opened') },
    });
    const other = JSON.stringify({ ...event, campaignId: 'cmp_9' });
    const second = deliver(other, signedHeaders(other));
    expect((await trigger.webhook.call(second.ctx)).workflowData).toBeUndefined();
    const all = deliver(other, signedHeaders(other), { eventTypes: [], campaignIds: '' });
    expect((await trigger.webhook.call(all.ctx)).workflowData).toHaveLength(1);
  });

  it('with reply labels selected, runs only for replies classified with one of them', async () => {
    const labelled = (replyLabel?: string) =>
      JSON.stringify({ ...event, type: 'reply_received', ...(replyLabel ? { replyLabel } : {}) });
    const only = { eventTypes: [], campaignIds: '', replyLabels: ['interested', 'question'] };
    for (const [raw, runs] of [
      [labelled('interested'), true],
      [labelled('question'), true],
      [labelled('not_interested'), false],
      [labelled(), false], // not classified (yet): not a selected label
      [JSON.stringify({ ...event, type: 'email_opened' }), false],
      [labelled('constructor'), false],
    ] as const) {
      const { ctx } = deliver(raw, signedHeaders(raw), only);
      const answer = await trigger.webhook.call(ctx);
      if (runs) expect(answer.workflowData).toHaveLength(1);
      else
        expect(answer).toEqual({
          webhookResponse: { received: true, ignored: expect.stringContaining('reply label') },
        });
    }
  });
});
