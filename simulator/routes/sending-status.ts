import { isoNow } from '../core/ids';
import type { WorkspaceState } from '../state/workspace';
import type { CampaignRecord } from '../types';

const SUMMARY_BY_STATUS: Record<number, string> = {
  0: 'campaign_draft',
  2: 'campaign_paused',
  3: 'campaign_completed',
};

function activeStatus(ws: WorkspaceState, campaign: CampaignRecord): string {
  if (campaign.email_list.length === 0) return 'no_accounts_available';
  const waiting = ws.leadsOfCampaign(campaign.id).some((l) => l.status === 1);
  return waiting ? 'healthy' : 'waiting_for_leads';
}

/**
 * `GET /campaigns/{id}/sending-status` (§2.4): for draft/paused/completed campaigns `diagnostics` is null and the
 * reason is in `summary.status`; for an active one `diagnostics.status` says healthy / waiting_for_leads /
 * no_accounts_available (the simulator does not model accounts beyond `email_list`).
 */
export function sendingStatus(ws: WorkspaceState, campaign: CampaignRecord): Record<string, unknown> {
  const inactive = SUMMARY_BY_STATUS[campaign.status];
  const status = inactive ?? activeStatus(ws, campaign);
  const sent = (ws.events.get(campaign.id) ?? []).filter((e) => e.type === 'email_sent');
  const lastSend = sent[sent.length - 1]?.at ?? null;
  const summary = {
    status,
    status_message: status.replace(/_/g, ' '),
    issue_started_at: null,
    last_healthy_send_at: lastSend,
    ai_summary: null,
  };
  if (inactive) return { diagnostics: null, summary };
  return {
    diagnostics: {
      campaign_id: campaign.id,
      last_updated: isoNow(),
      status,
      campaign_daily_limit: { limit: campaign.daily_limit ?? null, sent: sent.length, limit_hit: false },
      schedule_status: { in_schedule: true },
    },
    summary,
  };
}
