import { NodeApiError, NodeOperationError } from './n8n-workflow';

import { toNodeError } from '../../../n8n-nodes/nodes/shared/errors';
import { route } from '../../../n8n-nodes/nodes/InstantlyBridge/router';
import { fakeContext, fakeNode } from './fakes';

// A 2xx answer without the expected JSON object makes the action code itself fail with a plain TypeError.
const emptyAnswer = () => ({ statusCode: 201, body: null });

describe('errors leaving the action node are always n8n errors', () => {
  it('Import Businesses wraps a plain TypeError in NodeOperationError (it was re-thrown raw)', async () => {
    const f = fakeContext({
      params: {
        resource: 'campaign',
        operation: 'importBusinesses',
        target: 'new',
        campaignName: 'X',
        fieldMap: {},
      },
      items: [{ json: { name: 'Biz', email: 'b@example.com' } }],
      respond: emptyAnswer,
    });
    const failure = await route(f.exec).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(NodeOperationError);
    expect((failure as NodeOperationError).message).toContain("reading 'id'"); // the TypeError's own text
  });

  it('a per-item operation wraps a plain TypeError in NodeOperationError with the item index', async () => {
    const f = fakeContext({
      params: { resource: 'export', operation: 'getAll', campaignId: 'cmp_1' },
      items: [{ json: {} }, { json: {} }],
      respond: emptyAnswer,
    });
    const failure = await route(f.exec).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(NodeOperationError);
    expect((failure as NodeOperationError).context.itemIndex).toBe(0);
  });

  it('a network failure below HTTP reaches the user as NodeApiError, not a raw socket error', async () => {
    const f = fakeContext({
      params: {
        resource: 'campaign',
        operation: 'importBusinesses',
        target: 'new',
        campaignName: 'X',
        fieldMap: {},
      },
      items: [{ json: { name: 'Biz', email: 'b@example.com' } }],
      respond: () => {
        throw new Error('socket hang up');
      },
    });
    await expect(route(f.exec)).rejects.toBeInstanceOf(NodeApiError);
  });

  it('passes n8n errors through unchanged and wraps anything else (even a thrown string)', () => {
    const api = new NodeApiError(fakeNode, { message: 'from the service' });
    const op = new NodeOperationError(fakeNode, 'bad input', { itemIndex: 2 });
    expect(toNodeError(fakeNode, api)).toBe(api);
    expect(toNodeError(fakeNode, op)).toBe(op);
    const wrapped = toNodeError(fakeNode, 'plain string', 4);
    expect(wrapped).toBeInstanceOf(NodeOperationError);
    expect(wrapped.message).toBe('plain string');
    expect(wrapped.context.itemIndex).toBe(4);
    expect(toNodeError(fakeNode, new TypeError('x is undefined'))).toBeInstanceOf(NodeOperationError);
  });
});
