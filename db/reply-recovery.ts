import type { PrismaClient } from '../lib/prisma';
import { REPLY_TEXT_SQL } from './events-apply-sql';

// Reply recovery's statements: which reply stand-ins lack their text, which leads have an auto-reply, and
// filling a stand-in from Instantly's e-mail list.

// Reply stand-ins (synthesized from lead counters) that carry no text: what the e-mail API can complete.
const TEXTLESS_SQL = `
SELECT e.id::text AS id, e.business_id::text AS business_id, e.lead_email
FROM gmaps_instantly_events e JOIN gmaps_businesses b ON b.id = e.business_id
WHERE e.export_id = $1::uuid AND e.source = 'poll' AND e.event_type = 'reply_received'
  AND e.superseded_by IS NULL AND e.lead_email IS NOT NULL AND b.personal_data_deleted_at IS NULL
  AND NOT (e.payload ? 'reply_text' OR e.payload ? 'reply_text_snippet')`;

const HAS_AUTO_REPLY_SQL = `
SELECT DISTINCT lead_email FROM gmaps_instantly_events
WHERE export_id = $1::uuid AND event_type = 'auto_reply_received' AND superseded_by IS NULL
  AND lead_email IS NOT NULL`;

// Only a still-textless stand-in is filled: a retried or concurrent pass changes nothing twice. Its time moves
// to the reply's own time (never later): the lead counters only told the LAST reply's time.
const FILL_SQL = `
UPDATE gmaps_instantly_events SET payload = payload || $2::jsonb, occurred_at = LEAST(occurred_at, $3::timestamptz)
WHERE id = $1::bigint AND superseded_by IS NULL AND NOT (payload ? 'reply_text' OR payload ? 'reply_text_snippet')`;

// The first-reply column follows the earliest applied reply (LEAST, as the apply transaction keeps it).
const REPLIED_AT_SQL = `
UPDATE gmaps_businesses b SET instantly_replied_at = r.t
FROM (SELECT business_id, min(occurred_at) AS t FROM gmaps_instantly_events
      WHERE business_id = ANY($1::uuid[]) AND event_type = 'reply_received' AND applied_at IS NOT NULL
        AND superseded_by IS NULL GROUP BY business_id) r
WHERE b.id = r.business_id AND b.personal_data_deleted_at IS NULL
  AND (b.instantly_replied_at IS NULL OR b.instantly_replied_at > r.t)`;

/** Reply stand-ins of the export without text (id, business, lead e-mail). */
export async function textlessReplyStandIns(
  prisma: PrismaClient,
  exportId: string,
): Promise<Array<{ id: string; business_id: string; lead_email: string }>> {
  return prisma.$queryRawUnsafe(TEXTLESS_SQL, exportId);
}

/** Lower-cased e-mails of the export's leads that have an auto-reply event. */
export async function leadsWithAutoReply(prisma: PrismaClient, exportId: string): Promise<Set<string>> {
  const rows = await prisma.$queryRawUnsafe<Array<{ lead_email: string }>>(HAS_AUTO_REPLY_SQL, exportId);
  return new Set(rows.map((r) => r.lead_email));
}

/** Fills a still-textless stand-in with the reply's text and subject and its own time; 1 when it did. */
export async function fillReplyStandIn(
  prisma: PrismaClient,
  eventId: string,
  add: Record<string, unknown>,
  at: string,
): Promise<number> {
  return prisma.$executeRawUnsafe(FILL_SQL, eventId, JSON.stringify(add), at);
}

/** Recomputes the businesses' reply text/subject and first-reply time under the export's apply lock (as the apply transaction does). */
export async function refreshReplyColumns(
  prisma: PrismaClient,
  exportId: string,
  businessIds: string[],
): Promise<void> {
  await prisma.$transaction(async (tx) => {
    await tx.$queryRawUnsafe(
      `SELECT 1 AS locked FROM pg_advisory_xact_lock(hashtext('engagement:' || $1::text))`,
      exportId,
    );
    await tx.$executeRawUnsafe(REPLY_TEXT_SQL, businessIds);
    await tx.$executeRawUnsafe(REPLIED_AT_SQL, businessIds);
  });
}
