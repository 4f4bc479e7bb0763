/** The outcome of one POST to a receiver. */
export interface AttemptResult {
  ok: boolean;
  status: number | null;
  ms: number;
  error: string | null;
}

/**
 * POSTs one JSON payload with the webhook's registered headers — and nothing else: Instantly signs nothing
 * (§5.4). Non-2xx, network errors and the timeout are failures.
 */
export async function postOnce(
  url: string,
  headers: Record<string, string> | null,
  payload: unknown,
  timeoutMs: number,
  signal: AbortSignal,
): Promise<AttemptResult> {
  const started = performance.now();
  const elapsed = (): number => Math.round(performance.now() - started);
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(headers ?? {}) },
      body: JSON.stringify(payload),
      signal: AbortSignal.any([AbortSignal.timeout(timeoutMs), signal]),
    });
    await res.arrayBuffer();
    const ok = res.status >= 200 && res.status < 300;
    return {
      ok,
      status: res.status,
      ms: elapsed(),
      error: ok ? null : `Receiver answered HTTP ${res.status}`,
    };
  } catch (e) {
    const timedOut = e instanceof DOMException && e.name === 'TimeoutError';
    const message = timedOut ? `Timed out after ${timeoutMs} ms` : e instanceof Error ? e.message : String(e);
    return { ok: false, status: null, ms: elapsed(), error: message };
  }
}
