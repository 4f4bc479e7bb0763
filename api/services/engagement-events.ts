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

// One ordered index scan per export (LATERAL with export_id = x, so (export_id, event_type, id) or the primary
// key serves ORDER BY id with an early LIMIT), then a merge of those short lists: a page costs the same on
// 1,000 or 1,000,000 events. `= ANY(exports)` instead would read every matching row before sorting.
const eventsSql = (order: 'asc' | 'desc') => {
  const dir = order === 'desc' ? 'DESC' : 'ASC';
  return `
SELECT e.* FROM unnest($1::uuid[]) AS x(export_id) CROSS JOIN LATERAL (
  SELECT id, event_type AS type, occurred_at, received_at, applied_at, export_id::text AS export_id,
    business_id::text AS business_id, lead_email, step, variant, source, known_type
  FROM gmaps_instantly_events
  WHERE export_id = x.export_id AND ($2::text IS NULL OR event_type = $2::text)
    AND ($3::text IS NULL OR lead_email = lower($3::text) OR business_id::text = $3::text)
    AND ($4::bigint IS NULL OR id ${order === 'desc' ? '<' : '>'} $4::bigint)
  ORDER BY id ${dir} LIMIT $5::int
) e
ORDER BY e.id ${dir} LIMIT $5::int`;
};

/** GET /api/campaigns/:id/events: `{ items, nextCursor }` (cursor = the last item's id). */
export async function campaignEvents(prisma: PrismaClient, campaignId: string, q: EventQuery) {
  const ids = (await exportsOf(prisma, campaignId)).map((e) => e.id);
  const rows = await prisma.$queryRawUnsafe<Array<Record<string, unknown> & { id: bigint }>>(
    eventsSql(q.order),
    ids,
    q.type ?? null,
    q.lead?.trim() ?? null,
    q.cursor ?? null,
    q.limit,
  );
  const items = rows.map((r) => ({
    id: String(r.id),
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
  return { items, nextCursor: items.length === q.limit ? items[items.length - 1]!.id : null };
}

const REPLIES_SQL = `
SELECT r.id::text AS id, r.business_id::text AS business_id, r.export_id::text AS export_id,
  coalesce(b.email, r.lead_email) AS email,
  coalesce(r.payload->>'reply_text', r.payload->>'reply_text_snippet') AS reply_text,
  r.payload->>'reply_subject' AS reply_subject, r.payload->>'unibox_url' AS unibox_url,
  r.occurred_at AS replied_at, r.step, r.variant
FROM (
  SELECT e.* FROM unnest($1::uuid[]) AS x(export_id) CROSS JOIN LATERAL (
    SELECT id, business_id, export_id, lead_email, payload, occurred_at, step, variant
    FROM gmaps_instantly_events
    WHERE export_id = x.export_id AND event_type = 'reply_received' AND ($2::bigint IS NULL OR id < $2::bigint)
    ORDER BY id DESC LIMIT $3::int
  ) e
  ORDER BY e.id DESC LIMIT $3::int
) r LEFT JOIN gmaps_businesses b ON b.id = r.business_id
ORDER BY r.id DESC`;

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
