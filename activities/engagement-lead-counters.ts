import type { Lead } from '../lib/instantly';
import type { PrismaClient } from '../lib/prisma';

// Per-lead drift repair: what Instantly's lead counters (email_open_count, timestamp_last_open, status …) prove
// happened that our business rows do not show yet.

/** Which engagement columns a business of the export already has, by lower-cased email. */
export interface Known {
  email: string;
  sent: boolean;
  opened: boolean;
  clicked: boolean;
  replied: boolean;
  bounced: boolean;
  unsubscribed: boolean;
}

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

/** Our businesses (of this export) among a page of Instantly leads, by lower-cased email. */
export async function knownLeads(
  prisma: PrismaClient,
  exportId: string,
  leads: Lead[],
): Promise<Map<string, Known>> {
  const emails = leads.flatMap((l) => (l.email ? [l.email.trim(), l.email.trim().toLowerCase()] : []));
  const rows = await prisma.$queryRawUnsafe<Known[]>(
    `SELECT lower(trim(b.email)) AS email, b.instantly_sent_at IS NOT NULL AS sent,
            b.instantly_opened_at IS NOT NULL AS opened, b.instantly_clicked_at IS NOT NULL AS clicked,
            b.instantly_replied_at IS NOT NULL AS replied, b.instantly_bounced_at IS NOT NULL AS bounced,
            b.instantly_unsubscribed_at IS NOT NULL AS unsubscribed
       FROM gmaps_businesses b
       JOIN gmaps_instantly_export_leads l ON l.business_id = b.id AND l.export_id = $1::uuid
      WHERE b.email = ANY($2::text[])`,
    exportId,
    [...new Set(emails)],
  );
  return new Map(rows.map((r) => [r.email, r]));
}
