import { freePort } from '../ports';

/**
 * The Temporal SDK's own worker metrics (task slots, poll latency, sticky cache, activity/workflow task
 * latencies) come from its Rust core's Prometheus exporter. It binds a loopback port of its own, chosen here,
 * and the process's /metrics appends what it serves, so each worker is still ONE scrape target.
 */
export async function temporalCoreMetrics(): Promise<{
  telemetry: { metrics: { prometheus: { bindAddress: string; useSecondsForDurations: boolean } } };
  scrape: () => Promise<string>;
}> {
  const bindAddress = `127.0.0.1:${await freePort()}`;
  return {
    telemetry: { metrics: { prometheus: { bindAddress, useSecondsForDurations: true } } },
    scrape: async () => {
      const res = await fetch(`http://${bindAddress}/metrics`, { signal: AbortSignal.timeout(2_000) });
      return res.ok ? res.text() : '';
    },
  };
}
