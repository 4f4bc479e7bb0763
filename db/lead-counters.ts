import type { PrismaClient } from '../lib/prisma';
import { leadBusinessSql } from './lead-match';

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

const has = (type: string): string => `'${type}' = ANY(coalesce(k.types, '{}'))`;

// Per lead of the page: its business through the one e-mail match, its engagement columns and the kinds of
// event stored for it in this export (applied or not).
const KNOWN_LEADS_SQL = `
SELECT q.email, b.instantly_sent_at IS NOT NULL OR ${has('email_sent')} AS sent,
       b.instantly_opened_at IS NOT NULL OR ${has('email_opened')} AS opened,
       b.instantly_clicked_at IS NOT NULL OR ${has('link_clicked')} AS clicked,
       b.instantly_replied_at IS NOT NULL OR ${has('reply_received')} AS replied,
       b.instantly_bounced_at IS NOT NULL OR ${has('email_bounced')} AS bounced,
       b.instantly_unsubscribed_at IS NOT NULL OR ${has('lead_unsubscribed')} AS unsubscribed
  FROM unnest($2::text[], $3::text[]) AS q(email, given)
  CROSS JOIN LATERAL (${leadBusinessSql('$1::uuid', 'q.email', 'ARRAY[q.email, q.given]')}) x
  JOIN gmaps_businesses b ON b.id = x.business_id
  LEFT JOIN LATERAL (SELECT array_agg(DISTINCT e.event_type) AS types FROM gmaps_instantly_events e
                      WHERE e.business_id = b.id AND e.export_id = $1::uuid) k ON true`;

/**
 * Our businesses (of this export) among a page of Instantly leads, by lower-cased email. A kind counts as known
 * when the business column is set OR any event of that kind is stored for the lead (applied or not: an event
 * still waiting to be applied is not missing, and a stand-in for it would double it).
 */
export async function knownLeads(
  prisma: PrismaClient,
  exportId: string,
  leads: ReadonlyArray<{ email?: string | null }>,
): Promise<Map<string, Known>> {
  const given = [...new Set(leads.flatMap((l) => (l.email?.trim() ? [l.email.trim()] : [])))];
  const rows = await prisma.$queryRawUnsafe<Known[]>(
    KNOWN_LEADS_SQL,
    exportId,
    given.map((e) => e.toLowerCase()),
    given,
  );
  return new Map(rows.map((r) => [r.email, r]));
}
