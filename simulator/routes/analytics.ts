import { z } from 'zod';
import { ApiError } from '../core/errors';
import { parseOr400 } from '../core/validation';
import type { ApiContext, ApiHandler } from '../context';
import type { Router } from '../http/router';
import { campaignAnalytics, countEvents, counterFields, inDateRange } from '../state/analytics';
import { dailyAnalytics, stepAnalytics } from '../state/analytics-breakdown';
import type { WorkspaceState } from '../state/workspace';
import type { CampaignRecord, SimEvent } from '../types';
import { queryList, uuid } from './common';

/**
 * The document types the analytics dates as plain strings (its examples are `YYYY-MM-DD`), so any string is
 * accepted: a date or timestamp counts by its UTC day; an empty or unreadable one is ignored (no bound).
 */
const date = z
  .string()
  .optional()
  .transform((s) => {
    if (s === undefined || s.trim() === '') return undefined;
    if (/^\d{4}-\d{2}-\d{2}$/.test(s)) return s;
    const at = Date.parse(s);
    return Number.isNaN(at) ? undefined : new Date(at).toISOString().slice(0, 10);
  });
const STATUSES = [-99, -1, -2, 0, 1, 2, 3, 4];
const campaignStatus = z.coerce
  .number()
  .refine((n) => STATUSES.includes(n), { message: 'must be equal to one of the allowed values' })
  .optional();
const bool = z.enum(['true', 'false']).optional();
const ids = z.union([uuid, z.array(uuid)]).optional();
const range = { start_date: date, end_date: date };

/** Unknown query parameters are rejected (strict): `?id=` on the daily/steps endpoints is a classic mistake. */
const analyticsQuery = z.strictObject({
  id: uuid.optional(),
  ids,
  ...range,
  exclude_total_leads_count: bool,
});
const overviewQuery = z.strictObject({
  id: uuid.optional(),
  ids,
  ...range,
  campaign_status: campaignStatus,
  expand_crm_events: bool,
});
const dailyQuery = z.strictObject({
  campaign_id: uuid.optional(),
  ...range,
  campaign_status: campaignStatus,
});
const stepsQuery = z.strictObject({
  campaign_id: uuid.optional(),
  ...range,
  include_opportunities_count: bool,
});

function checkRange(q: { start_date?: string; end_date?: string }): void {
  if (q.start_date && q.end_date && q.start_date > q.end_date) {
    throw new ApiError(400, 'Start Date must be earlier than End Date', {
      bare: { message: 'Start Date must be earlier than End Date' },
    });
  }
}

function campaigns(ws: WorkspaceState, wanted: string[]): CampaignRecord[] {
  const all = [...ws.campaigns.values()].sort((a, b) => (a.id < b.id ? -1 : 1));
  return wanted.length === 0 ? all : all.filter((c) => wanted.includes(c.id));
}

function eventsOf(
  ws: WorkspaceState,
  list: CampaignRecord[],
  q: { start_date?: string; end_date?: string },
): SimEvent[] {
  return list.flatMap((c) => inDateRange(ws.events.get(c.id) ?? [], q.start_date, q.end_date));
}

/** `GET /campaigns/analytics`: an array with one object per campaign that has sent (empty `[]` before any send). */
function perCampaign(ctx: ApiContext): unknown {
  const q = parseOr400(analyticsQuery, ctx.query, 'querystring');
  checkRange(q);
  const wanted = q.id ? [q.id] : queryList(q.ids);
  return campaigns(ctx.ws, wanted)
    .map((c) => ({ c, events: eventsOf(ctx.ws, [c], q) }))
    .filter(({ events }) => events.some((e) => e.type === 'email_sent'))
    .map(({ c, events }) => {
      const leads = ctx.ws.leadsOfCampaign(c.id);
      const completed = leads.filter((l) => l.status === 3).length;
      return campaignAnalytics(
        c,
        events,
        q.exclude_total_leads_count === 'true' ? 0 : leads.length,
        completed,
      );
    });
}

/** `GET /campaigns/analytics/overview`: one aggregate object (zeros before any send). */
function overview(ctx: ApiContext): unknown {
  const q = parseOr400(overviewQuery, ctx.query, 'querystring');
  checkRange(q);
  const list = campaigns(ctx.ws, q.id ? [q.id] : queryList(q.ids));
  const completed = list.flatMap((c) => ctx.ws.leadsOfCampaign(c.id)).filter((l) => l.status === 3).length;
  return {
    ...counterFields(countEvents(eventsOf(ctx.ws, list, q))),
    completed_count: completed,
    total_interested: 0,
    total_meeting_booked: 0,
    total_meeting_completed: 0,
    total_closed: 0,
  };
}

function daily(ctx: ApiContext): unknown {
  const q = parseOr400(dailyQuery, ctx.query, 'querystring');
  checkRange(q);
  return dailyAnalytics(eventsOf(ctx.ws, campaigns(ctx.ws, q.campaign_id ? [q.campaign_id] : []), q));
}

function steps(ctx: ApiContext): unknown {
  const q = parseOr400(stepsQuery, ctx.query, 'querystring');
  checkRange(q);
  const events = eventsOf(ctx.ws, campaigns(ctx.ws, q.campaign_id ? [q.campaign_id] : []), q);
  return stepAnalytics(events, q.include_opportunities_count === 'true');
}

/** Registers the analytics routes (all under `/campaigns/analytics…`; there is no per-campaign path). */
export function registerAnalyticsRoutes(router: Router<ApiHandler>): void {
  router
    .add('GET', '/campaigns/analytics', perCampaign)
    .add('GET', '/campaigns/analytics/overview', overview)
    .add('GET', '/campaigns/analytics/daily', daily)
    .add('GET', '/campaigns/analytics/steps', steps);
}
