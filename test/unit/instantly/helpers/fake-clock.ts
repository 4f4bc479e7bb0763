import type { GovernorClock } from '../../../../lib/instantly/governor-types';

interface Timer {
  at: number;
  seq: number;
  resolve: () => void;
}

/** Lets every pending promise continuation run (setImmediate runs after the microtask queue is empty). */
export function flush(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** A manual clock: time moves only when a test advances it; timers fire in time order. */
export class FakeClock implements GovernorClock {
  private time = 0;
  private seq = 0;
  private timers: Timer[] = [];

  now(): number {
    return this.time;
  }

  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      this.timers.push({ at: this.time + Math.max(0, ms), seq: this.seq++, resolve });
    });
  }

  get pendingTimers(): number {
    return this.timers.length;
  }

  /** Moves time to `target`, firing due timers in order and letting their continuations run. */
  async advanceTo(target: number): Promise<void> {
    await flush();
    for (;;) {
      const next = this.earliest();
      if (!next || next.at > target) break;
      this.timers = this.timers.filter((t) => t !== next);
      this.time = Math.max(this.time, next.at);
      next.resolve();
      await flush();
    }
    this.time = Math.max(this.time, target);
    await flush();
  }

  /** Fires timers until none is left (or `maxTime` is reached). */
  async runAll(maxTime = Number.MAX_SAFE_INTEGER): Promise<void> {
    await flush();
    for (let next = this.earliest(); next && next.at <= maxTime; next = this.earliest()) {
      await this.advanceTo(next.at);
    }
  }

  private earliest(): Timer | undefined {
    return this.timers.reduce<Timer | undefined>(
      (best, t) => (!best || t.at < best.at || (t.at === best.at && t.seq < best.seq) ? t : best),
      undefined,
    );
  }
}

/**
 * Largest number of starts inside any half-open window [t, t + windowMs) of the sorted start times.
 * Two pointers: for each first start, count the starts before first + windowMs.
 */
export function maxInAnyWindow(sortedStarts: readonly number[], windowMs: number): number {
  let best = 0;
  let end = 0;
  for (let begin = 0; begin < sortedStarts.length; begin += 1) {
    while (end < sortedStarts.length && sortedStarts[end]! < sortedStarts[begin]! + windowMs) end += 1;
    best = Math.max(best, end - begin);
  }
  return best;
}
