import type { RateGovernor } from './governor';
import type { GovernorLimits } from './governor-types';
import type { InstantlyRequest } from './http';
import { checkPageLimit, paginate } from './paginate';
import { pageSchema, type Page } from './schemas/common';
import { emailSchema, type Email, type ListEmailsQuery } from './schemas/emails';

/**
 * `GET /emails` has its own limit of 20 requests per minute (instantly-api-v2.md §1.4), on top of the
 * workspace's 100/s and 6,000/min; perSecond = 20 keeps the governor's two windows consistent.
 */
export const EMAILS_LIMITS: GovernorLimits = { perSecond: 20, perMinute: 20 };

const emailPage = pageSchema(emailSchema);

/**
 * The Unibox e-mail list. Every call takes a permit of `emailsGovernor` (the endpoint's own 20/min bucket,
 * one per workspace) and then, inside `request`, one of the workspace governor.
 */
export function emailMethods(request: InstantlyRequest, emailsGovernor: RateGovernor) {
  const page = (query: ListEmailsQuery): Promise<Page<Email>> =>
    emailsGovernor.run(() =>
      request({ method: 'GET', path: '/emails', query: { ...query }, idempotent: true, schema: emailPage }),
    );
  return {
    /** `GET /emails`: one page of e-mails (newest first unless `sort_order: 'asc'`). */
    async listEmails(query: ListEmailsQuery = {}): Promise<Page<Email>> {
      checkPageLimit(query.limit, 'listEmails');
      return page(query);
    },
    /** Every e-mail matching `query`, page by page (each page is one request of the 20/min budget). */
    async *iterateEmails(query: ListEmailsQuery = {}): AsyncGenerator<Email, void> {
      checkPageLimit(query.limit, 'iterateEmails');
      yield* paginate((cursor) => page({ ...query, starting_after: cursor }), query.starting_after);
    },
  };
}
