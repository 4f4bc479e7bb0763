import { z } from 'zod';
import { notFound } from '../core/errors';
import { isoNow, uuidv7 } from '../core/ids';
import { byId, paginate, queryLimit } from '../core/pagination';
import { parseOr400 } from '../core/validation';
import type { ApiContext, ApiHandler } from '../context';
import type { Router } from '../http/router';
import type { LeadListRecord } from '../types';
import { copy, cursor, idParam } from './common';

const createSchema = z.strictObject({
  name: z.string().min(1),
  has_enrichment_task: z.boolean().nullable().optional(),
  owned_by: z.string().nullable().optional(),
});

const listQuery = z.strictObject({
  limit: queryLimit,
  starting_after: cursor,
  search: z.string().optional(),
  has_enrichment_task: z.enum(['true', 'false']).optional(),
});

function listOf(ctx: ApiContext): LeadListRecord {
  const list = ctx.ws.lists.get(idParam(ctx));
  if (!list) throw notFound('Lead list');
  return list;
}

function create(ctx: ApiContext): LeadListRecord {
  const body = parseOr400(createSchema, ctx.body, 'body');
  const list: LeadListRecord = {
    id: uuidv7(),
    organization_id: ctx.ws.id,
    has_enrichment_task: body.has_enrichment_task ?? false,
    owned_by: body.owned_by ?? null,
    name: body.name,
    timestamp_created: isoNow(),
  };
  ctx.ws.lists.set(list.id, list);
  return copy(list);
}

function list(ctx: ApiContext): unknown {
  const q = parseOr400(listQuery, ctx.query, 'querystring');
  const needle = q.search?.toLowerCase();
  const items = byId(ctx.ws.lists.values()).filter(
    (l) =>
      (needle === undefined || l.name.toLowerCase().includes(needle)) &&
      (q.has_enrichment_task === undefined || String(l.has_enrichment_task) === q.has_enrichment_task),
  );
  return copy(paginate(items, (l) => l.id, q.limit, q.starting_after));
}

/** Deleting a list deletes its leads too (UNCONFIRMED). */
function remove(ctx: ApiContext): LeadListRecord {
  const target = listOf(ctx);
  for (const lead of [...ctx.ws.leads.values()]) if (lead.list_id === target.id) ctx.ws.removeLead(lead.id);
  ctx.ws.lists.delete(target.id);
  return copy(target);
}

/** Registers minimal `/lead-lists` routes (needed for `list_id` targets). */
export function registerLeadListRoutes(router: Router<ApiHandler>): void {
  router
    .add('POST', '/lead-lists', create)
    .add('GET', '/lead-lists', list)
    .add('GET', '/lead-lists/:id', (ctx) => copy(listOf(ctx)))
    .add('DELETE', '/lead-lists/:id', remove);
}
