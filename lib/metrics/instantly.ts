import type { BudgetObserver } from '../instantly/shared-budget';
import type { RequestObserver } from '../instantly/http';
import type { GovernorLimits } from '../instantly/governor-types';
import { budgetGranted, budgetRoundTrips, governorWait, instantlyRequests, rateLimit } from './registry';

// Ids in paths (campaign, lead, webhook, job ids) would make one series per object: they become ':id'.
const ID_SEGMENT = /^(?=[^/]*\d)[0-9A-Za-z_-]{8,}$/;

/** `/campaigns/0a1b…/activate` → `/campaigns/:id/activate` (bounded label values). */
export function endpointTemplate(path: string): string {
  const clean = path.split('?')[0] ?? '';
  return clean
    .split('/')
    .map((s) => (ID_SEGMENT.test(s) ? ':id' : s))
    .join('/');
}

/** Feeds every Instantly attempt into instantly_requests_total and the governor wait histogram. */
export const instantlyRequestObserver: RequestObserver = {
  onWaited: (ms) => governorWait.observe(ms / 1000),
  onAttempt: (method, path, status) =>
    instantlyRequests.inc({ method, endpoint: endpointTemplate(path), status: String(status) }),
};

/** Feeds the shared budget's round trips into rate_budget_* counters. */
export const budgetObserver: BudgetObserver = {
  onStoreCall: (_want, granted) => {
    budgetRoundTrips.inc({ result: granted > 0 ? 'granted' : 'refused' });
    if (granted > 0) budgetGranted.inc(granted);
  },
};

/** Publishes the configured limits (for budget-use ratios in PromQL). */
export function publishRateLimits(limits: GovernorLimits): void {
  rateLimit.set({ window: '1s' }, limits.perSecond);
  rateLimit.set({ window: '60s' }, limits.perMinute);
}
