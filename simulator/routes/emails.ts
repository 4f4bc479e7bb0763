import { z } from 'zod';
import { notFound } from '../core/errors';
import { DEFAULT_LIMIT, queryLimit } from '../core/pagination';
import { parseOr400 } from '../core/validation';
import type { ApiContext, ApiHandler } from '../context';
import type { Router } from '../http/router';
import type { SimEvent } from '../types';
import { copy, cursor, idParam, uuid } from './common';

const flag = z.enum(['true', 'false']).optional();
const text = z.string().optional();

/** Every documented query parameter of `GET /emails` (unknown ones are a 400, as AJV would answer). */
const listQuery = z.strictObject({
  limit: queryLimit,
  starting_after: cursor,
  search: text,
  campaign_id: uuid.optional(),
  list_id: uuid.optional(),
  i_status: z.coerce.number().optional(),
  eaccount: text,
  is_unread: flag,
  has_reminder: flag,
  mode: z.enum(['emode_focused', 'emode_others', 'emode_all']).optional(),
  preview_only: flag,
  sort_order: z.enum(['asc', 'desc']).optional(),
  scheduled_only: flag,
  assigned_to: text,
  lead: text,
  company_domain: text,
  marked_as_done: flag,
  email_type: z.enum(['received', 'sent', 'manual']).optional(),
  min_timestamp_created: text,
  max_timestamp_created: text,
  latest_of_thread: flag,
});

const RECEIVED = new Set(['reply_received', 'auto_reply_received']);

/** The document's `Email` for a played send (ue_type 1) or reply (ue_type 2); ids are the events' email ids. */
function emailView(ws: ApiContext['ws'], e: SimEvent & { emailId: string }): Record<string, unknown> {
  const received = RECEIVED.has(e.type);
  const bodyText = (received ? e.replyText : e.body) ?? '';
  return {
    id: e.emailId,
    timestamp_created: e.at,
    timestamp_email: e.at,
    message_id: `<${e.emailId}@sim.instantly.test>`,
    subject: (received ? e.replySubject : e.subject) ?? '',
    from_address_email: received ? e.email : e.emailAccount,
    to_address_email_list: (received ? e.emailAccount : e.email) ?? '',
    body: received
      ? { text: bodyText, html: `<div>${bodyText.replace(/\n/g, '<br />')}</div>` }
      : { html: bodyText },
    organization_id: ws.id,
    campaign_id: e.campaignId,
    lead: e.email,
    lead_id: e.leadId,
    eaccount: e.emailAccount ?? '',
    ue_type: received ? 2 : 1,
    step: e.step === null ? null : String(e.step + 1),
    is_auto_reply: e.type === 'auto_reply_received' ? 1 : 0,
    thread_id: e.emailId,
    content_preview: bodyText.replace(/\s+/g, ' ').slice(0, 100),
  };
}

function played(ctx: ApiContext): Array<SimEvent & { emailId: string }> {
  const all: Array<SimEvent & { emailId: string }> = [];
  for (const list of ctx.ws.events.values())
    for (const e of list)
      if (e.emailId !== null && (e.type === 'email_sent' || RECEIVED.has(e.type)))
        all.push(e as SimEvent & { emailId: string });
  return all;
}

/**
 * `GET /emails`: the played sends and replies of the workspace, filtered by campaign, lead (`lead` exact, or
 * `search` = lead e-mail), `email_type` and creation time; sorted by creation time (default newest first);
 * the cursor is the last item's id. Other filters are accepted and not applied (the simulator has no Unibox).
 */
function list(ctx: ApiContext): unknown {
  const q = parseOr400(listQuery, ctx.query, 'querystring');
  const lead = (q.lead ?? q.search)?.toLowerCase();
  const asc = q.sort_order === 'asc';
  const items = played(ctx)
    .filter(
      (e) =>
        (q.campaign_id === undefined || e.campaignId === q.campaign_id) &&
        (lead === undefined || (e.email ?? '').toLowerCase() === lead) &&
        (q.email_type === undefined || (q.email_type === 'received') === RECEIVED.has(e.type)) &&
        (q.min_timestamp_created === undefined || e.at >= q.min_timestamp_created) &&
        (q.max_timestamp_created === undefined || e.at <= q.max_timestamp_created),
    )
    .sort((a, b) => (a.at === b.at ? cmp(a.emailId, b.emailId) : cmp(a.at, b.at)) * (asc ? 1 : -1));
  const start =
    q.starting_after === undefined ? 0 : items.findIndex((e) => e.emailId === q.starting_after) + 1;
  const slice =
    start <= 0 && q.starting_after !== undefined
      ? []
      : items.slice(start, start + (q.limit ?? DEFAULT_LIMIT));
  const last = slice[slice.length - 1];
  const views = slice.map((e) => emailView(ctx.ws, e));
  return copy(last === undefined ? { items: [] } : { items: views, next_starting_after: last.emailId });
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function getOne(ctx: ApiContext): unknown {
  const id = idParam(ctx);
  const found = played(ctx).find((e) => e.emailId === id);
  if (!found) throw notFound('Email');
  return copy(emailView(ctx.ws, found));
}

/** Registers `GET /emails` and `GET /emails/:id`. */
export function registerEmailRoutes(router: Router<ApiHandler>): void {
  router.add('GET', '/emails', list).add('GET', '/emails/:id', getOne);
}
