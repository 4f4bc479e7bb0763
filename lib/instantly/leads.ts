import { InstantlyClientError } from './errors';
import type { InstantlyRequest } from './http';
import { segment } from './http-build';
import { checkPageLimit, paginate } from './paginate';
import { pageSchema, type Page } from './schemas/common';
import {
  addLeadsResultSchema,
  leadSchema,
  type AddLeadsBody,
  type AddLeadsResult,
  type Lead,
  type ListLeadsBody,
  type UpdateInterestStatusBody,
  type UpdateInterestStatusResult,
  updateInterestStatusResultSchema,
} from './schemas/leads';

/** Most leads one `POST /leads/add` accepts. */
export const MAX_LEADS_PER_ADD = 1000;

// A lead search over a large workspace can take 60–120 s upstream, longer than an ordinary call.
const LIST_TIMEOUT_MS = 120_000;

const leadPage = pageSchema(leadSchema);

/**
 * Lead endpoints. `addLeads` is NOT idempotent: it is retried only on 429; a 5xx/network failure is thrown
 * with retryable=false (re-sending is safe only with a `skip_if_in_*` flag, which is the caller's choice).
 */
export function leadMethods(request: InstantlyRequest, defaultTimeoutMs: number) {
  const listTimeout = Math.max(defaultTimeoutMs, LIST_TIMEOUT_MS);
  const listPage = (body: ListLeadsBody): Promise<Page<Lead>> =>
    request({
      method: 'POST',
      path: '/leads/list',
      body,
      idempotent: true,
      schema: leadPage,
      timeoutMs: listTimeout,
    });
  return {
    /** `POST /leads/add`: 1–1000 leads to exactly one of a campaign or a list → the upload summary. */
    async addLeads(body: AddLeadsBody): Promise<AddLeadsResult> {
      checkAddLeads(body);
      return request({
        method: 'POST',
        path: '/leads/add',
        body,
        idempotent: false,
        schema: addLeadsResultSchema,
      });
    },
    /** `POST /leads/list`: one page (filters, `limit` and `starting_after` in the body). */
    async listLeads(body: ListLeadsBody = {}): Promise<Page<Lead>> {
      checkPageLimit(body.limit, 'listLeads');
      return listPage(body);
    },
    /** Every lead matching `body`, page by page. */
    async *iterateLeads(body: ListLeadsBody = {}): AsyncGenerator<Lead, void> {
      checkPageLimit(body.limit, 'iterateLeads');
      yield* paginate((cursor) => listPage({ ...body, starting_after: cursor }), body.starting_after);
    },
    /**
     * `POST /leads/update-interest-status` → 202: Instantly sets the status in a background job. Marked idempotent
     * (5xx/network retried): setting the same value again leaves the lead as one setting does.
     */
    async updateLeadInterestStatus(body: UpdateInterestStatusBody): Promise<UpdateInterestStatusResult> {
      if (
        typeof body.lead_email !== 'string' ||
        body.lead_email.trim() === '' ||
        body.lead_email.length > 320
      ) {
        throw new InstantlyClientError('invalid_request', 'updateLeadInterestStatus: lead_email is required');
      }
      if (body.interest_value !== null && !Number.isFinite(body.interest_value)) {
        throw new InstantlyClientError(
          'invalid_request',
          'updateLeadInterestStatus: interest_value must be a number or null',
        );
      }
      return request({
        method: 'POST',
        path: '/leads/update-interest-status',
        body,
        idempotent: true,
        schema: updateInterestStatusResultSchema,
      });
    },
    /** `GET /leads/{id}`. */
    async getLead(id: string): Promise<Lead> {
      return request({ method: 'GET', path: `/leads/${segment(id)}`, idempotent: true, schema: leadSchema });
    },
  };
}

/** The lead methods of a client. */
export type LeadMethods = ReturnType<typeof leadMethods>;

function checkAddLeads(body: AddLeadsBody): void {
  const reject = (message: string): never => {
    throw new InstantlyClientError('invalid_request', `addLeads: ${message}`);
  };
  const count = Array.isArray(body.leads) ? body.leads.length : 0;
  if (count < 1 || count > MAX_LEADS_PER_ADD) {
    reject(`leads must hold 1 to ${MAX_LEADS_PER_ADD} items, got ${count}`);
  }
  if ((body.campaign_id === undefined) === (body.list_id === undefined)) {
    reject('give exactly one of campaign_id or list_id');
  }
  body.leads.forEach((lead, index) => {
    for (const [key, value] of Object.entries(lead.custom_variables ?? {})) {
      const scalar = value === null || ['string', 'boolean'].includes(typeof value) || Number.isFinite(value);
      if (!scalar)
        reject(`leads[${index}].custom_variables.${key} must be a string, number, boolean or null`);
    }
  });
}
