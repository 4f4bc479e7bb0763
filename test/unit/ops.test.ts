import { loadEnv } from '../../lib/env';
import { createSharedBudget, slicesFor, storeSpans, takeUsable } from '../../lib/instantly/shared-budget';
import { endpointTemplate, startMetricsServer, DEFAULT_METRICS_PORT } from '../../lib/metrics';

describe('operations configuration and helpers', () => {
  it('rate limits default to Instantly’s and cannot be configured above them; METRICS_PORT is optional', () => {
    const env = loadEnv({ NODE_ENV: 'test' });
    expect(env.INSTANTLY_RATE_PER_SECOND).toBe(100);
    expect(env.INSTANTLY_RATE_PER_MINUTE).toBe(6000);
    expect(env.INSTANTLY_SHARED_BUDGET).toBe(true);
    expect(env.METRICS_PORT).toBeUndefined();
    expect(() => loadEnv({ NODE_ENV: 'test', INSTANTLY_RATE_PER_SECOND: '101' })).toThrow(
      /INSTANTLY_RATE_PER_SECOND/,
    );
    expect(() => loadEnv({ NODE_ENV: 'test', METRICS_PORT: '70000' })).toThrow(/METRICS_PORT/);
    expect(loadEnv({ NODE_ENV: 'test', INSTANTLY_SHARED_BUDGET: 'false' }).INSTANTLY_SHARED_BUDGET).toBe(
      false,
    );
  });

  it('sums enough slices that no sliding window of the server can see more than the limit', () => {
    expect(slicesFor(1_000, 100)).toBe(14);
    expect(slicesFor(60_000, 1_000)).toBe(62);
    // A deployment that allows a request 1 s to arrive sums more slices (INSTANTLY_RATE_LATENCY_MARGIN_MS).
    expect(storeSpans({ perSecond: 100, perMinute: 6000 }, 1_000)).toEqual({
      perSecond: 100,
      perMinute: 6000,
      secondSlices: 21,
      minuteSlices: 62,
    });
    expect(loadEnv({ NODE_ENV: 'test' }).INSTANTLY_RATE_LATENCY_MARGIN_MS).toBe(250);
    expect(() => loadEnv({ NODE_ENV: 'test', INSTANTLY_RATE_LATENCY_MARGIN_MS: '-1' })).toThrow(
      /INSTANTLY_RATE_LATENCY_MARGIN_MS/,
    );
  });

  it('a grant that went stale while the process stalled is dropped, never sent late', async () => {
    let now = 0;
    const clock = { now: () => now, sleep: async (ms: number) => void (now += ms) };
    const grants: number[] = [];
    // Each round trip grants one start valid for 100 ms; the first caller's process then stalls for 150 ms.
    const budget = createSharedBudget({
      clock,
      store: async (want) => {
        grants.push(want);
        return { granted: 1, validMs: 100 };
      },
    });
    const ticket = await budget.take();
    expect(ticket.usable()).toBe(true);
    now += 150;
    expect(ticket.usable()).toBe(false);
    // takeUsable asks again until a start is still usable when it resumes: the stale one is not reused.
    let stalls = 1;
    const stalling = {
      take: async () => {
        const t = await budget.take();
        if (stalls-- > 0) now += 150;
        return t;
      },
    };
    const before = grants.length;
    await takeUsable(stalling);
    expect(grants.length - before).toBe(2);
  });

  it('labels Instantly endpoints by template, never by id', () => {
    expect(endpointTemplate('/campaigns/0199a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b/activate')).toBe(
      '/campaigns/:id/activate',
    );
    expect(endpointTemplate('/leads/add')).toBe('/leads/add');
    expect(endpointTemplate('/campaigns/analytics/steps?id=1')).toBe('/campaigns/analytics/steps');
  });

  it('the shared budget is fail-closed: a store error rejects the waiting callers', async () => {
    const budget = createSharedBudget({ store: () => Promise.reject(new Error('database down')) });
    await expect(budget.take()).rejects.toThrow('database down');
  });

  it('a second metrics server on the machine takes the next free port', async () => {
    const a = await startMetricsServer({ host: '127.0.0.1' });
    const b = await startMetricsServer({ host: '127.0.0.1' });
    try {
      expect(a.port).toBeGreaterThanOrEqual(DEFAULT_METRICS_PORT);
      expect(b.port).toBeGreaterThan(a.port);
      const res = await fetch(`http://127.0.0.1:${b.port}/metrics`);
      expect(await res.text()).toContain('instantly_bridge_http_requests_total');
      await expect(startMetricsServer({ host: '127.0.0.1', port: a.port })).rejects.toThrow(/EADDRINUSE/);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });
});
