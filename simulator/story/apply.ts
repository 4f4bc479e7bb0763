import type { WorkspaceState } from '../state/workspace';
import type { CampaignRecord, LeadRecord, SimEvent } from '../types';

/** Lead `email_*_step/variant` fields: 1-based like webhook payloads (their base is UNCONFIRMED). */
function oneBased(n: number | null): number | null {
  return n === null ? null : n + 1;
}

function completeCampaign(ws: WorkspaceState, campaign: CampaignRecord, e: SimEvent): void {
  campaign.status = 3;
  campaign.timestamp_updated = e.at;
  const contacted = new Set(
    ws
      .eventsOf(campaign.id)
      .filter((x) => x.type === 'email_sent')
      .map((x) => x.leadId),
  );
  for (const lead of ws.leadsOfCampaign(campaign.id)) {
    if (lead.status === 1 && contacted.has(lead.id)) lead.status = 3;
  }
}

function applyToLead(lead: LeadRecord, campaign: CampaignRecord, e: SimEvent): void {
  const step = oneBased(e.step);
  const variant = oneBased(e.variant);
  switch (e.type) {
    case 'email_sent':
      Object.assign(lead, { timestamp_last_contact: e.at, last_step_timestamp_executed: e.at });
      break;
    case 'email_opened':
      lead.email_open_count += 1;
      Object.assign(lead, {
        timestamp_last_open: e.at,
        email_opened_step: step,
        email_opened_variant: variant,
      });
      break;
    case 'link_clicked':
      lead.email_click_count += 1;
      Object.assign(lead, {
        timestamp_last_click: e.at,
        email_clicked_step: step,
        email_clicked_variant: variant,
      });
      break;
    case 'reply_received':
      lead.email_reply_count += 1;
      Object.assign(lead, {
        timestamp_last_reply: e.at,
        email_replied_step: step,
        email_replied_variant: variant,
      });
      if (campaign.stop_on_reply !== false) lead.status = 3;
      break;
    case 'email_bounced':
      lead.status = -1;
      break;
    case 'lead_unsubscribed':
      lead.status = -2;
      break;
    default:
      break;
  }
}

/**
 * Makes one story event "happen": records it for analytics/ground truth and updates the lead (counters,
 * last-activity timestamps, status 3 completed / -1 bounced / -2 unsubscribed) or the campaign (status 3).
 */
export function applyEvent(ws: WorkspaceState, campaign: CampaignRecord, e: SimEvent): void {
  ws.eventsOf(campaign.id).push(e);
  if (e.type === 'campaign_completed') {
    completeCampaign(ws, campaign, e);
    return;
  }
  const lead = e.leadId === null ? undefined : ws.leads.get(e.leadId);
  if (!lead) return;
  lead.timestamp_updated = e.at;
  lead.timestamp_last_touch = e.at;
  applyToLead(lead, campaign, e);
}
