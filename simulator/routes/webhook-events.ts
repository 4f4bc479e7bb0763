import { z } from 'zod';
import { notFound } from '../core/errors';
import { paginate, queryLimit } from '../core/pagination';
import { parseOr400 } from '../core/validation';
import type { ApiContext, ApiHandler } from '../context';
import type { Router } from '../http/router';
import { copy, idParam, uuid } from './common';

const dateTime = z
  .string()
  .refine((s) => !Number.isNaN(Date.parse(s)), { message: 'must match format "date-time"' })
  .optional();

const listQuery = z.strictObject({
  limit: queryLimit,
  starting_after: uuid.optional(),
  success: z.enum(['true', 'false']).optional(),
  from: dateTime,
  to: dateTime,
  search: z.string().optional(),
});

/**
 * `GET /webhook-events`: the delivery log, one item per attempt, oldest first (ordering UNCONFIRMED),
 * filtered by `success`, `from`/`to` (on `timestamp_created`, inclusive) and `search` (lead email substring).
 */
function list(ctx: ApiContext): unknown {
  const q = parseOr400(listQuery, ctx.query, 'querystring');
  const from = q.from === undefined ? -Infinity : Date.parse(q.from);
  const to = q.to === undefined ? Infinity : Date.parse(q.to);
  const needle = q.search?.toLowerCase();
  const items = ctx.ws.deliveries.filter((d) => {
    const at = Date.parse(d.timestamp_created);
    return (
      (q.success === undefined || String(d.success) === q.success) &&
      at >= from &&
      at <= to &&
      (needle === undefined || (d.lead_email ?? '').toLowerCase().includes(needle))
    );
  });
  return copy(paginate(items, (d) => d.id, q.limit, q.starting_after));
}

function getOne(ctx: ApiContext): unknown {
  const id = idParam(ctx);
  const found = ctx.ws.deliveries.find((d) => d.id === id);
  if (!found) throw notFound('Webhook event');
  return copy(found);
}

/** Registers `/webhook-events` routes. */
export function registerWebhookEventRoutes(router: Router<ApiHandler>): void {
  router.add('GET', '/webhook-events', list).add('GET', '/webhook-events/:id', getOne);
}
