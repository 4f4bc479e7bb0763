// Prometheus metrics of the service (prom-client); docs/operations.md explains each one.
export { registry } from './registry';
export { startMetricsServer, DEFAULT_METRICS_PORT, type MetricsServer } from './server';
export { httpMetrics } from './express';
export { recordExportOutcome, recordWebhookStored, observeApplyLag } from './hooks';
export { instantlyRequestObserver, budgetObserver, publishRateLimits, endpointTemplate } from './instantly';
