import type { IncomingMessage, ServerResponse } from 'node:http';
import { Answer } from '../core/answer';
import { ApiError } from '../core/errors';
import type { ApiHandler, ControlHandler, SimContext } from '../context';
import { authenticate } from './auth';
import { bodyForLog, parseBody, readBody, sendJson, sleep } from './io';
import { queryObject, type RecordedRequest } from './request-log';
import type { Router } from './router';

const API_PREFIX = '/api/v2';

/** Server-level switches. */
export interface ServerOptions {
  /** Cloudflare answers 403 (code 1010) without a User-Agent (§1.1); default true. */
  requireUserAgent: boolean;
}

interface Exchange {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  raw: string;
}

function fail(ex: Exchange, error: unknown, record?: RecordedRequest): void {
  const err =
    error instanceof ApiError
      ? error
      : new ApiError(500, error instanceof Error ? error.message : String(error));
  if (record) record.status = err.status;
  if (ex.res.headersSent || ex.res.destroyed) return;
  sendJson(ex.res, err.status, err.body(), err.headers);
}

function record(sim: SimContext, ex: Exchange): RecordedRequest {
  const headers = Object.fromEntries(
    Object.entries(ex.req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : (v ?? '')]),
  );
  const entry: RecordedRequest = {
    at: new Date().toISOString(),
    method: ex.req.method ?? 'GET',
    path: ex.url.pathname,
    query: queryObject(ex.url.searchParams),
    headers,
    body: undefined,
    status: null,
    workspace: null,
    dropped: false,
    fault: null,
  };
  // Parsed for the log only when someone reads it: bulk bodies (1,000 leads) are not parsed twice per request.
  let parsed: { body: unknown } | undefined;
  Object.defineProperty(entry, 'body', {
    enumerable: true,
    get: () => (parsed ??= { body: bodyForLog(ex.raw) }).body,
  });
  sim.requests.push(entry);
  return entry;
}

function drop(ex: Exchange, entry: RecordedRequest): void {
  entry.status = 0;
  entry.dropped = true;
  ex.res.destroy();
}

async function handleApi(
  sim: SimContext,
  api: Router<ApiHandler>,
  opts: ServerOptions,
  ex: Exchange,
  entry: RecordedRequest,
): Promise<void> {
  const method = entry.method;
  if (opts.requireUserAgent && !ex.req.headers['user-agent']) {
    entry.status = 403;
    ex.res.writeHead(403, { 'content-type': 'text/plain; charset=utf-8' }).end('error code: 1010');
    return;
  }
  const ws = authenticate(sim.state, ex.req.headers.authorization);
  entry.workspace = ws.key;
  if (!sim.limiter.admit(ws.key)) throw new ApiError(429, 'Rate limit exceeded');
  const fault = sim.faults.evaluate(method, entry.path, ws.key);
  entry.fault = fault.kinds.length > 0 ? fault.kinds.join(',') : null;
  if (fault.latencyMs > 0) await sleep(fault.latencyMs);
  if (fault.error) throw fault.error;
  if (fault.drop === 'before-commit') return drop(ex, entry);
  const match = entry.path.startsWith(`${API_PREFIX}/`)
    ? api.match(method, entry.path.slice(API_PREFIX.length))
    : undefined;
  if (!match) throw new ApiError(404, `Route ${method}:${entry.path} not found`);
  const body = parseBody(ex.raw, ex.req.headers['content-type'], method);
  const result: unknown = await match.handler({ ws, params: match.params, query: entry.query, body, sim });
  if (fault.drop === 'after-commit') return drop(ex, entry);
  const answer = result instanceof Answer ? result : new Answer(200, result);
  entry.status = answer.status;
  sendJson(ex.res, answer.status, answer.body);
}

async function handleControl(sim: SimContext, control: Router<ControlHandler>, ex: Exchange): Promise<void> {
  const method = ex.req.method ?? 'GET';
  const match = control.match(method, ex.url.pathname);
  if (!match) throw new ApiError(404, `Route ${method}:${ex.url.pathname} not found`);
  const body = parseBody(ex.raw, ex.req.headers['content-type'], method);
  const result = await match.handler({
    params: match.params,
    query: queryObject(ex.url.searchParams),
    body,
    sim,
  });
  sendJson(ex.res, result.status ?? 200, result.body);
}

/**
 * The request listener: `/_sim/*` goes to the control API; everything else is recorded and runs the `/api/v2`
 * pipeline: User-Agent → auth → rate limit → faults → route (404 like Fastify) → body parse → handler.
 */
export function createListener(
  sim: SimContext,
  api: Router<ApiHandler>,
  control: Router<ControlHandler>,
  opts: ServerOptions,
) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    const ex: Exchange = { req, res, url: new URL(req.url ?? '/', 'http://simulator.local'), raw: '' };
    const isControl = ex.url.pathname === '/_sim' || ex.url.pathname.startsWith('/_sim/');
    void (async () => {
      let entry: RecordedRequest | undefined;
      try {
        ex.raw = await readBody(req);
        if (isControl) return await handleControl(sim, control, ex);
        entry = record(sim, ex);
        await handleApi(sim, api, opts, ex, entry);
      } catch (error) {
        fail(ex, error, entry);
      }
    })();
  };
}
