import { z } from 'zod';
import { badRequest, notFound } from '../core/errors';
import { parseOr400 } from '../core/validation';
import type { ApiContext } from '../context';
import type { LeadTarget, WorkspaceState } from '../state/workspace';
import type { BackgroundJobRecord, LeadRecord } from '../types';
import { copy, uuid } from './common';
import { createJob } from './jobs';
import { storeLead, type LeadInput } from './lead-schema';

/** The subset of `POST /leads/move` (§6.1) the simulator models; other documented fields → 400 "not supported". */
const moveSchema = z.strictObject({
  ids: z.array(uuid).optional(),
  campaign: uuid.optional(),
  list_id: uuid.optional(),
  to_campaign_id: uuid.optional(),
  to_list_id: uuid.optional(),
  copy_leads: z.boolean().optional(),
  check_duplicates: z.boolean().optional(),
  check_duplicates_in_campaigns: z.boolean().optional(),
  limit: z.number().int().min(1).optional(),
});

type MoveBody = z.output<typeof moveSchema>;

function destination(ws: WorkspaceState, body: MoveBody): LeadTarget {
  if ((body.to_campaign_id === undefined) === (body.to_list_id === undefined)) {
    throw badRequest("body must have exactly one of 'to_campaign_id' or 'to_list_id'");
  }
  if (body.to_campaign_id && !ws.campaigns.has(body.to_campaign_id)) throw notFound('Campaign');
  if (body.to_list_id && !ws.lists.has(body.to_list_id)) throw notFound('Lead list');
  return { campaign: body.to_campaign_id ?? null, list_id: body.to_list_id ?? null };
}

function selected(ws: WorkspaceState, body: MoveBody): LeadRecord[] {
  if (!body.ids && !body.campaign && !body.list_id)
    throw badRequest("body must have one of 'ids', 'campaign' or 'list_id'");
  const leads = [...ws.leads.values()].filter(
    (l) =>
      (!body.ids || body.ids.includes(l.id)) &&
      (!body.campaign || l.campaign === body.campaign) &&
      (!body.list_id || l.list_id === body.list_id),
  );
  return body.limit ? leads.slice(0, body.limit) : leads;
}

function asInput(lead: LeadRecord): LeadInput {
  return {
    email: lead.email,
    first_name: lead.first_name,
    last_name: lead.last_name,
    company_name: lead.company_name,
    job_title: lead.job_title,
    phone: lead.phone,
    website: lead.website,
    personalization: lead.personalization,
    pl_value_lead: lead.pl_value_lead,
    assigned_to: lead.assigned_to,
    lt_interest_status: lead.lt_interest_status ?? undefined,
    custom_variables: { ...lead.custom_variables },
  };
}

function perform(
  ws: WorkspaceState,
  body: MoveBody,
  leads: LeadRecord[],
  to: LeadTarget,
): Record<string, unknown> {
  const moved: string[] = [];
  const dedupe = body.check_duplicates === true || body.check_duplicates_in_campaigns === true;
  for (const lead of leads) {
    if (!ws.leads.has(lead.id)) continue;
    if (lead.email && dedupe && ws.findLead(to, lead.email)) continue;
    if (body.copy_leads === true) storeLead(ws, to, asInput(lead), false);
    else ws.moveLead(lead, to);
    if (lead.email) moved.push(lead.email);
  }
  return { moved_lead_emails: moved };
}

/**
 * `POST /api/v2/leads/move` → a `move-leads` background job (200). Leads are selected now and moved when the job
 * reaches `success` (on the second `GET /background-jobs/{id}`), so a client must poll before relying on it.
 */
export function moveLeads(ctx: ApiContext): BackgroundJobRecord {
  const body = parseOr400(moveSchema, ctx.body, 'body');
  const to = destination(ctx.ws, body);
  const leads = selected(ctx.ws, body);
  const entity = to.campaign
    ? { entity_id: to.campaign, entity_type: 'campaign' }
    : { entity_id: to.list_id, entity_type: 'list' };
  const job = createJob(ctx.ws, { type: 'move-leads', ...entity }, () => perform(ctx.ws, body, leads, to));
  return copy(job);
}
