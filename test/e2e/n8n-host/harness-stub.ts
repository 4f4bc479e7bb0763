/**
 * Throwaway loopback stand-in for the Instantly Bridge API, for the harness proof only (the real e2e runs the
 * whole stack). Records every request; subscriptions upsert on targetUrl and get a new secret each time.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export const STUB_TOKEN = 'harness-token-0123456789';

export interface Seen {
  method: string;
  path: string;
  body: unknown;
  authorized: boolean;
}
export interface Sub {
  id: string;
  targetUrl: string;
  eventTypes: string[];
  campaignIds: string[];
  secret: string;
  createdAt: string;
}

/** 60 campaigns for the pickers: "Bakery 00".."Bakery 54" and "Plumber 00".."Plumber 04"; ids cmp_pick_<n>. */
export const PICK_CAMPAIGNS = [
  ...Array.from({ length: 55 }, (_, i) => ({
    id: `cmp_pick_${i}`,
    name: `Bakery ${String(i).padStart(2, '0')}`,
  })),
  ...Array.from({ length: 5 }, (_, i) => ({
    id: `cmp_pick_${55 + i}`,
    name: `Plumber ${String(i).padStart(2, '0')}`,
  })),
];

/** Two exports per picker campaign: exp_<campaign>_a (completed) and exp_<campaign>_b (running). */
const exportsOf = (campaignId: string) =>
  ['a', 'b'].map((suffix) => ({
    exportId: `exp_${campaignId}_${suffix}`,
    campaignId,
    instantlyCampaignName: `Outreach ${suffix}`,
    status: suffix === 'a' ? 'completed' : 'running',
    createdAt: '2026-12-01T10:00:00.000Z',
  }));

/**
 * GET /api/campaigns (the contract i17-dashboard's route implements: `limit`, opaque `cursor`, `q` = name
 * substring), GET /api/campaigns/:id/exports and GET /api/exports/:id for the picker campaigns.
 */
function pickerRoute(route: string, url: URL): { status: number; body: unknown } | undefined {
  if (route === 'GET /api/campaigns') {
    const q = (url.searchParams.get('q') ?? '').toLowerCase();
    const limit = Number(url.searchParams.get('limit') ?? '50');
    const offset = Number(url.searchParams.get('cursor') ?? '0');
    const matching = PICK_CAMPAIGNS.filter((c) => c.name.toLowerCase().includes(q));
    const items = matching
      .slice(offset, offset + limit)
      .map((c) => ({ ...c, createdAt: '2026-12-01T09:00:00.000Z' }));
    const next = offset + limit < matching.length ? String(offset + limit) : null;
    return { status: 200, body: { items, nextCursor: next } };
  }
  const list = /^GET \/api\/campaigns\/([^/]+)\/exports$/.exec(route);
  if (list && PICK_CAMPAIGNS.some((c) => c.id === list[1]))
    return { status: 200, body: { items: exportsOf(list[1]!) } };
  const one = /^GET \/api\/exports\/exp_(cmp_pick_\d+)_([ab])$/.exec(route);
  if (one) return { status: 200, body: exportsOf(one[1]!).find((e) => e.exportId.endsWith(`_${one[2]}`)) };
  return undefined;
}

/** Minimal stand-in for the service API: records every request; subscriptions upsert on targetUrl. */
export function startStub(): Promise<{ server: Server; url: string; seen: Seen[]; subs: Map<string, Sub> }> {
  const seen: Seen[] = [];
  const subs = new Map<string, Sub>();
  const send = (res: ServerResponse, status: number, body?: unknown): void => {
    res
      .writeHead(status, { 'content-type': 'application/json' })
      .end(body === undefined ? undefined : JSON.stringify(body));
  };
  const handle = (req: IncomingMessage, res: ServerResponse, raw: string): void => {
    const url = new URL(req.url ?? '/', 'http://stub');
    const body: unknown = raw ? JSON.parse(raw) : undefined;
    const authorized = req.headers.authorization === `Bearer ${STUB_TOKEN}`;
    seen.push({ method: req.method ?? '', path: url.pathname + url.search, body, authorized });
    if (!authorized) return send(res, 401, { error: { code: 'unauthorized', message: 'bad token' } });
    const b = (body ?? {}) as Record<string, unknown>;
    const route = `${req.method} ${url.pathname}`;
    if (route === 'GET /api/whoami') return send(res, 200, { ok: true, service: 'instantly-bridge' });
    const pickers = pickerRoute(route, url);
    if (pickers !== undefined) return send(res, pickers.status, pickers.body);
    if (route === 'POST /api/campaigns/cmp_stub_1/export-to-instantly')
      return send(res, 202, { exportId: 'exp_stub_1', workflowId: 'export/exp_stub_1' });
    if (route === 'POST /api/campaigns')
      return send(res, 201, { id: 'cmp_stub_1', businessCount: (b.businesses as unknown[]).length });
    if (route === 'POST /api/subscriptions') {
      const existing = [...subs.values()].find((s) => s.targetUrl === b.targetUrl);
      const sub: Sub = {
        id: existing?.id ?? `sub_${randomUUID()}`,
        targetUrl: String(b.targetUrl),
        eventTypes: b.eventTypes as string[],
        campaignIds: b.campaignIds as string[],
        secret: `whsec_${randomBytes(24).toString('base64')}`,
        createdAt: new Date().toISOString(),
      };
      subs.set(sub.id, sub);
      return send(res, existing ? 200 : 201, sub);
    }
    if (route === 'GET /api/subscriptions') {
      const items = [...subs.values()].filter((s) => s.targetUrl === url.searchParams.get('targetUrl'));
      return send(res, 200, { items: items.map(({ secret: _secret, ...rest }) => rest) });
    }
    const one = /^\/api\/subscriptions\/([^/]+)$/.exec(url.pathname);
    const sub = one ? subs.get(decodeURIComponent(one[1]!)) : undefined;
    if (one && req.method === 'GET')
      return sub
        ? send(res, 200, { ...sub, secret: undefined })
        : send(res, 404, { error: { code: 'not_found', message: 'gone' } });
    if (one && req.method === 'DELETE')
      return sub && subs.delete(sub.id)
        ? send(res, 204)
        : send(res, 404, { error: { code: 'not_found', message: 'gone' } });
    return send(res, 404, { error: { code: 'not_found', message: route } });
  };
  const server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString('utf8')));
    req.on('end', () => handle(req, res, raw));
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({ server, url: `http://127.0.0.1:${port}`, seen, subs });
    });
  });
}
