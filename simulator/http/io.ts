import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApiError } from '../core/errors';

const MAX_BODY_BYTES = 10 * 1024 * 1024;

/** Reads the whole request body as UTF-8 text (413 beyond 10 MiB). */
export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buf.length;
    if (size > MAX_BODY_BYTES) throw new ApiError(413, 'Request body is too large');
    chunks.push(buf);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function isJson(contentType: string | undefined): boolean {
  return (contentType ?? '').split(';')[0]?.trim().toLowerCase() === 'application/json';
}

/** Best-effort parse for the request log (never throws). */
export function bodyForLog(raw: string): unknown {
  if (raw.length === 0) return undefined;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return raw;
  }
}

/**
 * Parses a body the way Fastify does (INFERRED, §1.1): an empty GET/HEAD body is ignored; JSON content-type with
 * an empty body → 400; invalid JSON → 400; a body with any other (or no) content-type → 415; no body and no
 * content-type → undefined.
 */
export function parseBody(raw: string, contentType: string | undefined, method: string): unknown {
  if ((method === 'GET' || method === 'HEAD') && raw.length === 0) return undefined;
  if (isJson(contentType)) {
    if (raw.length === 0)
      throw new ApiError(400, "Body cannot be empty when content-type is set to 'application/json'");
    try {
      return JSON.parse(raw) as unknown;
    } catch (e) {
      throw new ApiError(400, e instanceof Error ? e.message : 'Body is not valid JSON');
    }
  }
  if (raw.length > 0) throw new ApiError(415, `Unsupported Media Type: ${contentType ?? 'undefined'}`);
  return undefined;
}

/** Writes a JSON response. */
export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body ?? null);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

/** Resolves after `ms` milliseconds (0 → next macrotask). */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
}
