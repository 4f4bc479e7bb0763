import type { SimEvent } from '../types';

/** What really happened to one lead in a campaign (simulated-clock ISO timestamps; first occurrences). */
export interface LeadTruth {
  leadId: string;
  email: string;
  sentAt: string | null;
  openedAt: string | null;
  clickedAt: string | null;
  /** First human reply (auto-replies are not replies). */
  repliedAt: string | null;
  replyText: string | null;
  replySubject: string | null;
  bounced: boolean;
  unsubscribed: boolean;
  autoReplied: boolean;
  stepsSent: number;
  opens: number;
  clicks: number;
}

/** Unique-lead totals plus raw event counts by payload `event_type`. */
export interface GroundTruthTotals {
  sent: number;
  opened: number;
  clicked: number;
  replied: number;
  autoReplied: number;
  bounced: number;
  unsubscribed: number;
  events: Record<string, number>;
  eventsTotal: number;
}

/** `state.groundTruth(campaignId)`: per lead email (lower-cased) plus totals. */
export interface GroundTruth {
  campaignId: string;
  completed: boolean;
  leads: Record<string, LeadTruth>;
  totals: GroundTruthTotals;
}

function blank(e: SimEvent): LeadTruth {
  return {
    leadId: e.leadId ?? '',
    email: e.email ?? '',
    sentAt: null,
    openedAt: null,
    clickedAt: null,
    repliedAt: null,
    replyText: null,
    replySubject: null,
    bounced: false,
    unsubscribed: false,
    autoReplied: false,
    stepsSent: 0,
    opens: 0,
    clicks: 0,
  };
}

function applyTo(t: LeadTruth, e: SimEvent): void {
  switch (e.type) {
    case 'email_sent':
      t.sentAt ??= e.at;
      t.stepsSent += 1;
      break;
    case 'email_opened':
      t.openedAt ??= e.at;
      t.opens += 1;
      break;
    case 'link_clicked':
      t.clickedAt ??= e.at;
      t.clicks += 1;
      break;
    case 'reply_received':
      if (t.repliedAt === null)
        Object.assign(t, { repliedAt: e.at, replyText: e.replyText, replySubject: e.replySubject });
      break;
    case 'auto_reply_received':
      t.autoReplied = true;
      break;
    case 'email_bounced':
      t.bounced = true;
      break;
    case 'lead_unsubscribed':
      t.unsubscribed = true;
      break;
    default:
      break;
  }
}

function totalsOf(leads: LeadTruth[], events: readonly SimEvent[]): GroundTruthTotals {
  const byType: Record<string, number> = {};
  for (const e of events) byType[e.type] = (byType[e.type] ?? 0) + 1;
  const count = (pred: (t: LeadTruth) => boolean): number => leads.filter(pred).length;
  return {
    sent: count((t) => t.sentAt !== null),
    opened: count((t) => t.openedAt !== null),
    clicked: count((t) => t.clickedAt !== null),
    replied: count((t) => t.repliedAt !== null),
    autoReplied: count((t) => t.autoReplied),
    bounced: count((t) => t.bounced),
    unsubscribed: count((t) => t.unsubscribed),
    events: byType,
    eventsTotal: events.length,
  };
}

/** Computes the ground truth of a campaign from its story events. */
export function computeGroundTruth(campaignId: string, events: readonly SimEvent[]): GroundTruth {
  const leads = new Map<string, LeadTruth>();
  for (const e of events) {
    if (!e.email) continue;
    const key = e.email.toLowerCase();
    const truth = leads.get(key) ?? blank(e);
    applyTo(truth, e);
    leads.set(key, truth);
  }
  return {
    campaignId,
    completed: events.some((e) => e.type === 'campaign_completed'),
    leads: Object.fromEntries(leads),
    totals: totalsOf([...leads.values()], events),
  };
}
