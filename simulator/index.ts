import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createControlRouter } from './control';
import { createSimContext, type SimulatorOptions } from './create-context';
import type { FaultRegistry } from './http/faults';
import type { RequestLog } from './http/request-log';
import { createListener } from './http/server';
import { createApiRouter } from './routes';
import type { GroundTruth } from './state/ground-truth';
import type { SimState } from './state/store';
import type { StoryOptions } from './story/options';
import type { WebhookPayload } from './types';
import type { DeliverOptions, DeliverySummary } from './webhooks/dispatcher';
import type { WebhookFaults } from './webhooks/faults';

export type { SimulatorOptions } from './create-context';
export type { FaultRule } from './http/faults';
export type { RecordedRequest, RequestLog } from './http/request-log';
export type { GroundTruth, LeadTruth } from './state/ground-truth';
export type { StoryOptions } from './story/options';
export type { DeliverOptions, DeliverySummary } from './webhooks/dispatcher';
export type { WebhookFaultInput, WebhookFaultSettings } from './webhooks/faults';
export type * from './types';
export { SimState } from './state/store';
export { WorkspaceState } from './state/workspace';

/** A running Instantly API v2 simulator. */
export interface Simulator {
  /** `http://127.0.0.1:PORT` */
  readonly url: string;
  /** `url + '/api/v2'` */
  readonly apiUrl: string;
  /** Inspectable state per workspace (`state.workspace(key)`, `state.groundTruth(id)`, `state.blocklist(key)`). */
  readonly state: SimState;
  /** Every `/api/v2` request received (array with `clear()`, `count(route)`, `matching(route)`). */
  readonly requests: RequestLog;
  /** HTTP faults: `add(rule)`, `clear()`, `rateLimitStorm(...)`, `list()`. */
  readonly faults: FaultRegistry;
  /** Webhook delivery faults: `set({duplicateProbability, reorderWindow, failNext, deliveryEnabled})`. */
  readonly webhookFaults: WebhookFaults;
  /** Plays the engagement story of an ACTIVE campaign, delivering webhooks; resolves with the ground truth. */
  runCampaign(campaignId: string, opts?: StoryOptions): Promise<GroundTruth>;
  /** The same events and state changes without delivering; resolves with the ordered payloads. */
  generateStory(campaignId: string, opts?: StoryOptions): Promise<WebhookPayload[]>;
  /** POSTs given payloads to their campaign's subscribed webhooks. */
  deliver(payloads: readonly WebhookPayload[], opts?: DeliverOptions): Promise<DeliverySummary>;
  /** Empties `requests`. */
  clearRequests(): void;
  /** Recorded requests matching `'METHOD /path'` (`:id` patterns allowed). */
  countRequests(route: string): number;
  /** Most requests a workspace (API key or workspace id) sent within any 1-second window. */
  maxObservedPerSecond(workspace: string): number;
  /** Most requests a workspace sent within any 60-second window. */
  maxObservedPerMinute(workspace: string): number;
  /** `count` consecutive 429s on a route (default all). Same as `faults.rateLimitStorm`. */
  rateLimitStorm(opts: { route?: string; count: number; retryAfterSeconds?: number }): number;
  /** Clears state, requests, faults, webhook faults and rate-limit windows. */
  reset(): void;
  /** Stops the server and any pending deliveries. */
  close(): Promise<void>;
}

function listen(server: Server, port: number, host: string): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(server.address() as AddressInfo);
    });
  });
}

/**
 * Starts a stateful Instantly API v2 simulator on `host:port` (default 127.0.0.1, ephemeral port) and resolves
 * once it listens. Rejects if the port cannot be bound.
 */
export async function startSimulator(opts: SimulatorOptions = {}): Promise<Simulator> {
  const aborter = new AbortController();
  const sim = createSimContext(opts, aborter.signal);
  const server = createServer(
    createListener(sim, createApiRouter(), createControlRouter(), {
      requireUserAgent: opts.requireUserAgent ?? true,
    }),
  );
  const host = opts.host ?? '127.0.0.1';
  const address = await listen(server, opts.port ?? 0, host);
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`;
  const keyOf = (w: string): string => sim.state.workspaces().find((ws) => ws.id === w)?.key ?? w;
  return {
    url,
    apiUrl: `${url}/api/v2`,
    state: sim.state,
    requests: sim.requests,
    faults: sim.faults,
    webhookFaults: sim.webhookFaults,
    runCampaign: (id, o) => sim.stories.run(id, o),
    generateStory: (id, o) => sim.stories.generate(id, o),
    deliver: (payloads, o) => sim.stories.deliver(payloads, o),
    clearRequests: () => sim.requests.clear(),
    countRequests: (route) => sim.requests.count(route),
    maxObservedPerSecond: (w) => sim.limiter.maxObservedPerSecond(keyOf(w)),
    maxObservedPerMinute: (w) => sim.limiter.maxObservedPerMinute(keyOf(w)),
    rateLimitStorm: (o) => sim.faults.rateLimitStorm(o),
    reset: () => sim.reset(),
    close: () =>
      new Promise<void>((resolve) => {
        aborter.abort();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
