/**
 * Maps `items` through `fn` with at most `limit` calls in flight, results in input order. After the first
 * failure no further item is started; the calls in flight still settle, and then the first failure is thrown.
 * (So nothing is left running when the caller sees the error — the export workflow relies on that: on
 * cancellation the batches in flight finish and are recorded before the result is counted.)
 *
 * Deterministic and free of timers and Node APIs, so workflows can use it as well as activities.
 */
export async function mapBounded<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  let failure: { error: unknown } | null = null;
  const worker = async (): Promise<void> => {
    while (next < items.length && failure === null) {
      const index = next++;
      try {
        results[index] = await fn(items[index]!, index);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  const workers = Math.max(1, Math.min(Math.floor(limit) || 1, items.length));
  await Promise.all(Array.from({ length: workers }, worker));
  if (failure !== null) throw (failure as { error: unknown }).error;
  return results;
}

/** 1, 2, …, n (batch numbers and the like). */
export const oneTo = (n: number): number[] => Array.from({ length: Math.max(0, n) }, (_, i) => i + 1);
