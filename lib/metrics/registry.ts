import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/**
 * The process's Prometheus registry and every metric the service exports (docs/operations.md lists them).
 * Module-level on purpose: metrics are process-wide like the process itself, and the hooks in activities,
 * routes and the Instantly client must reach the same counters without threading a registry through every
 * factory. Nothing here does I/O at import time; the HTTP endpoint is started by startMetricsServer.
 */
export const registry = new Registry();
collectDefaultMetrics({ register: registry, prefix: 'instantly_bridge_' });

const P = 'instantly_bridge_';

export const exportDuration = new Histogram({
  name: `${P}export_duration_seconds`,
  help: 'Time from export request to its final status, by outcome (completed, failed, cancelled).',
  labelNames: ['outcome'] as const,
  buckets: [1, 5, 10, 20, 30, 45, 60, 90, 120, 300, 600, 1800, 3600],
  registers: [registry],
});

export const exportsTotal = new Counter({
  name: `${P}exports_total`,
  help: 'Exports that reached a final status, by outcome and (failed only) error type.',
  labelNames: ['outcome', 'error_type'] as const,
  registers: [registry],
});

export const webhookDeliveries = new Counter({
  name: `${P}webhook_deliveries_total`,
  help: 'Instantly webhook deliveries: accepted (new), duplicate, or rejected with a reason.',
  labelNames: ['result', 'reason'] as const,
  registers: [registry],
});

export const eventApplyLag = new Histogram({
  name: `${P}event_apply_lag_seconds`,
  help: 'Time from an engagement event being stored (received) to being applied to its business and export.',
  buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 3600],
  registers: [registry],
});

export const httpRequests = new Counter({
  name: `${P}http_requests_total`,
  help: 'HTTP requests answered by the API, by method, route template and status code.',
  labelNames: ['method', 'route', 'status'] as const,
  registers: [registry],
});

export const httpDuration = new Histogram({
  name: `${P}http_request_duration_seconds`,
  help: 'API response time (request received to response finished), by method and route template.',
  labelNames: ['method', 'route'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10],
  registers: [registry],
});

export const instantlyRequests = new Counter({
  name: `${P}instantly_requests_total`,
  help: 'Attempts to call Instantly, by method, endpoint template and status (0 = network error or timeout).',
  labelNames: ['method', 'endpoint', 'status'] as const,
  registers: [registry],
});

export const governorWait = new Histogram({
  name: `${P}instantly_governor_wait_seconds`,
  help: 'Time a request waited for a start (process governor, then the shared budget) before it was sent.',
  buckets: [0.001, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60],
  registers: [registry],
});

export const budgetRoundTrips = new Counter({
  name: `${P}rate_budget_round_trips_total`,
  help: 'Round trips to the shared rate budget, by result (granted = at least one start, refused = none).',
  labelNames: ['result'] as const,
  registers: [registry],
});

export const budgetGranted = new Counter({
  name: `${P}rate_budget_granted_total`,
  help: 'Request starts this process was granted by the shared rate budget (the workspace budget it used).',
  registers: [registry],
});

export const rateLimit = new Gauge({
  name: `${P}instantly_rate_limit`,
  help: 'The configured Instantly request limit per window (1s, 60s), for budget-use ratios.',
  labelNames: ['window'] as const,
  registers: [registry],
});
