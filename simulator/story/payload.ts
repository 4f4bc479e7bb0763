import { leadPayload } from '../state/lead-view';
import type { WorkspaceState } from '../state/workspace';
import type { CampaignRecord, SimEvent, WebhookPayload } from '../types';
import { toText } from './replies';

function leadFields(ws: WorkspaceState, e: SimEvent): Record<string, unknown> {
  const lead = e.leadId === null ? undefined : ws.leads.get(e.leadId);
  if (!lead) return e.email ? { email: e.email } : {};
  return { email: lead.email, ...leadPayload(lead) };
}

function replyFields(ws: WorkspaceState, e: SimEvent): Record<string, unknown> {
  const text = e.replyText ?? '';
  return {
    reply_text: text,
    reply_text_snippet: text.replace(/\s+/g, ' ').slice(0, 100),
    reply_subject: e.replySubject,
    reply_html: `<div>${text.replace(/\n/g, '<br />')}</div>`,
    unibox_url: `https://app.instantly.ai/app/unibox?thread_search=thread:${e.emailId ?? ''}&selected_wks=${ws.id}`,
  };
}

function eventFields(ws: WorkspaceState, e: SimEvent): Record<string, unknown> {
  const common = {
    lead_email: e.email,
    email_account: e.emailAccount,
    step: (e.step ?? 0) + 1,
    variant: (e.variant ?? 0) + 1,
    is_first: e.isFirst,
    email_id: e.emailId,
  };
  if (e.type === 'email_sent') {
    const html = e.body ?? '';
    return { ...common, email_subject: e.subject, email_text: toText(html), email_html: html };
  }
  if (e.type === 'reply_received' || e.type === 'auto_reply_received')
    return { ...common, ...replyFields(ws, e) };
  return common;
}

/**
 * The JSON body Instantly POSTs for an event (§5.3): lead data merged in first (email + camelCase built-ins +
 * custom variables by name), then the event fields, so a custom variable can never shadow `step` etc.
 * `step`/`variant` are 1-based; `unibox_url` and the reply fields appear on reply events only;
 * `email_subject`/`email_text`/`email_html` on `email_sent` only. `campaign_completed` carries no lead data.
 */
export function buildPayload(ws: WorkspaceState, campaign: CampaignRecord, e: SimEvent): WebhookPayload {
  const head = {
    timestamp: e.at,
    event_type: e.type,
    workspace: ws.id,
    campaign_id: campaign.id,
    campaign_name: campaign.name,
  };
  if (e.type === 'campaign_completed') return head;
  return { ...leadFields(ws, e), ...head, ...eventFields(ws, e) };
}
