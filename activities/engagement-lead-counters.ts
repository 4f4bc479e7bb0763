import type { Known } from '../db/lead-counters';
import type { Lead } from '../lib/instantly';

export { knownLeads, type Known } from '../db/lead-counters';

// Per-lead drift repair: what Instantly's lead counters (email_open_count, timestamp_last_open, status …) prove
// happened that our business rows do not show yet.

const num = (v: unknown): number => (typeof v === 'number' ? v : 0);
const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

/** The events Instantly's per-lead counters prove happened but our business row lacks. */
export function missingEvents(
  lead: Lead,
  k: Known,
): Array<{ type: string; at: string; step?: unknown; variant?: unknown }> {
  const l = lead as Record<string, unknown>;
  // [type, already known, Instantly's count (or null: no count), last-activity time, step, variant]
  const kinds: Array<[string, boolean, unknown, unknown, unknown?, unknown?]> = [
    ['email_sent', k.sent, null, l.timestamp_last_contact],
    [
      'email_opened',
      k.opened,
      l.email_open_count,
      l.timestamp_last_open,
      l.email_opened_step,
      l.email_opened_variant,
    ],
    [
      'link_clicked',
      k.clicked,
      l.email_click_count,
      l.timestamp_last_click,
      l.email_clicked_step,
      l.email_clicked_variant,
    ],
    [
      'reply_received',
      k.replied,
      l.email_reply_count,
      l.timestamp_last_reply,
      l.email_replied_step,
      l.email_replied_variant,
    ],
    ['email_bounced', k.bounced || lead.status !== -1, null, l.timestamp_updated],
    ['lead_unsubscribed', k.unsubscribed || lead.status !== -2, null, l.timestamp_updated],
  ];
  return kinds.flatMap(([type, known, count, at, step, variant]) =>
    known || (count !== null && num(count) === 0) || !str(at) ? [] : [{ type, at: str(at)!, step, variant }],
  );
}
