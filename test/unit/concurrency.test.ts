import { mapBounded, oneTo } from '../../lib/concurrency';

/** A call that resolves when the test says so. */
function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}
const tick = () => new Promise((r) => setImmediate(r));

describe('mapBounded', () => {
  it('keeps at most `limit` calls in flight and returns results in input order', async () => {
    let inFlight = 0;
    let peak = 0;
    const out = await mapBounded(oneTo(20), 3, async (n) => {
      inFlight += 1;
      peak = Math.max(peak, inFlight);
      await new Promise((r) => setTimeout(r, (n * 7) % 5));
      inFlight -= 1;
      return n * 10;
    });
    expect(out).toEqual(oneTo(20).map((n) => n * 10));
    expect(peak).toBe(3);
  });

  it('starts nothing after the first failure, lets the calls in flight settle, then throws the first failure', async () => {
    const calls = oneTo(6).map(() => deferred<number>());
    const started: number[] = [];
    const settled: number[] = [];
    let done = false;
    const run = mapBounded(oneTo(6), 2, async (n, i) => {
      started.push(n);
      try {
        return await calls[i]!.promise;
      } finally {
        settled.push(n);
      }
    }).finally(() => {
      done = true;
    });
    await tick();
    expect(started).toEqual([1, 2]);
    calls[0]!.reject(new Error('first'));
    await tick();
    expect(started).toEqual([1, 2]);
    expect(done).toBe(false); // 2 is still in flight
    calls[1]!.reject(new Error('second'));
    await expect(run).rejects.toThrow('first');
    expect(settled.sort()).toEqual([1, 2]);
  });

  it('handles no items, a limit above the item count and a nonsense limit', async () => {
    expect(await mapBounded([], 4, async () => 1)).toEqual([]);
    expect(await mapBounded(['a', 'b'], 50, async (s, i) => `${s}${i}`)).toEqual(['a0', 'b1']);
    expect(await mapBounded([1, 2, 3], 0, async (n) => n)).toEqual([1, 2, 3]);
    expect(await mapBounded([1, 2, 3], Number.NaN, async (n) => n)).toEqual([1, 2, 3]);
  });

  it('oneTo numbers from 1', () => {
    expect(oneTo(3)).toEqual([1, 2, 3]);
    expect(oneTo(0)).toEqual([]);
    expect(oneTo(-2)).toEqual([]);
  });
});
