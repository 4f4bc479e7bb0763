import { z } from 'zod';
import { bodyLimit, byId, paginate } from '../core/pagination';
import { parseOr400 } from '../core/validation';
import type { ApiContext } from '../context';
import { leadView } from '../state/lead-view';
import type { LeadRecord } from '../types';
import { copy, cursor, uuid } from './common';
import { leadFilter } from './lead-filters';

const listSchema = z.object({
  search: z.string().optional(),
  filter: z.string().optional(),
  campaign: uuid.optional(),
  list_id: uuid.optional(),
  in_campaign: z.boolean().optional(),
  in_list: z.boolean().optional(),
  ids: z.array(uuid).optional(),
  excluded_ids: z.array(uuid).optional(),
  contacts: z.array(z.email({ message: 'must match format "email"' })).optional(),
  limit: bodyLimit,
  starting_after: cursor,
  // Smart views are not modelled: a view id matches nothing; `queries` are accepted and not applied.
  queries: z.array(z.looseObject({ actionType: z.string(), values: z.unknown() })).optional(),
  organization_user_ids: z.array(uuid).optional(),
  smart_view_id: uuid.optional(),
  is_website_visitor: z.boolean().optional(),
  distinct_contacts: z.boolean().optional(),
  enrichment_status: z.union([z.literal(1), z.literal(-1), z.literal(11), z.literal(-2)]).optional(),
  esg_code: z.enum(['0', '1', '2', '3', '4', 'all', 'none']).optional(),
});

type ListBody = z.output<typeof listSchema>;

function matcher(q: ListBody): (l: LeadRecord) => boolean {
  const needle = q.search?.toLowerCase();
  const contacts = q.contacts && new Set(q.contacts.map((c) => c.toLowerCase()));
  const filter = leadFilter(q.filter);
  return (l) =>
    (q.campaign === undefined || l.campaign === q.campaign) &&
    (q.list_id === undefined || l.list_id === q.list_id) &&
    (q.in_campaign === undefined || (l.campaign !== null) === q.in_campaign) &&
    (q.in_list === undefined || (l.list_id !== null) === q.in_list) &&
    (q.ids === undefined || q.ids.includes(l.id)) &&
    (q.excluded_ids === undefined || !q.excluded_ids.includes(l.id)) &&
    (contacts === undefined || contacts.has((l.email ?? '').toLowerCase())) &&
    filter(l) &&
    (q.organization_user_ids === undefined || q.organization_user_ids.includes(l.assigned_to ?? '')) &&
    q.smart_view_id === undefined &&
    (q.is_website_visitor === undefined ||
      (l.upload_method === 'website-visitor') === q.is_website_visitor) &&
    q.enrichment_status === undefined &&
    (q.esg_code === undefined || q.esg_code === 'all' || q.esg_code === 'none') &&
    (needle === undefined ||
      [l.email, l.first_name, l.last_name].some((v) => v?.toLowerCase().includes(needle)));
}

/**
 * `POST /api/v2/leads/list`: filters and pagination in the JSON body; ordered by creation (id). Leads are never
 * enriched and carry no ESG code in the simulator, so an enrichment filter matches nothing and an ESG filter
 * matches everything for `all`/`none` and nothing for a specific provider.
 */
export function listLeads(ctx: ApiContext): unknown {
  const q = parseOr400(listSchema, ctx.body ?? {}, 'body');
  const items = byId(ctx.ws.leads.values()).filter(matcher(q));
  const page = paginate(items, (l) => l.id, q.limit, q.starting_after);
  return copy({ ...page, items: page.items.map(leadView) });
}
