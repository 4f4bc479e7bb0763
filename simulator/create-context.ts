import type { SimContext } from './context';
import { FaultRegistry } from './http/faults';
import { INSTANTLY_RATE_LIMITS, RateLimiter, type RateLimitOptions } from './http/rate-limiter';
import { createRequestLog } from './http/request-log';
import { SimState } from './state/store';
import { StoryRunner } from './story/runner';
import { DeliveryBatch } from './webhooks/dispatcher';
import { WebhookFaults } from './webhooks/faults';

/** Everything configurable about a simulator instance. */
export interface SimulatorOptions {
  /** 0 (default) = an ephemeral port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Valid API keys (each is its own workspace); omitted = any Bearer token is accepted as a workspace. */
  apiKeys?: string[];
  /** Parallel webhook deliveries per batch (default 4). */
  webhookConcurrency?: number;
  /** Consecutive failed delivery attempts that disable a webhook (default 5). */
  autoDisableAfterFailures?: number;
  /** Retries after a failed delivery attempt (default 3). */
  webhookRetries?: number;
  /** Base back-off in ms, doubled per retry (default 200). */
  webhookRetryDelayMs?: number;
  /** Per-attempt timeout in ms (default 5000). */
  webhookTimeoutMs?: number;
  /** Per-workspace limits (default 100/s, 6000/min); false disables enforcement (observation continues). */
  rateLimit?: RateLimitOptions | false;
  /** Answer 403 (Cloudflare 1010) to requests without User-Agent (default true). */
  requireUserAgent?: boolean;
  /** Seed for probabilistic HTTP faults (default: time-based). */
  faultSeed?: number;
  /** How long a job without a job id (`update-interest-status`) runs before its effect applies (default 50 ms). */
  backgroundJobDelayMs?: number;
}

/** Builds the shared runtime (state, logs, faults, delivery, stories) for one simulator. */
export function createSimContext(opts: SimulatorOptions, signal: AbortSignal): SimContext {
  const state = new SimState(opts.apiKeys);
  const webhookFaults = new WebhookFaults();
  const delivery = {
    retries: opts.webhookRetries ?? 3,
    retryDelayMs: opts.webhookRetryDelayMs ?? 200,
    timeoutMs: opts.webhookTimeoutMs ?? 5000,
    autoDisableAfterFailures: opts.autoDisableAfterFailures ?? 5,
    concurrency: opts.webhookConcurrency ?? 4,
  };
  const stories = new StoryRunner(
    state,
    (ws, o) => new DeliveryBatch(ws, delivery, webhookFaults, signal, o),
  );
  const faults = new FaultRegistry(opts.faultSeed);
  const requests = createRequestLog();
  const limiter = new RateLimiter(opts.rateLimit ?? INSTANTLY_RATE_LIMITS);
  const reset = (): void => {
    state.reset();
    requests.clear();
    faults.clear();
    webhookFaults.clear();
    limiter.reset();
  };
  const backgroundJobDelayMs = opts.backgroundJobDelayMs ?? 50;
  return {
    state,
    faults,
    webhookFaults,
    requests,
    limiter,
    stories,
    delivery,
    signal,
    reset,
    backgroundJobDelayMs,
  };
}
