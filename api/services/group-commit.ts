/** Runs many small operations as a few batched ones. */
export interface GroupCommit<I, O> {
  /** Resolves with this item's result once the batch holding it ran; rejects when that batch failed. */
  run(item: I): Promise<O>;
}

interface Pending<I, O> {
  item: I;
  resolve: (o: O) => void;
  reject: (err: unknown) => void;
}

/**
 * Group commit: items arriving within `lingerMs`, or while `maxInFlight` batches are already running, are
 * handed to `runBatch` together (at most `maxBatch` per call). `runBatch` returns one result per item, in order.
 * Under light load an item waits at most `lingerMs`; under heavy load batches grow instead of queues.
 */
export function groupCommit<I, O>(
  runBatch: (items: I[]) => Promise<O[]>,
  opts: { maxBatch?: number; lingerMs?: number; maxInFlight?: number } = {},
): GroupCommit<I, O> {
  const maxBatch = opts.maxBatch ?? 200;
  const lingerMs = opts.lingerMs ?? 2;
  const maxInFlight = opts.maxInFlight ?? 2;
  const queue: Pending<I, O>[] = [];
  let inFlight = 0;
  let timer: NodeJS.Timeout | null = null;

  const flush = (): void => {
    timer = null;
    while (inFlight < maxInFlight && queue.length > 0) {
      const batch = queue.splice(0, maxBatch);
      inFlight += 1;
      runBatch(batch.map((p) => p.item))
        .then(
          (results) => batch.forEach((p, i) => p.resolve(results[i] as O)),
          (err: unknown) => batch.forEach((p) => p.reject(err)),
        )
        .finally(() => {
          inFlight -= 1;
          if (queue.length > 0) flush();
        })
        .catch(() => undefined);
    }
  };

  return {
    run(item) {
      return new Promise<O>((resolve, reject) => {
        queue.push({ item, resolve, reject });
        if (inFlight >= maxInFlight) return; // picked up when a running batch ends
        if (queue.length >= maxBatch) flush();
        else timer ??= setTimeout(flush, lingerMs);
      });
    },
  };
}
