import { badRequest, notFound } from '../core/errors';
import { parseOr400 } from '../core/validation';
import type { ApiContext } from '../context';
import type { LeadTarget, WorkspaceState } from '../state/workspace';
import { bulkAddSchema, isValidEmail, storeLead, type LeadInput } from './lead-schema';
import { createJob } from './jobs';
import type { z } from 'zod';

type BulkBody = z.output<typeof bulkAddSchema>;
type Counter =
  'in_blocklist' | 'duplicated_leads' | 'skipped_count' | 'invalid_email_count' | 'duplicate_email_count';

function targetOf(ws: WorkspaceState, body: BulkBody): LeadTarget {
  if ((body.campaign_id === undefined) === (body.list_id === undefined)) {
    throw badRequest("body must have exactly one of 'campaign_id' or 'list_id'");
  }
  if (body.campaign_id !== undefined && !ws.campaigns.has(body.campaign_id)) throw notFound('Campaign');
  if (body.list_id !== undefined && !ws.lists.has(body.list_id)) throw notFound('Lead list');
  return { campaign: body.campaign_id ?? null, list_id: body.list_id ?? null };
}

/** Incomplete leads are rejected with 400 (strict), so `incomplete_count` is always 0 in the simulator. */
function requireFields(body: BulkBody, target: LeadTarget): void {
  body.leads.forEach((lead, i) => {
    if (target.campaign && (lead.email === undefined || lead.email === null)) {
      throw badRequest(`body/leads/${i} must have required property 'email'`);
    }
    if (target.list_id && !lead.email && !lead.first_name && !lead.last_name) {
      throw badRequest(`body/leads/${i} must have at least one of 'email', 'first_name', 'last_name'`);
    }
  });
}

function skipped(ws: WorkspaceState, body: BulkBody, email: string): boolean {
  if (body.skip_if_in_workspace === true) return ws.inAnyCampaign(email) || ws.inAnyList(email);
  return (
    (body.skip_if_in_campaign === true && ws.inAnyCampaign(email)) ||
    (body.skip_if_in_list === true && ws.inAnyList(email))
  );
}

/**
 * Why a lead is not created, checked in this order: invalid syntax, repeated earlier in the same payload,
 * blocklisted (email or domain), a `skip_if_*` flag matched, already in the target campaign/list
 * (unique per target and lower-cased email). `null` = create it.
 */
function classify(
  ws: WorkspaceState,
  body: BulkBody,
  target: LeadTarget,
  lead: LeadInput,
  seen: Set<string>,
): Counter | null {
  if (lead.email === undefined || lead.email === null) return null;
  const email = lead.email.trim().toLowerCase();
  if (!isValidEmail(email)) return 'invalid_email_count';
  if (seen.has(email)) return 'duplicate_email_count';
  seen.add(email);
  if (ws.blocklist.matches(email)) return 'in_blocklist';
  if (skipped(ws, body, email)) return 'skipped_count';
  if (ws.findLead(target, email)) return 'duplicated_leads';
  return null;
}

function createdEntry(
  index: number,
  lead: {
    id: string;
    email: string | null;
    first_name: string | null;
    last_name: string | null;
    phone: string | null;
  },
): Record<string, unknown> {
  const entry: Record<string, unknown> = { index, id: lead.id };
  for (const key of ['email', 'first_name', 'last_name', 'phone'] as const)
    if (lead[key] !== null) entry[key] = lead[key];
  return entry;
}

/** `POST /api/v2/leads/add`: bulk add with Instantly's full counter summary (§3.3). */
export function bulkAddLeads(ctx: ApiContext): Record<string, unknown> {
  const { ws } = ctx;
  const body = parseOr400(bulkAddSchema, ctx.body, 'body');
  const target = targetOf(ws, body);
  requireFields(body, target);
  const counts: Record<Counter, number> = {
    in_blocklist: 0,
    duplicated_leads: 0,
    skipped_count: 0,
    invalid_email_count: 0,
    duplicate_email_count: 0,
  };
  const created: Array<Record<string, unknown>> = [];
  const createdIds: string[] = [];
  const seen = new Set<string>();
  body.leads.forEach((input, index) => {
    const reason = classify(ws, body, target, input, seen);
    if (reason !== null) {
      counts[reason] += 1;
      return;
    }
    const lead = storeLead(ws, target, input, body.verify_leads_on_import === true);
    created.push(createdEntry(index, lead));
    createdIds.push(lead.id);
  });
  if (body.verify_leads_on_import === true && createdIds.length > 0) verificationJob(ws, target, createdIds);
  return {
    status: 'success',
    total_sent: body.leads.length,
    leads_uploaded: created.length,
    ...counts,
    blocklist_used: body.blocklist_id ?? ws.blocklist.id,
    incomplete_count: 0,
    remaining_in_plan: Math.max(0, ws.leadPlanLimit - ws.leads.size),
    created_leads: created,
  };
}

/**
 * `verify_leads_on_import` creates an `import-leads` background job that marks the leads verified (1) when it
 * succeeds. The summary response carries no job id (whether the real one does is UNCONFIRMED); the job is
 * listed by `GET /background-jobs` and in state.
 */
function verificationJob(ws: WorkspaceState, target: LeadTarget, ids: string[]): void {
  const entity = target.campaign
    ? { entity_id: target.campaign, entity_type: 'campaign' }
    : { entity_id: target.list_id, entity_type: 'list' };
  createJob(ws, { type: 'import-leads', ...entity, data: { lead_ids: ids } }, () => {
    for (const id of ids) {
      const lead = ws.leads.get(id);
      if (lead) lead.verification_status = 1;
    }
    return { verified_count: ids.length };
  });
}
