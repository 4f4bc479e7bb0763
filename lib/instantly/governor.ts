import { backoffDelay, DEFAULT_BACKOFF, type BackoffPolicy } from './backoff';
import {
  INSTANTLY_LIMITS,
  systemClock,
  type GovernorClock,
  type GovernorLimits,
  type GovernorOptions,
  type Permit,
  type RateLimitedInfo,
} from './governor-types';
import { IntervalWindow } from './interval-window';

/**
 * The one gate every request to a workspace passes: at most `perSecond` requests meet any sliding 1 s window
 * and `perMinute` any 60 s window, counting each request from start to response (see IntervalWindow).
 * Waiters are served strictly FIFO; waiting uses one timer at a time (no polling). `pause` stops the whole
 * workspace, which is what a 429 asks for.
 */
export class RateGovernor {
  readonly limits: GovernorLimits;
  private readonly windows: IntervalWindow[];
  private readonly queue: Array<(permit: Permit) => void> = [];
  private readonly clock: GovernorClock;
  private readonly random: () => number;
  private readonly backoff: BackoffPolicy;
  private pausedUntil = -Infinity;
  private pauseSetAt = -Infinity;
  private rateLimitStreak = 0;
  private wakeAt: number | undefined;

  constructor(options: GovernorOptions = {}) {
    this.limits = { ...INSTANTLY_LIMITS, ...options.limits };
    for (const value of [this.limits.perSecond, this.limits.perMinute]) {
      if (!Number.isInteger(value) || value < 1)
        throw new RangeError(`rate limit must be a positive integer`);
    }
    const margin = options.windowMarginMs ?? 0;
    this.windows = [
      new IntervalWindow(this.limits.perSecond, 1_000 + margin),
      new IntervalWindow(this.limits.perMinute, 60_000 + margin),
    ];
    this.clock = options.clock ?? systemClock;
    this.random = options.random ?? Math.random;
    this.backoff = options.backoff ?? DEFAULT_BACKOFF;
  }

  /** Number of callers waiting for a start slot. */
  get waiting(): number {
    return this.queue.length;
  }

  /** Resolves once this caller may start one request. The caller MUST release the permit (see {@link run}). */
  acquire(): Promise<Permit> {
    return new Promise<Permit>((resolve) => {
      this.queue.push(resolve);
      this.drain();
    });
  }

  /** Runs `fn` under a permit that is released however `fn` ends. */
  async run<T>(fn: (permit: Permit) => Promise<T>): Promise<T> {
    const permit = await this.acquire();
    try {
      return await fn(permit);
    } finally {
      permit.release();
    }
  }

  /** Stops every start in this workspace for at least `ms` (an existing longer pause is kept). */
  pause(ms: number): void {
    const now = this.clock.now();
    this.pausedUntil = Math.max(this.pausedUntil, now + Math.max(0, ms));
    this.pauseSetAt = now;
    this.drain();
  }

  /**
   * Reacts to a 429: honours Retry-After, else pauses for a full-jitter exponential backoff whose attempt
   * number grows with consecutive rate-limit episodes. Returns the pause applied, in ms.
   */
  onRateLimited(info: RateLimitedInfo = {}): number {
    const now = this.clock.now();
    if (info.retryAfterMs !== undefined) {
      this.pause(info.retryAfterMs);
      return info.retryAfterMs;
    }
    // Refusals of requests that started before the current pause belong to the same overload episode;
    // counting each of them would push the backoff to its cap after one burst.
    const sameEpisode = info.startedAt !== undefined && info.startedAt < this.pauseSetAt;
    if (sameEpisode && this.pausedUntil > now) return this.pausedUntil - now;
    if (!sameEpisode) this.rateLimitStreak += 1;
    const delay = backoffDelay(Math.max(1, this.rateLimitStreak), this.backoff, this.random);
    this.pause(delay);
    return delay;
  }

  /** Marks the end of a rate-limit episode (a request succeeded), so the next 429 starts at base delay. */
  onSuccess(): void {
    this.rateLimitStreak = 0;
  }

  private drain(): void {
    while (this.queue.length > 0) {
      const now = this.clock.now();
      const readyAt = Math.max(this.pausedUntil, ...this.windows.map((w) => w.nextAllowedAt()));
      if (readyAt > now) {
        // Infinity = every slot is in flight; a release will drain again.
        if (readyAt !== Infinity) this.arm(readyAt);
        return;
      }
      for (const window of this.windows) window.start();
      this.queue.shift()?.(this.permit(now));
    }
  }

  private permit(startedAt: number): Permit {
    let released = false;
    return {
      startedAt,
      release: () => {
        if (released) return;
        released = true;
        const now = this.clock.now();
        for (const window of this.windows) window.finish(now);
        this.drain();
      },
    };
  }

  private arm(at: number): void {
    // A pending timer at or before `at` will re-check anyway; an earlier ready time (after a release) arms a new
    // one, and the stale later timer only causes a harmless extra drain.
    if (this.wakeAt !== undefined && this.wakeAt <= at) return;
    this.wakeAt = at;
    void this.clock.sleep(at - this.clock.now()).then(() => {
      if (this.wakeAt === at) this.wakeAt = undefined;
      this.drain();
    });
  }
}
