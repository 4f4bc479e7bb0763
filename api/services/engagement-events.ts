import type { PrismaClient } from '../../lib/prisma';
import { exportsOf } from './engagement-read';

// Keyset-paginated reads of a campaign's events (cursor = the last item's id, so pages never shift when new
// events arrive) and its reply inbox.

/** Keyset page over a campaign's events. */
export interface EventQuery {
  type?: string;
  lead?: string;
  limit: number;
  cursor?: string;
  order: 'asc' | 'desc';
}

const eventsSql = (order: 'asc' | 'desc') => `
SELECT id::text AS id, event_type AS type, occurred_at, received_at, applied_at, export_id::text AS export_id,
  business_id::text AS business_id, lead_email, step, variant, source, known_type
FROM gmaps_instantly_events
WHERE export_id = ANY($1::uuid[]) AND ($2::text IS NULL OR event_type = $2::text)
  AND ($3::text IS NULL OR lead_email = lower($3::text) OR business_id::text = $3::text)
  AND ($4::bigint IS NULL OR id ${order === 'desc' ? '<' : '>'} $4::bigint)
ORDER BY id ${order === 'desc' ? 'DESC' : 'ASC'} LIMIT $5::int`;

/** GET /api/campaigns/:id/events: `{ items, nextCursor }` (cursor = the last item's id). */
export async function campaignEvents(prisma: PrismaClient, campaignId: string, q: EventQuery) {
  const ids = (await exportsOf(prisma, campaignId)).map((e) => e.id);
  const rows = await prisma.$queryRawUnsafe<Array<Record<string, unknown> & { id: string }>>(
    eventsSql(q.order),
    ids,
    q.type ?? null,
    q.lead?.trim() ?? null,
    q.cursor ?? null,
    q.limit,
  );
  const items = rows.map((r) => ({
    id: r.id,
    type: r.type,
    occurredAt: r.occurred_at,
    receivedAt: r.received_at,
    appliedAt: r.applied_at,
    exportId: r.export_id,
    businessId: r.business_id,
    leadEmail: r.lead_email,
    step: r.step,
    variant: r.variant,
    source: r.source,
    knownType: r.known_type,
  }));
  return { items, nextCursor: rows.length === q.limit ? rows[rows.length - 1]!.id : null };
}

const REPLIES_SQL = `
SELECT e.id::text AS id, e.business_id::text AS business_id, e.export_id::text AS export_id,
  coalesce(b.email, e.lead_email) AS email,
  coalesce(e.payload->>'reply_text', e.payload->>'reply_text_snippet') AS reply_text,
  e.payload->>'reply_subject' AS reply_subject, e.payload->>'unibox_url' AS unibox_url,
  e.occurred_at AS replied_at, e.step, e.variant
FROM gmaps_instantly_events e LEFT JOIN gmaps_businesses b ON b.id = e.business_id
WHERE e.export_id = ANY($1::uuid[]) AND e.event_type = 'reply_received'
  AND ($2::bigint IS NULL OR e.id < $2::bigint)
ORDER BY e.id DESC LIMIT $3::int`;

/** GET /api/campaigns/:id/replies: the reply inbox, newest first. */
export async function campaignReplies(
  prisma: PrismaClient,
  campaignId: string,
  q: { limit: number; cursor?: string },
) {
  const ids = (await exportsOf(prisma, campaignId)).map((e) => e.id);
  const rows = await prisma.$queryRawUnsafe<Array<Record<string, unknown> & { id: string }>>(
    REPLIES_SQL,
    ids,
    q.cursor ?? null,
    q.limit,
  );
  const items = rows.map((r) => ({
    id: r.id,
    businessId: r.business_id,
    exportId: r.export_id,
    email: r.email,
    replyText: r.reply_text,
    replySubject: r.reply_subject,
    repliedAt: r.replied_at,
    uniboxUrl: r.unibox_url,
    step: r.step,
    variant: r.variant,
  }));
  return { items, nextCursor: rows.length === q.limit ? rows[rows.length - 1]!.id : null };
}
