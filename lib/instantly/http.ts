import type { z } from 'zod';
import { backoffDelay, DEFAULT_BACKOFF, parseRetryAfter } from './backoff';
import {
  InstantlyApiError,
  InstantlyClientError,
  parseErrorBody,
  type HttpMethod,
  type InstantlyApiErrorInit,
} from './errors';
import type { RateGovernor } from './governor';
import { buildRequest, buildUrl, type Query } from './http-build';
import { takeUsable, type SharedBudget } from './shared-budget';

/** The subset of `fetch` the client needs; tests inject a recorder. */
export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

/** One API call. `idempotent` decides whether 5xx/network failures may be retried (429 always may). */
export interface RequestSpec<T> {
  method: HttpMethod;
  /** Path under the base URL, starting with `/`, segments already encoded. */
  path: string;
  query?: Query;
  /** undefined = no body and no Content-Type. */
  body?: unknown;
  idempotent: boolean;
  /** Validates a 2xx body; without it the parsed JSON is returned as unknown. */
  schema?: z.ZodType<T>;
  timeoutMs?: number;
}

/** Everything the transport needs; built once per client. */
export interface HttpConfig {
  apiKey: string;
  baseUrl: string;
  userAgent: string;
  governor: RateGovernor;
  /** The budget every process of the deployment shares (second stage, after the governor); none = local only. */
  budget?: SharedBudget;
  /** Sees every attempt (metrics): the wait for a start, then the outcome (HTTP status, 0 = network). */
  observer?: RequestObserver;
  fetch: FetchLike;
  maxRetries: number;
  timeoutMs: number;
  /** Longest Retry-After waited in-process; longer ones are thrown so a scheduler can wait instead. */
  maxRetryAfterMs: number;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
  /** Wall-clock epoch ms, for Retry-After dates. */
  now: () => number;
}

/** Observes requests without knowing any metrics library. */
export interface RequestObserver {
  onWaited?(ms: number): void;
  onAttempt?(method: HttpMethod, path: string, status: number): void;
}

/** Sends one request through the workspace governor, with the retry rules of {@link RequestSpec}. */
export type InstantlyRequest = <T = unknown>(spec: RequestSpec<T>) => Promise<T>;

type Attempt = { ok: true; value: unknown } | { ok: false; error: InstantlyApiError };

/** Builds the request function of a client. */
export function createRequest(config: HttpConfig): InstantlyRequest {
  return async <T>(spec: RequestSpec<T>): Promise<T> => {
    // Serialised before any permit: a 1,000-lead body takes long enough to stringify that a grant of the shared
    // budget (valid ~100 ms) would otherwise be spent before the request leaves.
    const built = buildRequest(spec.method, spec.body, config);
    for (let attempt = 0; ; attempt += 1) {
      const waitStart = performance.now();
      const permit = await config.governor.acquire();
      let result: Attempt;
      try {
        // After the local permit, so a shared grant (valid ~100 ms) is used at once rather than queued locally.
        if (config.budget) await takeUsable(config.budget);
        config.observer?.onWaited?.(performance.now() - waitStart);
        result = await attemptOnce(config, spec, built);
      } finally {
        permit.release();
      }
      config.observer?.onAttempt?.(spec.method, spec.path, result.ok ? 200 : result.error.status);
      if (result.ok) {
        config.governor.onSuccess();
        return validate(spec, result.value);
      }
      const error = result.error;
      if (error.status === 429) {
        config.governor.onRateLimited({ retryAfterMs: error.retryAfterMs, startedAt: permit.startedAt });
        const tooLong = (error.retryAfterMs ?? 0) > config.maxRetryAfterMs;
        if (attempt < config.maxRetries && !tooLong) continue;
        throw error;
      }
      if (!error.retryable || attempt >= config.maxRetries) throw error;
      await config.sleep(backoffDelay(attempt + 1, DEFAULT_BACKOFF, config.random));
    }
  };
}

async function attemptOnce<T>(
  config: HttpConfig,
  spec: RequestSpec<T>,
  built: ReturnType<typeof buildRequest>,
): Promise<Attempt> {
  const url = buildUrl(config.baseUrl, spec.path, spec.query);
  const fail = (status: number, message: string, extra: Partial<InstantlyApiErrorInit> = {}): Attempt => ({
    ok: false,
    error: new InstantlyApiError({
      status,
      instantlyMessage: message,
      retryable: status === 429 || (isTransient(status) && spec.idempotent),
      method: spec.method,
      path: spec.path,
      ...extra,
    }),
  });
  let response: Response;
  let text: string;
  try {
    response = await config.fetch(url, {
      ...built,
      signal: AbortSignal.timeout(spec.timeoutMs ?? config.timeoutMs),
    });
    text = await response.text();
  } catch (cause) {
    return fail(0, describeNetworkError(cause, config.apiKey), { cause });
  }
  if (response.ok) return parseSuccess(spec, text);
  const parsed = parseErrorBody(response.status, text, config.apiKey);
  const retryAfterMs =
    response.status === 429 ? parseRetryAfter(response.headers.get('retry-after'), config.now()) : undefined;
  return fail(response.status, parsed.message, { instantlyError: parsed.error, retryAfterMs });
}

function isTransient(status: number): boolean {
  return status === 0 || status === 408 || status >= 500;
}

function parseSuccess<T>(spec: RequestSpec<T>, text: string): Attempt {
  if (text.trim() === '') return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    throw new InstantlyClientError('invalid_response', `${spec.method} ${spec.path}: 2xx body is not JSON`);
  }
}

function validate<T>(spec: RequestSpec<T>, value: unknown): T {
  if (!spec.schema) return value as T;
  const result = spec.schema.safeParse(value);
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
  throw new InstantlyClientError(
    'invalid_response',
    `${spec.method} ${spec.path}: unexpected response shape (${issues.map((i) => `${i.path}: ${i.message}`).join('; ')})`,
    { issues },
  );
}

function describeNetworkError(cause: unknown, apiKey: string): string {
  if (!(cause instanceof Error)) return 'request failed';
  if (cause.name === 'TimeoutError') return 'request timed out';
  const code = (cause.cause as { code?: unknown } | undefined)?.code;
  const text = `${cause.message}${typeof code === 'string' ? ` (${code})` : ''}`;
  return apiKey ? text.split(apiKey).join('[redacted]') : text;
}
