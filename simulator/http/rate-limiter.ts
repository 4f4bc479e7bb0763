/** Instantly's documented limits: 100 requests/second and 6,000/minute per workspace (§1.4). */
export interface RateLimitOptions {
  perSecond: number;
  perMinute: number;
}

/** The documented defaults. */
export const INSTANTLY_RATE_LIMITS: RateLimitOptions = { perSecond: 100, perMinute: 6000 };

function dropUpTo(list: number[], cutoff: number): void {
  let i = 0;
  while (i < list.length && (list[i] ?? 0) <= cutoff) i += 1;
  if (i > 0) list.splice(0, i);
}

/**
 * Sliding-window enforcement of the per-workspace limits. Only admitted requests use up quota (a rejected
 * request does not extend the lock-out); every arrival, admitted or not, counts towards
 * `maxObservedPerSecond` and `maxObservedPerMinute`, so a test can prove a client never sent more than 100 requests in any second.
 */
export class RateLimiter {
  private readonly admitted = new Map<string, number[]>();
  private readonly arrivals = new Map<string, number[]>();
  private readonly maxSeen = new Map<string, number>();
  private readonly arrivalsMinute = new Map<string, number[]>();
  private readonly maxSeenMinute = new Map<string, number>();

  constructor(private readonly limits: RateLimitOptions | false) {}

  private list(map: Map<string, number[]>, key: string): number[] {
    let list = map.get(key);
    if (!list) {
      list = [];
      map.set(key, list);
    }
    return list;
  }

  private observe(key: string, now: number): void {
    const recent = this.list(this.arrivals, key);
    dropUpTo(recent, now - 1000);
    recent.push(now);
    this.maxSeen.set(key, Math.max(this.maxSeen.get(key) ?? 0, recent.length));
    const minute = this.list(this.arrivalsMinute, key);
    dropUpTo(minute, now - 60_000);
    minute.push(now);
    this.maxSeenMinute.set(key, Math.max(this.maxSeenMinute.get(key) ?? 0, minute.length));
  }

  /** Records an arrival for the workspace; true when it is within the limits. */
  admit(key: string, now = Date.now()): boolean {
    this.observe(key, now);
    if (!this.limits) return true;
    const window = this.list(this.admitted, key);
    dropUpTo(window, now - 60_000);
    let inLastSecond = 0;
    for (let i = window.length - 1; i >= 0 && (window[i] ?? 0) > now - 1000; i -= 1) inLastSecond += 1;
    if (inLastSecond >= this.limits.perSecond || window.length >= this.limits.perMinute) return false;
    window.push(now);
    return true;
  }

  /** The most requests this workspace sent within any 1-second window so far. */
  maxObservedPerSecond(key: string): number {
    return this.maxSeen.get(key) ?? 0;
  }

  /** The most requests this workspace sent within any 60-second window so far. */
  maxObservedPerMinute(key: string): number {
    return this.maxSeenMinute.get(key) ?? 0;
  }

  /** Forgets all windows and maxima. */
  reset(): void {
    this.admitted.clear();
    this.arrivals.clear();
    this.maxSeen.clear();
    this.arrivalsMinute.clear();
    this.maxSeenMinute.clear();
  }
}
