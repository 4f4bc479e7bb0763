import { z } from 'zod';
import { badRequest } from '../core/errors';
import { bodyLimit, byId, paginate } from '../core/pagination';
import { parseOr400 } from '../core/validation';
import type { ApiContext } from '../context';
import { leadView } from '../state/lead-view';
import type { LeadRecord } from '../types';
import { copy, uuid } from './common';

/** `filter` values the simulator models; others are documented but answered 400 "not supported". */
const FILTERS: Record<string, (l: LeadRecord) => boolean> = {
  FILTER_VAL_CONTACTED: (l) => l.timestamp_last_contact !== null,
  FILTER_VAL_NOT_CONTACTED: (l) => l.timestamp_last_contact === null,
  FILTER_VAL_COMPLETED: (l) => l.status === 3,
  FILTER_VAL_UNSUBSCRIBED: (l) => l.status === -2,
  FILTER_VAL_ACTIVE: (l) => l.status === 1,
  FILTER_VAL_BOUNCED: (l) => l.status === -1,
  FILTER_VAL_REPLIED: (l) => l.email_reply_count > 0,
  FILTER_VAL_LINK_CLICKED: (l) => l.email_click_count > 0,
  FILTER_LEAD_INTERESTED: (l) => l.lt_interest_status === 1,
};

const UNMODELLED = [
  'queries',
  'organization_user_ids',
  'smart_view_id',
  'is_website_visitor',
  'distinct_contacts',
  'enrichment_status',
  'esg_code',
] as const;

const listSchema = z.strictObject({
  search: z.string().optional(),
  filter: z.string().optional(),
  campaign: uuid.optional(),
  list_id: uuid.optional(),
  in_campaign: z.boolean().optional(),
  in_list: z.boolean().optional(),
  ids: z.array(uuid).optional(),
  excluded_ids: z.array(uuid).optional(),
  contacts: z.array(z.string()).optional(),
  limit: bodyLimit,
  starting_after: uuid.optional(),
  ...Object.fromEntries(UNMODELLED.map((k) => [k, z.unknown().optional()])),
});

type ListBody = z.output<typeof listSchema>;

function matcher(q: ListBody): (l: LeadRecord) => boolean {
  const needle = q.search?.toLowerCase();
  const contacts = q.contacts && new Set(q.contacts.map((c) => c.toLowerCase()));
  const filter = q.filter === undefined ? undefined : FILTERS[q.filter];
  return (l) =>
    (q.campaign === undefined || l.campaign === q.campaign) &&
    (q.list_id === undefined || l.list_id === q.list_id) &&
    (q.in_campaign === undefined || (l.campaign !== null) === q.in_campaign) &&
    (q.in_list === undefined || (l.list_id !== null) === q.in_list) &&
    (q.ids === undefined || q.ids.includes(l.id)) &&
    (q.excluded_ids === undefined || !q.excluded_ids.includes(l.id)) &&
    (contacts === undefined || contacts.has((l.email ?? '').toLowerCase())) &&
    (filter === undefined || filter(l)) &&
    (needle === undefined ||
      [l.email, l.first_name, l.last_name].some((v) => v?.toLowerCase().includes(needle)));
}

/** `POST /api/v2/leads/list`: filters and pagination in the JSON body; ordered by creation (id). */
export function listLeads(ctx: ApiContext): unknown {
  const q = parseOr400(listSchema, ctx.body ?? {}, 'body');
  for (const key of UNMODELLED) {
    if ((q as Record<string, unknown>)[key] !== undefined)
      throw badRequest(`body/${key} is not supported by the simulator`);
  }
  if (q.filter !== undefined && !FILTERS[q.filter])
    throw badRequest(`body/filter value ${q.filter} is not supported by the simulator`);
  const items = byId(ctx.ws.leads.values()).filter(matcher(q));
  const page = paginate(items, (l) => l.id, q.limit, q.starting_after);
  return copy({ ...page, items: page.items.map(leadView) });
}
