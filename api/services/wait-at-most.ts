/**
 * Waits for `work` at most `ms`. Resolves 'done' when it succeeded in time and 'pending' when it is still
 * running (a later failure then goes to `onLateFailure`, never unhandled); rejects when it failed in time.
 */
export function waitAtMost(
  work: Promise<void>,
  ms: number,
  onLateFailure: (err: unknown) => void,
): Promise<'done' | 'pending'> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const timer = setTimeout(() => {
      settled = true;
      resolve('pending');
    }, ms);
    work.then(
      () => {
        clearTimeout(timer);
        if (!settled) resolve('done');
      },
      (err: unknown) => {
        clearTimeout(timer);
        if (settled) onLateFailure(err);
        else reject(err instanceof Error ? err : new Error(String(err)));
      },
    );
  });
}
