/** HTTP methods the Instantly API v2 client uses. */
export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'DELETE';

/** Constructor fields of {@link InstantlyApiError}. */
export interface InstantlyApiErrorInit {
  status: number;
  instantlyMessage: string;
  instantlyError?: string;
  retryable: boolean;
  retryAfterMs?: number;
  method: HttpMethod;
  path: string;
  cause?: unknown;
}

/**
 * A request that reached (or tried to reach) Instantly and failed.
 * `status` is the HTTP status, or 0 when no response arrived (DNS, reset, timeout).
 * `retryable` says whether repeating the SAME request is safe: always for 429 (the request was refused),
 * for 5xx/network only when the request is idempotent (a non-idempotent write may already have happened).
 * The message never contains the API key: it names method, path (no query string) and Instantly's message.
 */
export class InstantlyApiError extends Error {
  override readonly name = 'InstantlyApiError';
  readonly status: number;
  readonly instantlyMessage: string;
  readonly instantlyError?: string;
  readonly retryable: boolean;
  readonly retryAfterMs?: number;
  readonly method: HttpMethod;
  readonly path: string;

  constructor(init: InstantlyApiErrorInit) {
    const what = init.status === 0 ? 'network error' : `HTTP ${init.status}`;
    super(`Instantly ${init.method} ${init.path} failed (${what}): ${init.instantlyMessage}`, {
      cause: init.cause,
    });
    this.status = init.status;
    this.instantlyMessage = init.instantlyMessage;
    this.instantlyError = init.instantlyError;
    this.retryable = init.retryable;
    this.retryAfterMs = init.retryAfterMs;
    this.method = init.method;
    this.path = init.path;
  }
}

/** Type guard for {@link InstantlyApiError} (works across module copies by checking the name too). */
export function isInstantlyApiError(value: unknown): value is InstantlyApiError {
  return value instanceof InstantlyApiError || (value instanceof Error && value.name === 'InstantlyApiError');
}

/** Why the client refused to send a request, or could not accept a 2xx response. */
export type InstantlyClientErrorKind = 'invalid_request' | 'invalid_response';

/**
 * Raised by the client itself, never retryable: a request that breaks a documented API rule
 * (e.g. more than 1,000 leads, limit > 100) is rejected before anything is sent; a 2xx body that does not
 * match the documented shape is reported with the raw body so the caller can still see what happened.
 */
export class InstantlyClientError extends Error {
  override readonly name = 'InstantlyClientError';
  readonly retryable = false;
  readonly kind: InstantlyClientErrorKind;
  readonly details?: unknown;

  constructor(kind: InstantlyClientErrorKind, message: string, details?: unknown) {
    super(message);
    this.kind = kind;
    this.details = details;
  }
}

/** Type guard for {@link InstantlyClientError}. */
export function isInstantlyClientError(value: unknown): value is InstantlyClientError {
  return (
    value instanceof InstantlyClientError || (value instanceof Error && value.name === 'InstantlyClientError')
  );
}

const MAX_MESSAGE = 300;

/** What an error body says, in Instantly's words where there are any. */
export interface ParsedErrorBody {
  message: string;
  error?: string;
}

/**
 * Extracts a readable message from an error response body: the Fastify-style envelope
 * `{statusCode, error, message}`, the bare `{message}` (analytics) or `{error}` (interest status) bodies,
 * or a non-JSON page (Cloudflare's HTML block page carries no JSON at all).
 */
export function parseErrorBody(status: number, bodyText: string, secret?: string): ParsedErrorBody {
  const parsed = parseErrorText(status, bodyText);
  return secret ? { ...parsed, message: redact(parsed.message, secret) } : parsed;
}

function parseErrorText(status: number, bodyText: string): ParsedErrorBody {
  const text = bodyText.trim();
  if (text === '') return { message: `empty response body (HTTP ${status})` };
  const json = tryParseJson(text);
  if (json !== undefined && typeof json === 'object' && json !== null && !Array.isArray(json)) {
    const record = json as Record<string, unknown>;
    const message = typeof record.message === 'string' ? record.message : undefined;
    const error = typeof record.error === 'string' ? record.error : undefined;
    if (message !== undefined) return { message: clip(message), error };
    if (error !== undefined) return { message: clip(error), error };
  }
  if (json !== undefined) return { message: clip(text) };
  return { message: describeNonJson(status, text) };
}

// Only the start of a non-JSON page is read: the body is whatever a proxy sent, of any size.
const MAX_SCANNED = 64 * 1024;

function describeNonJson(status: number, body: string): string {
  const text = body.slice(0, MAX_SCANNED);
  if (/cloudflare/i.test(text)) {
    const code = /error code:?\s*(\d{3,4})/i.exec(stripTags(text))?.[1];
    const hint = status === 403 ? ' (Cloudflare blocks requests without an acceptable User-Agent)' : '';
    return `blocked by Cloudflare${code ? ` (error ${code})` : ''}${hint}`;
  }
  const lower = text.toLowerCase();
  const open = lower.indexOf('<title');
  const openEnd = open === -1 ? -1 : lower.indexOf('>', open);
  const close = openEnd === -1 ? -1 : lower.indexOf('</title>', openEnd);
  const title = close === -1 ? undefined : text.slice(openEnd + 1, close);
  const plain = stripTags(title ?? text)
    .replace(/\s+/g, ' ')
    .trim();
  return `non-JSON response: ${clip(plain)}`;
}

/**
 * `<…>` → one space, in one pass. (`/<[^>]*>/g` rescans to the end from every `<` of a page without `>`:
 * quadratic.) An unclosed `<` keeps the rest of the text as is.
 */
function stripTags(text: string): string {
  let out = '';
  let at = 0;
  for (;;) {
    const open = text.indexOf('<', at);
    const close = open === -1 ? -1 : text.indexOf('>', open);
    if (close === -1) return out + text.slice(at);
    out += `${text.slice(at, open)} `;
    at = close + 1;
  }
}

function tryParseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function clip(text: string): string {
  return text.length > MAX_MESSAGE ? `${text.slice(0, MAX_MESSAGE)}…` : text;
}

function redact(text: string, secret: string): string {
  return secret.length > 0 ? text.split(secret).join('[redacted]') : text;
}
