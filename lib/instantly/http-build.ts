import type { HttpMethod } from './errors';

/** A query value; arrays become repeated keys (`ids=a&ids=b`), undefined/null are left out. */
export type QueryValue =
  string | number | boolean | null | undefined | ReadonlyArray<string | number | boolean>;

/** Query parameters of one request. */
export type Query = Readonly<Record<string, QueryValue>>;

/** Production API prefix. */
export const DEFAULT_BASE_URL = 'https://api.instantly.ai/api/v2';

/** Sent when the caller gives none: Cloudflare in front of Instantly blocks requests without a usable UA. */
export const DEFAULT_USER_AGENT = 'instantly-bridge/0.1 (+https://github.com/instantly-bridge)';

/** Validates and normalises the API prefix (no trailing slash). */
export function normaliseBaseUrl(baseUrl: string): string {
  const url = new URL(baseUrl);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new RangeError(`baseUrl must be http(s), got ${url.protocol}`);
  }
  return baseUrl.replace(/\/+$/, '');
}

/** Encodes one path segment (ids are opaque to the client). */
export function segment(value: string): string {
  if (value === '') throw new RangeError('path segment must not be empty');
  return encodeURIComponent(value);
}

/** `baseUrl + path + ?query`, with arrays as repeated keys as the official SDK sends them. */
export function buildUrl(baseUrl: string, path: string, query?: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null) continue;
    const values = Array.isArray(value) ? (value as ReadonlyArray<string | number | boolean>) : [value];
    for (const item of values) params.append(key, String(item));
  }
  const search = params.toString();
  return `${baseUrl}${path}${search ? `?${search}` : ''}`;
}

/** Fields of the fetch init that the client builds. */
export interface BuiltRequest {
  method: HttpMethod;
  headers: Record<string, string>;
  body?: string;
}

/**
 * Headers and body of one request. `Content-Type: application/json` only accompanies a body: a bodiless
 * request that declares JSON is refused by Fastify-style servers ("Body cannot be empty when content-type is
 * set to 'application/json'"), which is why activate/pause/resume/test send neither body nor content type.
 */
export function buildRequest(
  method: HttpMethod,
  body: unknown,
  auth: { apiKey: string; userAgent: string },
): BuiltRequest {
  const headers: Record<string, string> = {
    authorization: `Bearer ${auth.apiKey}`,
    'user-agent': auth.userAgent,
    accept: 'application/json',
  };
  if (body === undefined) return { method, headers };
  headers['content-type'] = 'application/json';
  return { method, headers, body: JSON.stringify(body) };
}
