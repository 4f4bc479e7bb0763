import type { SimEvent } from '../types';
import { countEvents, type EventCounts } from './analytics';

function rowCounters(c: EventCounts): Record<string, number> {
  return {
    sent: c.sent,
    opened: c.opens,
    unique_opened: c.uniqueOpens,
    replies: c.replies,
    unique_replies: c.uniqueReplies,
    replies_automatic: c.autoReplies,
    unique_replies_automatic: c.uniqueAutoReplies,
    clicks: c.clicks,
    unique_clicks: c.uniqueClicks,
  };
}

function groupBy(events: readonly SimEvent[], key: (e: SimEvent) => string | null): Map<string, SimEvent[]> {
  const groups = new Map<string, SimEvent[]>();
  for (const e of events) {
    const k = key(e);
    if (k === null) continue;
    const list = groups.get(k) ?? [];
    list.push(e);
    groups.set(k, list);
  }
  return groups;
}

/** `GET /campaigns/analytics/daily` rows, one per UTC date with activity, oldest first. */
export function dailyAnalytics(events: readonly SimEvent[]): Array<Record<string, unknown>> {
  const firstSend = new Map<string, string>();
  for (const e of events) {
    if (e.type === 'email_sent' && e.leadId && !firstSend.has(e.leadId))
      firstSend.set(e.leadId, e.at.slice(0, 10));
  }
  const days = groupBy(events, (e) => (e.type === 'campaign_completed' ? null : e.at.slice(0, 10)));
  return [...days.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([date, list]) => {
      const c = countEvents(list);
      const fresh = [...firstSend.values()].filter((d) => d === date).length;
      return {
        date,
        ...rowCounters(c),
        contacted: c.contacted,
        new_leads_contacted: fresh,
        opportunities: 0,
        unique_opportunities: 0,
      };
    });
}

/**
 * `GET /campaigns/analytics/steps` rows. `step` and `variant` are strings and both 0-based: variant 0-based is
 * documented; the step base is UNCONFIRMED and the simulator picks 0-based (same indexing as the variant).
 */
export function stepAnalytics(
  events: readonly SimEvent[],
  withOpportunities: boolean,
): Array<Record<string, unknown>> {
  const groups = groupBy(events, (e) => (e.step === null ? null : `${e.step}:${e.variant ?? 0}`));
  return [...groups.entries()]
    .map(([key, list]) => {
      const [step = '0', variant = '0'] = key.split(':');
      const row: Record<string, unknown> = { step, variant, ...rowCounters(countEvents(list)) };
      if (withOpportunities) Object.assign(row, { opportunities: 0, unique_opportunities: 0 });
      return row;
    })
    .sort((a, b) => Number(a.step) - Number(b.step) || Number(a.variant) - Number(b.variant));
}
