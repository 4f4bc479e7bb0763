import type { FaultRegistry } from './http/faults';
import type { RateLimiter } from './http/rate-limiter';
import type { RequestLog } from './http/request-log';
import type { Params } from './http/router';
import type { SimState } from './state/store';
import type { WorkspaceState } from './state/workspace';
import type { StoryRunner } from './story/runner';
import type { DeliveryConfig } from './webhooks/attempts';
import type { WebhookFaults } from './webhooks/faults';

/** Everything a route handler may touch, built once per simulator. */
export interface SimContext {
  state: SimState;
  faults: FaultRegistry;
  webhookFaults: WebhookFaults;
  requests: RequestLog;
  limiter: RateLimiter;
  stories: StoryRunner;
  delivery: DeliveryConfig & { concurrency: number };
  /** Aborted by `close()`: stops retries and pending deliveries. */
  signal: AbortSignal;
  /** Clears state, requests, faults, webhook faults and rate-limit windows. */
  reset(): void;
  /** Delay before a job nobody polls (`update-interest-status`) applies its effect. */
  backgroundJobDelayMs: number;
}

/** The input of an `/api/v2` route handler. */
export interface ApiContext {
  ws: WorkspaceState;
  params: Params;
  query: Record<string, string | string[]>;
  body: unknown;
  sim: SimContext;
}

/** An `/api/v2` route handler: returns the 200 JSON body or throws `ApiError`. */
export type ApiHandler = (ctx: ApiContext) => unknown;

/** The input of a `/_sim` control handler (no workspace). */
export interface ControlContext {
  params: Params;
  query: Record<string, string | string[]>;
  body: unknown;
  sim: SimContext;
}

/** A `/_sim` handler: returns `{status?, body}`. */
export type ControlHandler = (
  ctx: ControlContext,
) => Promise<{ status?: number; body: unknown }> | { status?: number; body: unknown };
