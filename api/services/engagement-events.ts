import { eventsPage, repliesPage, type EventQuery } from '../../db/analytics';
import type { PrismaClient } from '../../lib/prisma';
import { exportsOf } from './engagement-read';

export type { EventQuery };

// Keyset-paginated reads of a campaign's events (cursor = the last item's id, so pages never shift when new
// events arrive) and its reply inbox; the statements live in db/analytics.ts.

/** GET /api/campaigns/:id/events: `{ items, nextCursor }` (cursor = the last item's id). */
export async function campaignEvents(
  prisma: PrismaClient,
  organizationId: string,
  campaignId: string,
  q: EventQuery,
) {
  const ids = (await exportsOf(prisma, organizationId, campaignId)).map((e) => e.id);
  const rows = await eventsPage(prisma, organizationId, ids, q);
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
    occurredAtApproximated: r.time_approximated === true,
  }));
  return { items, nextCursor: items.length === q.limit ? items[items.length - 1]!.id : null };
}

/** GET /api/campaigns/:id/replies: the reply inbox, newest first. */
export async function campaignReplies(
  prisma: PrismaClient,
  organizationId: string,
  campaignId: string,
  q: { limit: number; cursor?: string },
) {
  const ids = (await exportsOf(prisma, organizationId, campaignId)).map((e) => e.id);
  const rows = await repliesPage(prisma, organizationId, ids, q);
  const items = rows.map((r) => ({
    id: r.id,
    businessId: r.business_id,
    exportId: r.export_id,
    email: r.email,
    replyText: r.reply_text,
    replySubject: r.reply_subject,
    repliedAt: r.replied_at,
    repliedAtApproximated: r.time_approximated === true,
    uniboxUrl: r.unibox_url,
    step: r.step,
    variant: r.variant,
  }));
  return { items, nextCursor: rows.length === q.limit ? rows[rows.length - 1]!.id : null };
}
