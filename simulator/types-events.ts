/** Webhook, delivery-log, background-job and story-event record types (split from types.ts for size). */

/** A webhook subscription (`Webhook`); status 1 = active, -1 = disabled after repeated delivery failures. */
export interface WebhookRecord {
  id: string;
  organization: string;
  campaign: string | null;
  name: string | null;
  target_hook_url: string;
  event_type: string | null;
  custom_interest_value: number | null;
  headers: Record<string, string> | null;
  timestamp_created: string;
  status: number;
  timestamp_error: string | null;
}

/** One delivery attempt in the webhook delivery log (`WebhookEvent`, instantly-api-v2.md §5.4). */
export interface DeliveryLogEntry {
  id: string;
  timestamp_created: string;
  organization_id: string;
  webhook_id: string;
  webhook_url: string;
  event_type: string;
  campaign_id: string | null;
  lead_email: string | null;
  payload: WebhookPayload;
  success: boolean;
  status_code: number | null;
  error_message: string | null;
  response_time_ms: number | null;
  retry_count: number;
  will_retry: boolean;
  timestamp_next_retry: string | null;
  retry_group_id: string;
  retry_successful: boolean | null;
}

/** A background job (`BackgroundJob`, §6.1). */
export interface BackgroundJobRecord {
  id: string;
  workspace_id: string;
  user_id: string | null;
  type: string;
  entity_id: string | null;
  entity_type: string | null;
  data: Record<string, unknown>;
  progress: number;
  status: 'pending' | 'in-progress' | 'success' | 'failed';
  created_at: string;
  updated_at: string;
}

/** A webhook payload as POSTed (§5.3): fixed fields plus the lead's merged fields. */
export type WebhookPayload = Record<string, unknown> & {
  timestamp: string;
  event_type: string;
  workspace: string;
  campaign_id: string;
};

/** Event types the engagement story produces (payload spelling, i.e. `link_clicked`). */
export type StoryEventType =
  | 'email_sent'
  | 'email_opened'
  | 'link_clicked'
  | 'reply_received'
  | 'auto_reply_received'
  | 'email_bounced'
  | 'lead_unsubscribed'
  | 'campaign_completed';

/** One thing that "happened" in a campaign; analytics and ground truth are computed from these. */
export interface SimEvent {
  type: StoryEventType;
  at: string;
  campaignId: string;
  leadId: string | null;
  email: string | null;
  /** 0-based step index (payloads add 1). */
  step: number | null;
  /** 0-based variant index (payloads add 1). */
  variant: number | null;
  emailId: string | null;
  isFirst: boolean;
  emailAccount: string | null;
  subject: string | null;
  body: string | null;
  replyText: string | null;
  replySubject: string | null;
}
