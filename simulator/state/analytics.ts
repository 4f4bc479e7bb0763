import type { CampaignRecord, SimEvent, StoryEventType } from '../types';

/** Counters computed from story events (what the simulator "sent" and what leads did). */
export interface EventCounts {
  sent: number;
  contacted: number;
  newLeadsContacted: number;
  opens: number;
  uniqueOpens: number;
  uniqueOpensByStep: number;
  replies: number;
  uniqueReplies: number;
  uniqueRepliesByStep: number;
  autoReplies: number;
  uniqueAutoReplies: number;
  uniqueAutoRepliesByStep: number;
  clicks: number;
  uniqueClicks: number;
  uniqueClicksByStep: number;
  bounced: number;
  unsubscribed: number;
}

function ofType(events: readonly SimEvent[], type: StoryEventType): SimEvent[] {
  return events.filter((e) => e.type === type);
}

function unique(events: readonly SimEvent[], byStep = false): number {
  return new Set(events.map((e) => (byStep ? `${e.leadId ?? ''}#${e.step ?? ''}` : (e.leadId ?? '')))).size;
}

/** Counts a list of events (already filtered to a campaign/date/step as needed). */
export function countEvents(events: readonly SimEvent[]): EventCounts {
  const sent = ofType(events, 'email_sent');
  const opens = ofType(events, 'email_opened');
  const replies = ofType(events, 'reply_received');
  const auto = ofType(events, 'auto_reply_received');
  const clicks = ofType(events, 'link_clicked');
  return {
    sent: sent.length,
    contacted: unique(sent),
    newLeadsContacted: unique(sent.filter((e) => e.step === 0)),
    opens: opens.length,
    uniqueOpens: unique(opens),
    uniqueOpensByStep: unique(opens, true),
    replies: replies.length,
    uniqueReplies: unique(replies),
    uniqueRepliesByStep: unique(replies, true),
    autoReplies: auto.length,
    uniqueAutoReplies: unique(auto),
    uniqueAutoRepliesByStep: unique(auto, true),
    clicks: clicks.length,
    uniqueClicks: unique(clicks),
    uniqueClicksByStep: unique(clicks, true),
    bounced: unique(ofType(events, 'email_bounced')),
    unsubscribed: unique(ofType(events, 'lead_unsubscribed')),
  };
}

/** Keeps events whose UTC date lies in [start, end] (`YYYY-MM-DD`, both optional). */
export function inDateRange(events: readonly SimEvent[], start?: string, end?: string): SimEvent[] {
  return events.filter((e) => {
    const day = e.at.slice(0, 10);
    return (start === undefined || day >= start) && (end === undefined || day <= end);
  });
}

/** The counter fields shared by the per-campaign object and the overview (§4). */
export function counterFields(c: EventCounts): Record<string, number> {
  return {
    contacted_count: c.contacted,
    emails_sent_count: c.sent,
    new_leads_contacted_count: c.newLeadsContacted,
    open_count: c.opens,
    open_count_unique: c.uniqueOpens,
    open_count_unique_by_step: c.uniqueOpensByStep,
    reply_count: c.replies,
    reply_count_unique: c.uniqueReplies,
    reply_count_unique_by_step: c.uniqueRepliesByStep,
    reply_count_automatic: c.autoReplies,
    reply_count_automatic_unique: c.uniqueAutoReplies,
    reply_count_automatic_unique_by_step: c.uniqueAutoRepliesByStep,
    link_click_count: c.clicks,
    link_click_count_unique: c.uniqueClicks,
    link_click_count_unique_by_step: c.uniqueClicksByStep,
    bounced_count: c.bounced,
    unsubscribed_count: c.unsubscribed,
    total_opportunities: 0,
    total_opportunity_value: 0,
  };
}

/** One element of `GET /campaigns/analytics` (§4). `completedLeads` = leads with status 3. */
export function campaignAnalytics(
  campaign: CampaignRecord,
  events: readonly SimEvent[],
  leadsCount: number,
  completedLeads: number,
): Record<string, unknown> {
  return {
    campaign_name: campaign.name,
    campaign_id: campaign.id,
    campaign_status: campaign.status,
    campaign_is_evergreen: campaign.is_evergreen === true,
    leads_count: leadsCount,
    ...counterFields(countEvents(events)),
    completed_count: completedLeads,
  };
}
