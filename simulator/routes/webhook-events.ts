import { z } from 'zod';
import { notFound } from '../core/errors';
import { paginate, queryLimit } from '../core/pagination';
import { parseOr400 } from '../core/validation';
import type { ApiContext, ApiHandler } from '../context';
import type { Router } from '../http/router';
import type { DeliveryLogEntry } from '../types-events';
import { copy, cursor, idParam } from './common';

/** `format: date`: a calendar day `YYYY-MM-DD` (a timestamp is a 400, as in the document). */
const day = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, { message: 'must match format "date"' })
  .optional();

const listQuery = z.strictObject({
  limit: queryLimit,
  starting_after: cursor,
  success: z.enum(['true', 'false']).optional(),
  from: day,
  to: day,
  search: z.string().optional(),
});

/** The document's `WebhookEvent`: the internal bookkeeping (webhook id, event type, campaign) is not in it. */
function eventView(d: DeliveryLogEntry): Record<string, unknown> {
  const { webhook_id: _w, event_type: _e, campaign_id: _c, ...fields } = d;
  return { ...fields, timestamp_created_date: d.timestamp_created.slice(0, 10) };
}

/**
 * `GET /webhook-events`: the delivery log, one item per attempt, oldest first (ordering UNCONFIRMED),
 * filtered by `success`, `from`/`to` (days of `timestamp_created`, UTC, both inclusive) and `search` (lead email
 * substring).
 */
function list(ctx: ApiContext): unknown {
  const q = parseOr400(listQuery, ctx.query, 'querystring');
  const needle = q.search?.toLowerCase();
  const items = ctx.ws.deliveries.filter((d) => {
    const dayOf = d.timestamp_created.slice(0, 10);
    return (
      (q.success === undefined || String(d.success) === q.success) &&
      (q.from === undefined || dayOf >= q.from) &&
      (q.to === undefined || dayOf <= q.to) &&
      (needle === undefined || (d.lead_email ?? '').toLowerCase().includes(needle))
    );
  });
  const page = paginate(items, (d) => d.id, q.limit, q.starting_after);
  return copy({ ...page, items: page.items.map(eventView) });
}

function getOne(ctx: ApiContext): unknown {
  const id = idParam(ctx);
  const found = ctx.ws.deliveries.find((d) => d.id === id);
  if (!found) throw notFound('Webhook event');
  return copy(eventView(found));
}

/** Registers `/webhook-events` routes. */
export function registerWebhookEventRoutes(router: Router<ApiHandler>): void {
  router.add('GET', '/webhook-events', list).add('GET', '/webhook-events/:id', getOne);
}
