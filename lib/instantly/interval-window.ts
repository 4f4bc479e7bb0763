/**
 * One rate window (e.g. 100 per 1,000 ms) over request INTERVALS: a request occupies the window from its start
 * until its response arrives, because the server counts it at some unknown moment in between.
 *
 * Why not a token bucket: a bucket of capacity N refilling N/s admits up to 2N starts in some sliding second
 * (a full bucket emptied at the end of one second plus the refill during the next).
 * Why not only start times: a sliding log of starts guarantees at most N STARTS in any window, but the server
 * sees ARRIVALS; the first burst of new (TLS) connections arrives late while the next burst on warm keep-alive
 * sockets arrives at once, and the server then counts more than N in one second (measured against the
 * simulator: 128 arrivals from 100-per-1.05 s starts).
 *
 * Rule: a new request may start at `now` only if (in flight) + (finished after now − W) < N. Proof sketch: for
 * any window [t, t+W) take the last-started request k whose interval [s, e] meets it; every other such request
 * j started no later and ended at e_j >= t > s_k − W, so at s_k it was in flight or recently finished and was
 * counted: at most N intervals meet any window, hence at most N arrivals and at most N starts. With zero
 * latency this is exactly a sliding-window log of start times. Finish times are kept in a ring buffer of N.
 */
export class IntervalWindow {
  private readonly ends: Float64Array;
  private head = 0;
  private count = 0;
  private inFlight = 0;

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {
    this.ends = new Float64Array(limit);
  }

  /** Earliest time a new start fits (Infinity while `limit` requests are in flight: wait for a finish). */
  nextAllowedAt(): number {
    const allowedRecent = this.limit - this.inFlight;
    if (allowedRecent <= 0) return Infinity;
    if (this.count < allowedRecent) return -Infinity;
    // The allowedRecent-th most recent finish must have left the window.
    const index = (this.head - allowedRecent + this.limit) % this.limit;
    return (this.ends[index] ?? 0) + this.windowMs;
  }

  /** A request starts. */
  start(): void {
    this.inFlight += 1;
  }

  /** A request finished at `at` (times must be non-decreasing: they come from the same clock). */
  finish(at: number): void {
    this.inFlight = Math.max(0, this.inFlight - 1);
    this.ends[this.head] = at;
    this.head = (this.head + 1) % this.limit;
    this.count = Math.min(this.count + 1, this.limit);
  }
}
