import { RateGovernor } from '../../../lib/instantly/governor';
import type { GovernorOptions, Permit } from '../../../lib/instantly/governor-types';
import { FakeClock, maxInAnyWindow } from './helpers/fake-clock';

/** Deterministic PRNG (mulberry32) so latency tests are reproducible. */
function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Queues `count` requests at once; each holds its permit for `latency()` ms of fake time and "arrives" at the
 * server at a random moment inside [start, response]. Returns start and arrival times in call order.
 */
async function runQueued(
  count: number,
  options: GovernorOptions & { clock: FakeClock },
  latency: () => number = () => 0,
) {
  const governor = new RateGovernor(options);
  const where = prng(7);
  const starts: number[] = new Array<number>(count);
  const arrivals: number[] = [];
  const order: number[] = [];
  const done = Array.from({ length: count }, (_, i) =>
    governor.run(async (permit) => {
      starts[i] = permit.startedAt;
      order.push(i);
      const ms = latency();
      arrivals.push(permit.startedAt + where() * ms);
      if (ms > 0) await options.clock.sleep(ms);
    }),
  );
  await options.clock.runAll();
  await Promise.all(done);
  return { starts, order, governor, arrivals: arrivals.sort((a, b) => a - b) };
}

describe('RateGovernor sliding windows (fake clock)', () => {
  it('1,000 queued calls: never more than 100 in any 1 s nor 6,000 in any 60 s, strictly FIFO', async () => {
    const clock = new FakeClock();
    const { starts, order } = await runQueued(1_000, { clock });
    expect(order).toEqual([...Array(1_000).keys()]);
    expect(maxInAnyWindow(starts, 1_000)).toBe(100);
    expect(maxInAnyWindow(starts, 60_000)).toBeLessThanOrEqual(6_000);
    expect(starts[999]).toBe(9_000);
  });

  it('with 0–400 ms response times, server-side ARRIVALS stay within 100 per second too', async () => {
    const clock = new FakeClock();
    const latency = prng(42);
    const { starts, arrivals } = await runQueued(1_000, { clock }, () => Math.floor(latency() * 400));
    expect(maxInAnyWindow(starts, 1_000)).toBeLessThanOrEqual(100);
    expect(maxInAnyWindow(arrivals, 1_000)).toBeLessThanOrEqual(100);
    expect(maxInAnyWindow(arrivals, 60_000)).toBeLessThanOrEqual(6_000);
  });

  it('never has more than `perSecond` requests in flight; a release lets the next one start', async () => {
    const clock = new FakeClock();
    const governor = new RateGovernor({ clock, limits: { perSecond: 3, perMinute: 100 } });
    const permits: Permit[] = [];
    for (let i = 0; i < 5; i += 1) void governor.acquire().then((p) => permits.push(p));
    await clock.advanceTo(5_000);
    expect(permits).toHaveLength(3);
    expect(clock.pendingTimers).toBe(0);
    permits[0]!.release();
    permits[0]!.release();
    await clock.advanceTo(5_999);
    expect(permits).toHaveLength(3);
    await clock.advanceTo(6_000);
    expect(permits.map((p) => p.startedAt)).toEqual([0, 0, 0, 6_000]);
  });

  it('windowMarginMs lengthens both windows', async () => {
    const clock = new FakeClock();
    const { starts } = await runQueued(300, { clock, windowMarginMs: 50 });
    expect(starts.filter((t) => t === 0)).toHaveLength(100);
    expect(starts[100]).toBe(1_050);
    expect(starts[299]).toBe(2_100);
  });

  it('13,000 calls at the real limits stay within 6,000 per sliding minute', async () => {
    const clock = new FakeClock();
    const { starts } = await runQueued(13_000, { clock });
    expect(maxInAnyWindow(starts, 1_000)).toBe(100);
    expect(maxInAnyWindow(starts, 60_000)).toBe(6_000);
  });

  it('the per-minute log binds when it is the tighter limit', async () => {
    const clock = new FakeClock();
    const { starts } = await runQueued(1_000, {
      clock,
      limits: { perSecond: 10, perMinute: 50 },
      windowMarginMs: 0,
    });
    expect(maxInAnyWindow(starts, 1_000)).toBe(10);
    expect(maxInAnyWindow(starts, 60_000)).toBe(50);
    expect(starts[50]).toBe(60_000);
    expect(starts[999]).toBe(19 * 60_000 + 4_000);
  });

  it('waits with one timer at a time, not a polling loop', async () => {
    const clock = new FakeClock();
    const governor = new RateGovernor({ clock, limits: { perSecond: 1, perMinute: 100 } });
    const all = Promise.all(Array.from({ length: 5 }, () => governor.run(async (p) => p.startedAt)));
    await clock.advanceTo(0);
    expect(clock.pendingTimers).toBe(1);
    expect(governor.waiting).toBe(4);
    await clock.runAll();
    await expect(all).resolves.toEqual([0, 1_000, 2_000, 3_000, 4_000]);
  });

  it('rejects limits that are not positive integers', () => {
    expect(() => new RateGovernor({ limits: { perSecond: 0 } })).toThrow(RangeError);
    expect(() => new RateGovernor({ limits: { perMinute: 1.5 } })).toThrow(RangeError);
  });
});

describe('RateGovernor on the real clock', () => {
  it('spaces 11 calls at 5/s over two seconds', async () => {
    const governor = new RateGovernor({ limits: { perSecond: 5, perMinute: 1_000 } });
    const begin = performance.now();
    const starts = await Promise.all(
      Array.from({ length: 11 }, () => governor.run(async (p) => p.startedAt)),
    );
    expect(maxInAnyWindow(starts, 1_000)).toBe(5);
    expect(starts[10]! - starts[0]!).toBeGreaterThanOrEqual(2_000);
    expect(performance.now() - begin).toBeLessThan(3_500);
  });
});
