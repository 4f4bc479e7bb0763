import type { WebhookRecord } from '../types';

/** The 19 values accepted as a subscription `event_type` (§5.2); `link_clicked` is not one of them. */
export { WEBHOOK_SUBSCRIPTION_EVENT_TYPES as SUBSCRIPTION_EVENT_TYPES } from '../../contracts/instantly-event-types';

/** Payload `event_type` → the subscription value that receives it (only the click differs). */
function subscriptionFor(payloadType: string): string {
  return payloadType === 'link_clicked' ? 'email_link_clicked' : payloadType;
}

/**
 * Does this webhook receive a payload? Campaign filter first (null = all campaigns); `all_events` gets
 * everything; `auto_reply_received` has no subscription value of its own, and whether `reply_received`
 * subscribers get it is UNCONFIRMED — the simulator delivers it to `all_events` subscribers only. A webhook with
 * `event_type: null` is a custom-label webhook and gets none of the standard story events.
 */
export function subscribes(hook: WebhookRecord, payloadType: string, campaignId: string | null): boolean {
  if (hook.campaign !== null && hook.campaign !== campaignId) return false;
  if (hook.event_type === 'all_events') return true;
  if (hook.event_type === null || payloadType === 'auto_reply_received') return false;
  return hook.event_type === subscriptionFor(payloadType);
}
