import { analyticsMethods } from './analytics';
import { blockListMethods } from './block-lists';
import { EMAILS_LIMITS, emailMethods } from './emails';
import { campaignLifecycleMethods, campaignMethods } from './campaigns';
import type { RateGovernor } from './governor';
import type { GovernorLimits } from './governor-types';
import { createRequest, type FetchLike, type InstantlyRequest, type RequestObserver } from './http';
import { DEFAULT_BASE_URL, DEFAULT_USER_AGENT, normaliseBaseUrl } from './http-build';
import { jobMethods } from './jobs';
import { leadMethods } from './leads';
import { governorFor, workspaceKeyFor } from './registry';
import type { SharedBudget } from './shared-budget';
import { webhookDeliveryMethods } from './webhook-delivery';
import { webhookMethods } from './webhooks';

/** Options of {@link createInstantlyClient}. Everything is passed in; nothing is read from the environment. */
export interface InstantlyClientOptions {
  apiKey: string;
  /** Full API prefix; default `https://api.instantly.ai/api/v2` (tests pass the simulator's `apiUrl`). */
  baseUrl?: string;
  /** Always sent; default `instantly-bridge/0.1 (+https://github.com/instantly-bridge)`. */
  userAgent?: string;
  /** Default: the process-wide governor of this key's workspace (`governorFor(workspaceKeyFor(apiKey))`). */
  governor?: RateGovernor;
  /** Limits of the default governor when this call creates it (default Instantly's 100/s, 6,000/min). */
  limits?: GovernorLimits;
  /** The budget shared with every other process (see shared-budget.ts); default none (this process only). */
  budget?: SharedBudget;
  /** Sees every attempt (metrics). */
  observer?: RequestObserver;
  /** Default: the process-wide 20/min governor of `GET /emails` for this key's workspace. */
  emailsGovernor?: RateGovernor;
  fetch?: FetchLike;
  /** Retries after the first attempt (429 always; 5xx/network only for idempotent calls). Default 5. */
  maxRetries?: number;
  /** Per-attempt timeout; default 60 s (lead searches get at least 120 s). */
  timeoutMs?: number;
  /** Longest Retry-After waited in-process before throwing the 429 instead; default 60 s. */
  maxRetryAfterMs?: number;
  /** Test seams for the backoff between 5xx/network retries. */
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  /** Wall-clock epoch ms (for HTTP-date Retry-After); default Date.now. */
  now?: () => number;
}

/**
 * A typed Instantly API v2 client. Every call goes through the workspace rate governor; responses are
 * validated (tolerating extra fields); failures are {@link InstantlyApiError} (HTTP/network) or
 * {@link InstantlyClientError} (refused before sending / unexpected 2xx shape). The API key is kept in a
 * closure and never appears on the client object or in error messages.
 */
export function createInstantlyClient(options: InstantlyClientOptions) {
  const apiKey = options.apiKey;
  if (typeof apiKey !== 'string' || apiKey.trim() === '' || /\s/.test(apiKey)) {
    throw new RangeError('apiKey must be a non-empty string without whitespace');
  }
  const maxRetries = options.maxRetries ?? 5;
  if (!Number.isInteger(maxRetries) || maxRetries < 0)
    throw new RangeError('maxRetries must be an integer >= 0');
  const timeoutMs = options.timeoutMs ?? 60_000;
  const governor =
    options.governor ??
    governorFor(workspaceKeyFor(apiKey), options.limits ? { limits: options.limits } : {});
  const emailsGovernor =
    options.emailsGovernor ?? governorFor(`emails:${workspaceKeyFor(apiKey)}`, { limits: EMAILS_LIMITS });
  const request: InstantlyRequest = createRequest({
    apiKey,
    baseUrl: normaliseBaseUrl(options.baseUrl ?? DEFAULT_BASE_URL),
    userAgent: options.userAgent?.trim() || DEFAULT_USER_AGENT,
    governor,
    budget: options.budget,
    observer: options.observer,
    fetch: options.fetch ?? ((url, init) => fetch(url, init)),
    maxRetries,
    timeoutMs,
    maxRetryAfterMs: options.maxRetryAfterMs ?? 60_000,
    sleep: options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
    random: options.random ?? Math.random,
    now: options.now ?? Date.now,
  });
  return {
    ...campaignMethods(request),
    ...campaignLifecycleMethods(request),
    ...leadMethods(request, timeoutMs),
    ...analyticsMethods(request),
    ...webhookMethods(request),
    ...webhookDeliveryMethods(request),
    ...jobMethods(request),
    ...blockListMethods(request),
    ...emailMethods(request, emailsGovernor),
    /** Raw access for endpoints without a typed method (and for tests that must bypass client checks). */
    request,
    /** The governor this client shares with every other client of the workspace. */
    governor,
    /** The workspace's separate governor of `GET /emails` (20 requests/minute). */
    emailsGovernor,
  };
}

/** The client returned by {@link createInstantlyClient}. */
export type InstantlyClient = ReturnType<typeof createInstantlyClient>;
