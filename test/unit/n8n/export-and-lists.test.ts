import { NodeApiError, NodeOperationError } from './n8n-workflow';

import { waitForExport } from '../../../n8n-nodes/nodes/InstantlyBridge/actions/export';
import { route } from '../../../n8n-nodes/nodes/InstantlyBridge/router';
import { BASE_URL, fakeContext, type Recorded } from './fakes';

const doc = (status: string) => ({
  exportId: 'exp_1',
  campaignId: 'cmp_1',
  status,
  progress: null,
  result: null,
});

describe('Export → Start with Wait for Completion', () => {
  it('polls GET /api/exports/:id until the status is not running and returns that document', async () => {
    const statuses = ['running', 'running', 'completed'];
    const f = fakeContext({ params: {}, respond: () => ({ statusCode: 200, body: doc(statuses.shift()!) }) });
    const sleeps: number[] = [];
    const final = await waitForExport(
      f.exec,
      'exp_1',
      { intervalMs: 2000, timeoutMs: 60_000, itemIndex: 0 },
      async (ms) => {
        sleeps.push(ms);
      },
    );
    expect(final.status).toBe('completed');
    expect(sleeps).toEqual([2000, 2000]);
    expect(f.requests.map((r) => r.url)).toEqual(Array(3).fill(`${BASE_URL}/api/exports/exp_1`));
  });

  it('gives up with a NodeOperationError (item index kept) once the timeout would pass', async () => {
    const f = fakeContext({ params: {}, respond: () => ({ statusCode: 200, body: doc('running') }) });
    const error = await waitForExport(
      f.exec,
      'exp_1',
      { intervalMs: 1000, timeoutMs: 500, itemIndex: 3 },
      async () => undefined,
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NodeOperationError);
    expect((error as NodeOperationError).context.itemIndex).toBe(3);
  });
});

describe('per-item operations', () => {
  it('runs one request per item for Export → Get and pairs outputs', async () => {
    const f = fakeContext({
      params: (name, i) => ({ resource: 'export', operation: 'get', exportId: `exp_${i}` })[name],
      items: [{ json: {} }, { json: {} }],
      respond: (req) => ({
        statusCode: 200,
        body: { exportId: req.url.split('/').pop(), status: 'completed' },
      }),
    });
    const [out] = await route(f.exec);
    expect(out).toEqual([
      { json: { exportId: 'exp_0', status: 'completed' }, pairedItem: { item: 0 } },
      { json: { exportId: 'exp_1', status: 'completed' }, pairedItem: { item: 1 } },
    ]);
  });

  it('rejects a bad schedule before calling the service', async () => {
    const f = fakeContext({
      params: {
        resource: 'export',
        operation: 'start',
        campaignId: 'c',
        campaignName: 'n',
        timezone: 'UTC',
        scheduleFrom: '9am',
        scheduleTo: '17:00',
        days: ['mon'],
        sequence: { steps: [{ subject: 's', body: 'b', delayDays: 0 }] },
      },
    });
    await expect(route(f.exec)).rejects.toThrow(/Send From must be HH:MM/);
    expect(f.requests).toHaveLength(0);
  });

  it('maps a 404 to NodeApiError with the item index, or an error item with Continue On Fail', async () => {
    const params = { resource: 'export', operation: 'cancel', exportId: 'nope' };
    const respond = () => ({
      statusCode: 404,
      body: { error: { code: 'not_found', message: 'export nope not found' } },
    });
    const error = await route(
      fakeContext({ params, respond, items: [{ json: {} }, { json: {} }] }).exec,
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NodeApiError);
    expect((error as NodeApiError).context.itemIndex).toBe(0);
    const [out] = await route(
      fakeContext({ params, respond, continueOnFail: true, items: [{ json: {} }] }).exec,
    );
    expect(out).toEqual([
      { json: { error: expect.stringContaining('export nope not found') }, pairedItem: { item: 0 } },
    ]);
  });
});

describe('Event / Reply → Get Many pagination', () => {
  const pages = (req: Recorded) => {
    const cursor = Number(req.qs?.cursor ?? 0);
    const limit = Number(req.qs?.limit);
    const items = Array.from({ length: Math.min(limit, 250 - cursor) }, (_, i) => ({
      id: `ev_${cursor + i}`,
    }));
    const next = cursor + items.length < 250 ? String(cursor + items.length) : null;
    return { statusCode: 200, body: { items, nextCursor: next } };
  };

  it('Return All follows nextCursor to the end', async () => {
    const f = fakeContext({
      params: {
        resource: 'event',
        operation: 'getAll',
        campaignId: 'cmp_1',
        returnAll: true,
        filters: { type: 'reply_received', lead: ' a@b.co ' },
      },
      respond: pages,
    });
    const [out] = await route(f.exec);
    expect(out).toHaveLength(250);
    expect(f.requests.map((r) => r.qs)).toEqual([
      { type: 'reply_received', lead: 'a@b.co', limit: 100 },
      { type: 'reply_received', lead: 'a@b.co', limit: 100, cursor: '100' },
      { type: 'reply_received', lead: 'a@b.co', limit: 100, cursor: '200' },
    ]);
  });

  it('Limit stops as soon as enough items are collected', async () => {
    const f = fakeContext({
      params: { resource: 'reply', operation: 'getAll', campaignId: 'cmp_1', returnAll: false, limit: 130 },
      respond: pages,
    });
    const [out] = await route(f.exec);
    expect(out).toHaveLength(130);
    expect(f.requests.map((r) => [r.url, r.qs])).toEqual([
      [`${BASE_URL}/api/campaigns/cmp_1/replies`, { limit: 100 }],
      [`${BASE_URL}/api/campaigns/cmp_1/replies`, { limit: 30, cursor: '100' }],
    ]);
  });
});

describe('Reply → Classify', () => {
  it('POSTs each item text (and the options given) to /api/replies/classify and outputs the answer', async () => {
    const answer = { label: 'interested', confidence: 0.9, reasons: ['"sounds interesting"'] };
    const f = fakeContext({
      params: {
        resource: 'reply',
        operation: 'classify',
        text: '  Sounds interesting, call me Tuesday  ',
        classifyOptions: { subject: 'Re: your site', auto: false },
      },
      respond: () => ({ statusCode: 200, body: answer }),
    });
    const [out] = await route(f.exec);
    expect(out!.map((o) => o.json)).toEqual([answer]);
    expect(f.requests.map((r) => [r.method, r.url, r.body])).toEqual([
      [
        'POST',
        `${BASE_URL}/api/replies/classify`,
        { text: 'Sounds interesting, call me Tuesday', subject: 'Re: your site', auto: false },
      ],
    ]);
  });

  it('an empty text is refused before any request, naming the parameter', async () => {
    const f = fakeContext({
      params: { resource: 'reply', operation: 'classify', text: '   ' },
      respond: () => ({ statusCode: 200, body: {} }),
    });
    await expect(route(f.exec)).rejects.toThrow('Parameter "text" is empty');
    expect(f.requests).toHaveLength(0);
  });
});
