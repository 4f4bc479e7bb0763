// Public surface of the Instantly API v2 client (Node-only; workflows import './mapping' or types only).
export { createInstantlyClient, type InstantlyClient, type InstantlyClientOptions } from './client';
export {
  InstantlyApiError,
  InstantlyClientError,
  isInstantlyApiError,
  isInstantlyClientError,
  parseErrorBody,
  type HttpMethod,
  type InstantlyClientErrorKind,
} from './errors';
export { RateGovernor } from './governor';
export {
  INSTANTLY_LIMITS,
  systemClock,
  type GovernorClock,
  type GovernorLimits,
  type GovernorOptions,
  type Permit,
  type RateLimitedInfo,
} from './governor-types';
export { governorFor, workspaceKeyFor, resetGovernors } from './registry';
export { backoffDelay, parseRetryAfter, DEFAULT_BACKOFF, type BackoffPolicy } from './backoff';
export { DEFAULT_BASE_URL, DEFAULT_USER_AGENT, buildUrl, type Query, type QueryValue } from './http-build';
export type { FetchLike, InstantlyRequest, RequestSpec } from './http';
export { paginate, checkPageLimit, MAX_PAGE_LIMIT, type PageFetcher } from './paginate';
export { MAX_LEADS_PER_ADD } from './leads';
export { utcDate, webhookEventDateWindow } from './webhook-event-window';
export type * from './body-types';
export type { Page, PageQuery } from './schemas/common';
export * from './schemas/campaigns';
export * from './schemas/leads';
export * from './schemas/analytics';
export * from './schemas/webhooks';
export * from './schemas/jobs';
export * from './schemas/emails';
export * from './schemas/block-lists';
export { EMAILS_LIMITS } from './emails';
export * from './mapping';
