import { isInstantlyTimezone } from '../../contracts/instantly-timezones';
import type {
  CampaignSchedule,
  CreateCampaignBody,
  ListCampaignsQuery,
  PatchCampaignBody,
} from './body-types';
import { InstantlyClientError, type HttpMethod } from './errors';
import type { InstantlyRequest } from './http';
import { segment } from './http-build';
import { checkPageLimit, paginate } from './paginate';
import { campaignSchema, sendingStatusSchema, type Campaign, type SendingStatus } from './schemas/campaigns';
import { pageSchema, type Page } from './schemas/common';

const campaignPage = pageSchema(campaignSchema);

const byId = (id: string, suffix = '') => `/campaigns/${segment(id)}${suffix}`;

function campaignCall(request: InstantlyRequest) {
  return (method: HttpMethod, path: string, body?: unknown, idempotent = true): Promise<Campaign> =>
    request({ method, path, body, idempotent, schema: campaignSchema });
}

/**
 * Campaign CRUD. `createCampaign` is NOT idempotent (no idempotency key exists upstream): it is retried only
 * on 429 and otherwise fails with retryable=false, so callers look the campaign up by name before creating
 * again. Everything else is retried on 429/5xx/network.
 */
export function campaignMethods(request: InstantlyRequest) {
  const one = campaignCall(request);
  const page = (query: ListCampaignsQuery): Promise<Page<Campaign>> =>
    request({
      method: 'GET',
      path: '/campaigns',
      query: { ...query },
      idempotent: true,
      schema: campaignPage,
    });
  return {
    /** `POST /campaigns` → the new Draft campaign (status 0). Rejects non-enum timezones before sending. */
    async createCampaign(body: CreateCampaignBody): Promise<Campaign> {
      checkTimezones(body.campaign_schedule, 'createCampaign');
      return one('POST', '/campaigns', body, false);
    },
    /** `GET /campaigns/{id}`. */
    async getCampaign(id: string): Promise<Campaign> {
      return one('GET', byId(id));
    },
    /** `GET /campaigns`: one page. */
    async listCampaigns(query: ListCampaignsQuery = {}): Promise<Page<Campaign>> {
      checkPageLimit(query.limit, 'listCampaigns');
      return page(query);
    },
    /** Every campaign matching `query`, page by page. */
    async *iterateCampaigns(query: ListCampaignsQuery = {}): AsyncGenerator<Campaign, void> {
      checkPageLimit(query.limit, 'iterateCampaigns');
      yield* paginate((cursor) => page({ ...query, starting_after: cursor }), query.starting_after);
    },
    /** `PATCH /campaigns/{id}`; `email_list` replaces the senders. */
    async patchCampaign(id: string, body: PatchCampaignBody): Promise<Campaign> {
      if (body.campaign_schedule) checkTimezones(body.campaign_schedule, 'patchCampaign');
      return one('PATCH', byId(id), body);
    },
  };
}

/** Starting, pausing and diagnosing a campaign (all retried on 429/5xx/network: they are idempotent). */
export function campaignLifecycleMethods(request: InstantlyRequest) {
  const one = campaignCall(request);
  return {
    /** `POST /campaigns/{id}/activate` (no body) → the campaign. */
    async activateCampaign(id: string): Promise<Campaign> {
      return one('POST', byId(id, '/activate'));
    },
    /** `POST /campaigns/{id}/pause` (no body) → the campaign. */
    async pauseCampaign(id: string): Promise<Campaign> {
      return one('POST', byId(id, '/pause'));
    },
    /** `DELETE /campaigns/{id}` → the deleted campaign. A retry after a lost response can see 404. */
    async deleteCampaign(id: string): Promise<Campaign> {
      return one('DELETE', byId(id));
    },
    /** `GET /campaigns/{id}/sending-status`: why a campaign is (not) sending. */
    async getSendingStatus(id: string, query: { with_ai_summary?: boolean } = {}): Promise<SendingStatus> {
      const path = byId(id, '/sending-status');
      return request({
        method: 'GET',
        path,
        query: { ...query },
        idempotent: true,
        schema: sendingStatusSchema,
      });
    },
  };
}

/** The campaign methods of a client. */
export type CampaignMethods = ReturnType<typeof campaignMethods> &
  ReturnType<typeof campaignLifecycleMethods>;

function checkTimezones(schedule: CampaignSchedule | undefined, where: string): void {
  for (const [index, entry] of (schedule?.schedules ?? []).entries()) {
    if (typeof entry.timezone !== 'string' || !isInstantlyTimezone(entry.timezone)) {
      throw new InstantlyClientError(
        'invalid_request',
        `${where}: schedules[${index}].timezone ${JSON.stringify(entry.timezone)} is not one of Instantly's ` +
          `102 timezones; convert it with mapTimezone()`,
      );
    }
  }
}
