/**
 * Instantly webhook event types. Pure data: the client, the simulator and the intake
 * share these lists. Subscriptions and payloads spell one type differently: you subscribe to
 * `email_link_clicked` and receive `link_clicked`; `auto_reply_received` only appears in payloads.
 */
export const WEBHOOK_SUBSCRIPTION_EVENT_TYPES = [
  'all_events',
  'email_sent',
  'email_opened',
  'email_link_clicked',
  'reply_received',
  'email_bounced',
  'lead_unsubscribed',
  'campaign_completed',
  'account_error',
  'lead_neutral',
  'lead_interested',
  'lead_not_interested',
  'lead_meeting_booked',
  'lead_meeting_completed',
  'lead_closed',
  'lead_out_of_office',
  'lead_wrong_person',
  'lead_no_show',
  'supersearch_enrichment_completed',
] as const;

/** A subscribable webhook event type. */
export type WebhookSubscriptionEventType = (typeof WEBHOOK_SUBSCRIPTION_EVENT_TYPES)[number];

/** Payload `event_type` values: the subscription list without `all_events`, click renamed, plus auto-replies. */
export const WEBHOOK_PAYLOAD_EVENT_TYPES: readonly string[] = [
  ...WEBHOOK_SUBSCRIPTION_EVENT_TYPES.filter((t) => t !== 'all_events').map((t) =>
    t === 'email_link_clicked' ? 'link_clicked' : t,
  ),
  'auto_reply_received',
];
