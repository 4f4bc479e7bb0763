/** Exponential backoff parameters (delays in milliseconds). */
export interface BackoffPolicy {
  baseMs: number;
  factor: number;
  capMs: number;
}

/** 500 ms base, doubling, capped at 30 s. */
export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 500, factor: 2, capMs: 30_000 };

/**
 * Full-jitter exponential backoff: a uniform delay in [0, min(cap, base·factor^(attempt−1))).
 * Full jitter (rather than equal jitter) spreads clients that were refused together, so they do not return
 * together. `attempt` is 1-based; `random` returns [0, 1) and is injectable for tests.
 */
export function backoffDelay(attempt: number, policy: BackoffPolicy, random: () => number): number {
  const exponent = Math.max(0, attempt - 1);
  const ceiling = Math.min(policy.capMs, policy.baseMs * policy.factor ** exponent);
  return Math.floor(random() * ceiling);
}

/**
 * Reads a `Retry-After` header: delta-seconds (`"2"`, `"1.5"`) or an HTTP date. Returns milliseconds to wait
 * (never negative), or undefined when absent or unreadable. Instantly documents the header only for the
 * OAuth-init block; whether ordinary 429s carry it is UNCONFIRMED, so both forms are accepted.
 */
export function parseRetryAfter(value: string | null | undefined, nowEpochMs: number): number | undefined {
  if (value === null || value === undefined) return undefined;
  const text = value.trim();
  if (text === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(text)) return Math.ceil(Number(text) * 1000);
  // HTTP dates always contain a day or month name; without this, Date.parse would accept "-1" as a year.
  if (!/[a-z]{3}/i.test(text)) return undefined;
  const date = Date.parse(text);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - nowEpochMs);
}
