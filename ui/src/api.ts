// The dashboard talks only to the public HTTP API, with the organization's token from sessionStorage (kept for
// this browser tab only, never put in a URL). A 401 signs out.

const KEY = 'instantly-bridge.token';

/** The stored token, or null when signed out. */
export const getToken = (): string | null => sessionStorage.getItem(KEY);
/** Keeps the token for this browser session. */
export const setToken = (token: string): void => sessionStorage.setItem(KEY, token);
/** Forgets the token (sign-out). */
export const clearToken = (): void => sessionStorage.removeItem(KEY);

/** An API error in plain words: the message, the HTTP status, the field problems. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: Array<{ path: string; message: string }> = [],
  ) {
    super(message);
  }
}

let onUnauthorized: () => void = () => undefined;
/** What to do when the API says the token is wrong (the app signs out). */
export const setUnauthorizedHandler = (f: () => void): void => {
  onUnauthorized = f;
};

/** Calls the API; JSON in and out. `body` may be a string with its own content type (NDJSON upload). */
export async function api<T>(
  method: string,
  path: string,
  body?: unknown,
  contentType = 'application/json',
  token = getToken(),
  extraHeaders: Record<string, string> = {},
): Promise<T> {
  const headers: Record<string, string> = { ...extraHeaders, authorization: `Bearer ${token ?? ''}` };
  if (body !== undefined) headers['content-type'] = contentType;
  const res = await fetch(path, {
    method,
    headers,
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    credentials: 'omit',
    referrerPolicy: 'no-referrer',
  });
  const text = await res.text();
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  if (!res.ok) {
    const e = (json as { error?: { code?: string; message?: string; details?: unknown } } | null)?.error;
    if (res.status === 401) onUnauthorized();
    throw new ApiError(
      res.status,
      e?.code ?? 'http_error',
      e?.message ?? `HTTP ${res.status}`,
      Array.isArray(e?.details) ? (e.details as Array<{ path: string; message: string }>) : [],
    );
  }
  return json as T;
}

/** A message a person can act on, from any error. */
export function plainError(err: unknown): string {
  if (err instanceof ApiError) {
    if (err.status === 401) return 'The token was refused. Sign in again with a valid API token.';
    if (err.status === 404) return `Not found: ${err.message}.`;
    if (err.status === 429) return 'Too many requests: wait a few seconds and try again.';
    if (err.status >= 500)
      return `The service had a problem (${err.message}). Try again; if it persists, check the service logs.`;
    const fields = err.details.map((d) => `${d.path}: ${d.message}`).join('; ');
    return fields ? `${err.message} — ${fields}` : err.message;
  }
  return err instanceof Error ? `Could not reach the service: ${err.message}` : String(err);
}
