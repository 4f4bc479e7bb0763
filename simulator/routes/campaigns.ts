import { z } from 'zod';
import { badRequest } from '../core/errors';
import { isoNow, uuidv7 } from '../core/ids';
import { byId, paginate, queryLimit } from '../core/pagination';
import { parseOr400 } from '../core/validation';
import type { ApiContext, ApiHandler } from '../context';
import type { Router } from '../http/router';
import type { CampaignRecord } from '../types';
import { createCampaignSchema, patchCampaignSchema } from './campaign-schema';
import { sendingStatus } from './sending-status';
import { campaignOf, copy, idParam, uuid, cursor } from './common';

const STATUSES = [0, 1, 2, 3, 4, -99, -1, -2];

const status = z.coerce
  .number()
  .int()
  .refine((s) => STATUSES.includes(s), { message: 'must be equal to one of the allowed values' })
  .optional();

const listQuery = z.strictObject({
  limit: queryLimit,
  starting_after: cursor,
  search: z.string().optional(),
  status,
  exclude_status: status,
  tag_ids: z.string().optional(),
  ai_sales_agent_id: uuid.optional(),
});

function create(ctx: ApiContext): CampaignRecord {
  const body = parseOr400(createCampaignSchema, ctx.body, 'body');
  const now = isoNow();
  const campaign: CampaignRecord = {
    ...body,
    id: uuidv7(),
    status: 0,
    organization: ctx.ws.id,
    timestamp_created: now,
    timestamp_updated: now,
    not_sending_status: null,
    core_variables: null,
    custom_variables: null,
    sequences: body.sequences ?? [],
    email_list: body.email_list ?? [],
  };
  ctx.ws.campaigns.set(campaign.id, campaign);
  return copy(campaign);
}

/** Name search is a case-insensitive substring match; tags and AI agents are not modelled, so those match nothing. */
function list(ctx: ApiContext): unknown {
  const q = parseOr400(listQuery, ctx.query, 'querystring');
  const needle = q.search?.toLowerCase();
  const items = byId(ctx.ws.campaigns.values()).filter(
    (c) =>
      (needle === undefined || c.name.toLowerCase().includes(needle)) &&
      (q.status === undefined || c.status === q.status) &&
      (q.exclude_status === undefined || c.status !== q.exclude_status) &&
      q.tag_ids === undefined &&
      q.ai_sales_agent_id === undefined,
  );
  return copy(paginate(items, (c) => c.id, q.limit, q.starting_after));
}

function patch(ctx: ApiContext): CampaignRecord {
  const campaign = campaignOf(ctx, idParam(ctx));
  const body = parseOr400(patchCampaignSchema, ctx.body ?? {}, 'body');
  Object.assign(campaign, body, { timestamp_updated: isoNow() });
  return copy(campaign);
}

/** Deleting a campaign also deletes its leads (UNCONFIRMED; nothing documents what happens to them). */
function remove(ctx: ApiContext): CampaignRecord {
  const campaign = campaignOf(ctx, idParam(ctx));
  for (const lead of ctx.ws.leadsOfCampaign(campaign.id)) ctx.ws.removeLead(lead.id);
  ctx.ws.campaigns.delete(campaign.id);
  return copy(campaign);
}

/**
 * Activation preconditions are UNCONFIRMED; the simulator refuses a campaign with no step to send (400) and
 * otherwise activates (no senders/leads only show up in sending-status).
 */
function activate(ctx: ApiContext): CampaignRecord {
  const campaign = campaignOf(ctx, idParam(ctx));
  const steps = campaign.sequences[0]?.steps ?? [];
  if (steps.length === 0) throw badRequest('Campaign has no sequence steps to send');
  campaign.status = 1;
  campaign.timestamp_updated = isoNow();
  return copy(campaign);
}

function pause(ctx: ApiContext): CampaignRecord {
  const campaign = campaignOf(ctx, idParam(ctx));
  campaign.status = 2;
  campaign.timestamp_updated = isoNow();
  return copy(campaign);
}

/** Registers `/campaigns` routes (analytics routes are separate and more specific). */
export function registerCampaignRoutes(router: Router<ApiHandler>): void {
  router
    .add('POST', '/campaigns', create)
    .add('GET', '/campaigns', list)
    .add('GET', '/campaigns/:id', (ctx) => copy(campaignOf(ctx, idParam(ctx))))
    .add('PATCH', '/campaigns/:id', patch)
    .add('DELETE', '/campaigns/:id', remove)
    .add('POST', '/campaigns/:id/activate', activate)
    .add('POST', '/campaigns/:id/pause', pause)
    .add('GET', '/campaigns/:id/sending-status', (ctx) =>
      sendingStatus(ctx.ws, campaignOf(ctx, idParam(ctx))),
    );
}
