import type { BackoffPolicy } from './backoff';

/** Time source and timer; injectable so unit tests run on a fake clock. */
export interface GovernorClock {
  /** Monotonic milliseconds. */
  now(): number;
  sleep(ms: number): Promise<void>;
}

/** Real time: a monotonic clock (wall-clock steps from NTP must not open or close rate windows). */
export const systemClock: GovernorClock = {
  now: () => performance.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, Math.ceil(ms)))),
};

/** Request-start limits of one Instantly workspace. */
export interface GovernorLimits {
  perSecond: number;
  perMinute: number;
}

/** Instantly's documented workspace limits: 100 requests/second and 6,000 requests/minute. */
export const INSTANTLY_LIMITS: GovernorLimits = { perSecond: 100, perMinute: 6_000 };

/** Options of RateGovernor; everything has a production default. */
export interface GovernorOptions {
  limits?: Partial<GovernorLimits>;
  /** Extra length added to both windows (default 0: request intervals already absorb network latency). */
  windowMarginMs?: number;
  backoff?: BackoffPolicy;
  clock?: GovernorClock;
  random?: () => number;
}

/** The right to run one request; release it when the response (or the failure) arrives. */
export interface Permit {
  readonly startedAt: number;
  /** Idempotent. Until released, the request counts as in flight in every window. */
  release(): void;
}

/** What a caller knows about a 429 it received. */
export interface RateLimitedInfo {
  /** From `Retry-After`, when the response had one. */
  retryAfterMs?: number;
  /** `Permit.startedAt` of the refused request. */
  startedAt?: number;
}
