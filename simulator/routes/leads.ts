import { z } from 'zod';
import { badRequest, notFound } from '../core/errors';
import { parseOr400 } from '../core/validation';
import type { ApiContext, ApiHandler } from '../context';
import type { Router } from '../http/router';
import { leadView } from '../state/lead-view';
import type { LeadTarget } from '../state/workspace';
import { copy, idParam } from './common';
import { createLeadSchema, isValidEmail, storeLead } from './lead-schema';
import { bulkAddLeads } from './leads-bulk';
import { listLeads } from './leads-list';
import { updateInterestStatus } from './leads-interest';
import { moveLeads } from './leads-move';

type CreateBody = z.output<typeof createLeadSchema>;

function targetOf(ctx: ApiContext, body: CreateBody): LeadTarget {
  if (body.campaign && body.list_id) throw badRequest("body must have only one of 'campaign' or 'list_id'");
  if (body.campaign && !ctx.ws.campaigns.has(body.campaign)) throw notFound('Campaign');
  if (body.list_id && !ctx.ws.lists.has(body.list_id)) throw notFound('Lead list');
  if (body.campaign && !body.email) throw badRequest("body must have required property 'email'");
  if (body.list_id && !body.email && !body.first_name && !body.last_name) {
    throw badRequest("body must have at least one of 'email', 'first_name', 'last_name'");
  }
  return { campaign: body.campaign ?? null, list_id: body.list_id ?? null };
}

/**
 * What a duplicate/blocklisted/skipped single create returns is UNCONFIRMED (§3.2). The simulator is strict:
 * 400 for each, so a client cannot rely on `POST /leads` being idempotent (use `/leads/add` de-dupe).
 */
function refuse(ctx: ApiContext, body: CreateBody, target: LeadTarget): void {
  if (!body.email) return;
  const email = body.email.trim().toLowerCase();
  if (!isValidEmail(email)) throw badRequest('body/email must match format "email"');
  if (ctx.ws.blocklist.matches(email)) throw badRequest('Lead email is in the workspace blocklist');
  const { ws } = ctx;
  const anywhere = body.skip_if_in_workspace === true && (ws.inAnyCampaign(email) || ws.inAnyList(email));
  const flagged =
    (body.skip_if_in_campaign === true && ws.inAnyCampaign(email)) ||
    (body.skip_if_in_list === true && ws.inAnyList(email));
  if (anywhere || flagged) throw badRequest('Lead skipped: it already exists (skip_if_in_* flag)');
  if ((target.campaign || target.list_id) && ws.findLead(target, email)) {
    throw badRequest(
      `Lead with email ${email} already exists in this ${target.campaign ? 'campaign' : 'list'}`,
    );
  }
}

function createLead(ctx: ApiContext): Record<string, unknown> {
  const body = parseOr400(createLeadSchema, ctx.body, 'body');
  const target = targetOf(ctx, body);
  refuse(ctx, body, target);
  return copy(leadView(storeLead(ctx.ws, target, body, body.verify_leads_on_import === true)));
}

function getLead(ctx: ApiContext): Record<string, unknown> {
  const lead = ctx.ws.leads.get(idParam(ctx));
  if (!lead) throw notFound('Lead');
  return copy(leadView(lead));
}

/** Registers `/leads` routes. */
export function registerLeadRoutes(router: Router<ApiHandler>): void {
  router
    .add('POST', '/leads', createLead)
    .add('POST', '/leads/add', bulkAddLeads)
    .add('POST', '/leads/list', listLeads)
    .add('POST', '/leads/move', moveLeads)
    .add('POST', '/leads/update-interest-status', updateInterestStatus)
    .add('GET', '/leads/:id', getLead);
}
