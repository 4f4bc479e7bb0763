import { z } from 'zod';
import { notFound } from '../core/errors';
import { isoNow, uuidv7 } from '../core/ids';
import { byId, paginate, queryLimit } from '../core/pagination';
import { parseOr400 } from '../core/validation';
import type { ApiContext, ApiHandler } from '../context';
import type { Router } from '../http/router';
import type { WebhookRecord } from '../types';
import { SUBSCRIPTION_EVENT_TYPES } from '../webhooks/matching';
import { copy, idParam, uuid, cursor } from './common';
import { eventTypes, testWebhook } from './webhook-test';

/** `format: uri` with `pattern: ^https?://`: no whitespace anywhere, and a URL that parses. */
const hookUrl = z
  .string()
  .regex(/^https?:\/\//, { message: 'must match pattern "^https?://"' })
  .refine((s) => !/\s/.test(s) && URL.canParse(s), { message: 'must match format "uri"' });

const fields = {
  target_hook_url: hookUrl,
  event_type: z.enum(SUBSCRIPTION_EVENT_TYPES).nullable().optional(),
  campaign: uuid.nullable().optional(),
  name: z.string().nullable().optional(),
  custom_interest_value: z.number().nullable().optional(),
  headers: z.record(z.string(), z.string()).nullable().optional(),
};

/** The list filter documents 17 values: the subscription list without the two newest types. */
const LIST_FILTER_TYPES = SUBSCRIPTION_EVENT_TYPES.filter(
  (t) => t !== 'lead_no_show' && t !== 'supersearch_enrichment_completed',
);

const createSchema = z.strictObject(fields);
const patchSchema = z
  .strictObject({ ...fields, target_hook_url: fields.target_hook_url.optional() })
  .refine((b) => Object.keys(b).length > 0, { message: 'must NOT have fewer than 1 properties' });
const listQuery = z.strictObject({
  limit: queryLimit,
  starting_after: cursor,
  campaign: uuid.optional(),
  event_type: z.enum(LIST_FILTER_TYPES as [string, ...string[]]).optional(),
});

/** A webhook of the caller's workspace, or 404. */
export function webhookOf(ctx: ApiContext): WebhookRecord {
  const hook = ctx.ws.webhooks.get(idParam(ctx));
  if (!hook) throw notFound('Webhook');
  return hook;
}

function checkCampaign(ctx: ApiContext, campaign: string | null | undefined): void {
  if (campaign && !ctx.ws.campaigns.has(campaign)) throw notFound('Campaign');
}

/** An omitted `event_type` is stored as null = a custom-label webhook (gets no standard events). */
function create(ctx: ApiContext): WebhookRecord {
  const body = parseOr400(createSchema, ctx.body, 'body');
  checkCampaign(ctx, body.campaign);
  const hook: WebhookRecord = {
    id: uuidv7(),
    organization: ctx.ws.id,
    campaign: body.campaign ?? null,
    name: body.name ?? null,
    target_hook_url: body.target_hook_url,
    event_type: body.event_type ?? null,
    custom_interest_value: body.custom_interest_value ?? null,
    headers: body.headers ?? null,
    timestamp_created: isoNow(),
    status: 1,
    timestamp_error: null,
  };
  ctx.ws.webhooks.set(hook.id, hook);
  return copy(hook);
}

function list(ctx: ApiContext): unknown {
  const q = parseOr400(listQuery, ctx.query, 'querystring');
  const items = byId(ctx.ws.webhooks.values()).filter(
    (w) =>
      (q.campaign === undefined || w.campaign === q.campaign) &&
      (q.event_type === undefined || w.event_type === q.event_type),
  );
  return copy(paginate(items, (w) => w.id, q.limit, q.starting_after));
}

function patch(ctx: ApiContext): WebhookRecord {
  const hook = webhookOf(ctx);
  const body = parseOr400(patchSchema, ctx.body ?? {}, 'body');
  checkCampaign(ctx, body.campaign);
  Object.assign(hook, Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined)));
  return copy(hook);
}

function remove(ctx: ApiContext): WebhookRecord {
  const hook = webhookOf(ctx);
  ctx.ws.webhooks.delete(hook.id);
  ctx.ws.webhookFailures.delete(hook.id);
  return copy(hook);
}

/** Re-enables a webhook disabled after repeated failures. Missed events are not re-sent. */
function resume(ctx: ApiContext): WebhookRecord {
  const hook = webhookOf(ctx);
  Object.assign(hook, { status: 1, timestamp_error: null });
  ctx.ws.webhookFailures.set(hook.id, 0);
  return copy(hook);
}

/** Registers `/webhooks` routes. */
export function registerWebhookRoutes(router: Router<ApiHandler>): void {
  router
    .add('POST', '/webhooks', create)
    .add('GET', '/webhooks', list)
    .add('GET', '/webhooks/event-types', eventTypes)
    .add('GET', '/webhooks/:id', (ctx) => copy(webhookOf(ctx)))
    .add('PATCH', '/webhooks/:id', patch)
    .add('DELETE', '/webhooks/:id', remove)
    .add('POST', '/webhooks/:id/resume', resume)
    .add('POST', '/webhooks/:id/test', (ctx) => testWebhook(ctx, webhookOf(ctx)));
}
