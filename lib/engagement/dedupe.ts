import { createHash } from 'node:crypto';
import type { InstantlyWebhookPayload } from '../../contracts/schemas/instantly-webhook';

/** Lower-cased, trimmed email or null: the form events store and businesses are matched by. */
export function normalizeEmail(email: string | null | undefined): string | null {
  const e = email?.trim().toLowerCase();
  return e ? e : null;
}

/**
 * Instantly sends no event id, so an event is identified by
 * sha256(event_type | campaign_id | lower(lead_email) | step | variant | email_id | timestamp).
 * The same delivery retried, duplicated or replayed from Instantly's delivery log gets the same key.
 */
export function dedupeKey(p: InstantlyWebhookPayload): string {
  const parts = [
    p.event_type,
    p.campaign_id ?? '',
    normalizeEmail(p.lead_email) ?? '',
    p.step ?? '',
    p.variant ?? '',
    p.email_id ?? '',
    p.timestamp,
  ];
  return createHash('sha256').update(parts.join('|')).digest('hex');
}

/**
 * Key of an event synthesized from Instantly's per-lead counters (source = 'poll'): at most one per
 * (campaign, lead, type), so repeated polls never add more.
 */
export function pollDedupeKey(eventType: string, campaignId: string, email: string): string {
  return createHash('sha256')
    .update(['poll', eventType, campaignId, normalizeEmail(email) ?? ''].join('|'))
    .digest('hex');
}
