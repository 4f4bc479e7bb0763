import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Simulator } from '../../../simulator';

/** A parsed JSON value, as `JSON.parse` types it: these black-box tests read responses dynamically. */
export type Json = ReturnType<typeof JSON.parse>;

/** Reads a fetch response body as JSON (typed like `JSON.parse`). */
export async function readJson(res: Response): Promise<Json> {
  return JSON.parse(await res.text());
}

/** A JSON answer from the simulator. */
export interface Reply {
  status: number;
  body: Json;
  headers: Headers;
}

/** A minimal fetch-based client for one API key (deliberately not the project's Instantly client). */
export function api(sim: Simulator, key = 'key-a') {
  const call = async (
    method: string,
    path: string,
    body?: unknown,
    query?: Record<string, string>,
  ): Promise<Reply> => {
    const qs = query ? `?${new URLSearchParams(query).toString()}` : '';
    const headers: Record<string, string> = { authorization: `Bearer ${key}` };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${sim.apiUrl}${path}${qs}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined, headers: res.headers };
  };
  return {
    get: (path: string, query?: Record<string, string>) => call('GET', path, undefined, query),
    post: (path: string, body?: unknown) => call('POST', path, body),
    patch: (path: string, body: unknown) => call('PATCH', path, body),
    del: (path: string) => call('DELETE', path),
  };
}

/** A valid `POST /campaigns` body (per the real API v2 shape), with overrides. */
export function campaignBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: 'Simulator campaign',
    campaign_schedule: {
      schedules: [
        {
          name: 'Business hours',
          timing: { from: '09:00', to: '17:00' },
          days: { '1': true, '2': true, '3': true, '4': true, '5': true },
          timezone: 'America/Chicago',
        },
      ],
    },
    sequences: [
      {
        steps: [
          {
            type: 'email',
            delay: 2,
            delay_unit: 'days',
            variants: [{ subject: 'Hi {{firstName}}', body: '<div>Hello {{firstName}} from {{city}}</div>' }],
          },
          {
            type: 'email',
            delay: 3,
            variants: [
              { subject: 'Follow-up A', body: '<div>A</div>' },
              { subject: 'Follow-up B', body: '<div>B</div>' },
            ],
          },
          { type: 'email', delay: 0, variants: [{ subject: 'Last one', body: '<div>Bye</div>' }] },
        ],
      },
    ],
    email_list: ['sender@outbound.example'],
    ...overrides,
  };
}

/** `n` distinct leads. */
export function leads(n: number, prefix = 'lead'): Array<Record<string, unknown>> {
  return Array.from({ length: n }, (_, i) => ({
    email: `${prefix}${i}@company${i % 7}.example`,
    first_name: `First${i}`,
    last_name: `Last${i}`,
    company_name: `Company ${i % 7}`,
    custom_variables: { city: 'Lyon', score: i, vip: i % 2 === 0, note: null },
  }));
}

/** Creates a campaign with leads and activates it; returns its id. */
export async function activeCampaign(
  sim: Simulator,
  key: string,
  leadCount: number,
  overrides: Record<string, unknown> = {},
): Promise<string> {
  const client = api(sim, key);
  const created = await client.post('/campaigns', campaignBody(overrides));
  expect(created.status).toBe(200);
  const id = created.body.id as string;
  if (leadCount > 0)
    expect((await client.post('/leads/add', { campaign_id: id, leads: leads(leadCount) })).status).toBe(200);
  expect((await client.post(`/campaigns/${id}/activate`)).status).toBe(200);
  return id;
}

/** One webhook POST as a receiver saw it. */
export interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: Json;
}

/** A webhook receiver on 127.0.0.1:0; `respond` picks the status per request (default 200). */
export async function startReceiver(respond?: (r: Received, n: number) => number) {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString('utf8')));
    req.on('end', () => {
      const r: Received = {
        path: req.url ?? '/',
        headers: req.headers,
        body: raw ? JSON.parse(raw) : undefined,
      };
      received.push(r);
      res.writeHead(respond ? respond(r, received.length) : 200).end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks/instantly`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Counts items by a key. */
export function countBy<T>(items: readonly T[], key: (t: T) => string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const item of items) out[key(item)] = (out[key(item)] ?? 0) + 1;
  return out;
}

/** The envelope check every rejection must pass. */
export function expectEnvelope(reply: Reply, status: number, message?: string | RegExp): void {
  expect(reply.status).toBe(status);
  expect(reply.body).toEqual({ statusCode: status, error: expect.any(String), message: expect.any(String) });
  if (typeof message === 'string') expect(reply.body.message).toBe(message);
  else if (message) expect(reply.body.message).toMatch(message);
}
