/**
 * Minimal stand-ins for n8n's execution/hook/webhook contexts: just the members our nodes call. Requests go
 * to a `respond` function and are recorded, so tests assert exact request bodies.
 */
import type {
  IDataObject,
  IExecuteFunctions,
  IHookFunctions,
  IHttpRequestOptions,
  INode,
  INodeExecutionData,
  IWebhookFunctions,
} from './n8n-workflow';

export interface Recorded {
  method: string;
  url: string;
  qs?: IDataObject;
  body?: unknown;
}

export type Respond = (
  req: Recorded,
) => { statusCode: number; body?: unknown } | Promise<{ statusCode: number; body?: unknown }>;

export const BASE_URL = 'http://bridge.test';

export const fakeNode: INode = {
  id: 'node-1',
  name: 'Instantly Bridge',
  type: 'n8n-nodes-instantly-bridge.instantlyBridge',
  typeVersion: 1,
  position: [0, 0],
  parameters: {},
};

/** n8n evaluates a parameter only when it starts with "="; this fake "evaluates" by dropping {{…}} parts. */
function fakeEvaluate(value: unknown): unknown {
  if (typeof value === 'string' && value.startsWith('=')) return value.slice(1).replace(/\{\{[^}]*\}\}/g, '');
  if (Array.isArray(value)) return value.map(fakeEvaluate);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fakeEvaluate(v)]));
  }
  return value;
}

export interface FakeOptions {
  params: Record<string, unknown> | ((name: string, itemIndex: number) => unknown);
  items?: INodeExecutionData[];
  continueOnFail?: boolean;
  respond?: Respond;
  staticData?: IDataObject;
  webhookUrl?: string;
}

export function fakeContext(opts: FakeOptions) {
  const requests: Recorded[] = [];
  const staticData = opts.staticData ?? {};
  const respond: Respond = opts.respond ?? (() => ({ statusCode: 200, body: {} }));
  const param = (name: string, itemIndex: number): unknown =>
    typeof opts.params === 'function' ? opts.params(name, itemIndex) : opts.params[name];
  const ctx = {
    getNode: () => fakeNode,
    getInputData: () => opts.items ?? [{ json: {} }],
    continueOnFail: () => opts.continueOnFail ?? false,
    getExecutionCancelSignal: () => undefined,
    // Enough of n8n's evaluator for a numeric literal expression such as "{{ 3 }}".
    evaluateExpression: (expression: string) => Number(/^\{\{\s*(\d+)\s*\}\}$/.exec(expression)?.[1] ?? NaN),
    getCredentials: async () => ({ baseUrl: `${BASE_URL}/`, apiToken: 'token' }),
    getWorkflowStaticData: () => staticData,
    getNodeWebhookUrl: () => opts.webhookUrl ?? 'http://n8n.test/webhook/abc/instantly-bridge',
    logger: { warn: () => undefined, debug: () => undefined, info: () => undefined, error: () => undefined },
    getNodeParameter: (
      name: string,
      itemIndex: unknown,
      fallback?: unknown,
      options?: { rawExpressions?: boolean },
    ) => {
      // Hook/webhook contexts call getNodeParameter(name, fallback): no item index.
      const index = typeof itemIndex === 'number' ? itemIndex : 0;
      const fb = typeof itemIndex === 'number' ? fallback : itemIndex;
      const value = param(name, index);
      if (value === undefined) {
        if (fb === undefined) throw new Error(`Could not get parameter "${name}"`);
        return fb;
      }
      return options?.rawExpressions ? value : fakeEvaluate(value);
    },
    helpers: {
      httpRequestWithAuthentication: async function (_cred: string, options: IHttpRequestOptions) {
        const req: Recorded = {
          method: options.method ?? 'GET',
          url: options.url,
          qs: options.qs,
          body: options.body,
        };
        requests.push(req);
        const res = await respond(req);
        return { statusCode: res.statusCode, body: res.body, headers: {} };
      },
    },
  };
  return {
    requests,
    staticData,
    exec: ctx as unknown as IExecuteFunctions,
    hook: ctx as unknown as IHookFunctions,
    ctx,
  };
}

export interface FakeWebhookRequest {
  headers: Record<string, string>;
  rawBody: Buffer;
  staticData: IDataObject;
  params: Record<string, unknown>;
}

/** A webhook context whose response object records the status/json our node sends itself. */
export function fakeWebhookContext(req: FakeWebhookRequest) {
  const sent: { status?: number; body?: unknown } = {};
  const ctx = {
    getNode: () => fakeNode,
    getRequestObject: () => ({ rawBody: req.rawBody }),
    getBodyData: () => JSON.parse(req.rawBody.toString('utf8')) as IDataObject,
    getHeaderData: () => req.headers,
    getWorkflowStaticData: () => req.staticData,
    getNodeParameter: (name: string, fallback?: unknown) => req.params[name] ?? fallback,
    getResponseObject: () => ({
      status(code: number) {
        sent.status = code;
        return {
          json(body: unknown) {
            sent.body = body;
          },
        };
      },
    }),
    logger: { warn: () => undefined, debug: () => undefined, info: () => undefined, error: () => undefined },
  };
  return { sent, ctx: ctx as unknown as IWebhookFunctions };
}
