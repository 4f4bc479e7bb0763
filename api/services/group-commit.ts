/** Runs many small operations as a few batched ones. */
export interface GroupCommit<I, O> {
  /**
   * Resolves with this item's result once the batch holding it ran. When a batch of several fails, each of its
   * items is run again alone, so this rejects only with the error of this item's own batch of one.
   */
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
 * `runBatch` must be all-or-nothing (one statement or transaction): a failed batch is retried item by item
 * (one after another, within the batch's in-flight slot), so one poison item never fails the others — unless
 * `retryAlone` is false (an outage would only multiply calls: every item of the batch then rejects). `onIdle`
 * runs whenever the last running batch ended with nothing queued (so a keyed set of these can drop idle ones).
 */
export function groupCommit<I, O>(
  runBatch: (items: I[]) => Promise<O[]>,
  opts: {
    maxBatch?: number;
    lingerMs?: number;
    maxInFlight?: number;
    retryAlone?: boolean;
    onIdle?: () => void;
  } = {},
): GroupCommit<I, O> {
  const maxBatch = opts.maxBatch ?? 200;
  const lingerMs = opts.lingerMs ?? 2;
  const maxInFlight = opts.maxInFlight ?? 2;
  const queue: Pending<I, O>[] = [];
  let inFlight = 0;
  let timer: NodeJS.Timeout | null = null;

  const settle = async (batch: Pending<I, O>[]): Promise<void> => {
    try {
      const results = await runBatch(batch.map((p) => p.item));
      batch.forEach((p, i) => p.resolve(results[i] as O));
    } catch (err) {
      if (batch.length === 1 || opts.retryAlone === false) batch.forEach((p) => p.reject(err));
      else for (const p of batch) await settle([p]);
    }
  };

  const flush = (): void => {
    timer = null;
    while (inFlight < maxInFlight && queue.length > 0) {
      const batch = queue.splice(0, maxBatch);
      inFlight += 1;
      settle(batch)
        .finally(() => {
          inFlight -= 1;
          if (queue.length > 0) flush();
          else if (inFlight === 0 && timer === null) opts.onIdle?.();
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
