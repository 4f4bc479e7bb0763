import { z } from 'zod';
import { badRequest } from '../core/errors';
import { paginate, queryLimit } from '../core/pagination';
import { parseOr400 } from '../core/validation';
import type { ApiContext, ApiHandler } from '../context';
import type { Router } from '../http/router';
import { copy, cursor } from './common';

// The document: `{ bl_value }` only, additionalProperties false.
const createSchema = z.strictObject({ bl_value: z.string().max(320) });

const listQuery = z.strictObject({
  limit: queryLimit,
  starting_after: cursor,
  domains_only: z.enum(['true', 'false']).optional(),
  search: z.string().max(320).optional(),
});

/**
 * `POST /api/v2/block-lists-entries` → 200 `BlockListEntry`. A value already blocked answers its existing entry
 * (what Instantly does with a duplicate is UNCONFIRMED; the simulator keeps one entry per value).
 */
function createEntry(ctx: ApiContext): unknown {
  const body = parseOr400(createSchema, ctx.body, 'body');
  if (body.bl_value.trim().replace(/^@/, '') === '') throw badRequest('body/bl_value must not be empty');
  return copy(ctx.ws.blocklist.addEntry(body.bl_value));
}

/** `GET /api/v2/block-lists-entries`: entries in creation order; `search` = substring of the value. */
function listEntries(ctx: ApiContext): unknown {
  const q = parseOr400(listQuery, ctx.query, 'querystring');
  const search = q.search?.trim().toLowerCase();
  const items = ctx.ws.blocklist
    .records()
    .filter((e) => (q.domains_only !== 'true' || e.is_domain) && (!search || e.bl_value.includes(search)));
  return copy(paginate(items, (e) => e.id, q.limit, q.starting_after));
}

/** Registers `/block-lists-entries` routes. */
export function registerBlockListRoutes(router: Router<ApiHandler>): void {
  router.add('POST', '/block-lists-entries', createEntry).add('GET', '/block-lists-entries', listEntries);
}
