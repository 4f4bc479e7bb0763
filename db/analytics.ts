import type { PrismaClient } from '../lib/prisma';

// The engagement read side (GET /api/campaigns/:id/analytics | events | replies). Every statement takes the
// organization and keeps only exports of it, so a list of export ids can never reach another organization's rows.

/** Keyset page over a campaign's events. */
export interface EventQuery {
  type?: string;
  lead?: string;
  limit: number;
  cursor?: string;
  order: 'asc' | 'desc';
}

/** Only the organization's exports among the ids in $1 (an inner join read by primary key); `orgParam` names
 * the parameter holding the organization id. */
const ownExports = (orgParam: number) => `unnest($1::uuid[]) AS u(export_id)
  JOIN gmaps_instantly_campaigns own ON own.id = u.export_id AND own.organization_id = $${orgParam}::uuid`;

// A stand-in synthesized from a lead's counters carries the lead's LAST activity time of that kind, not the
// event's own time; one whose text and time were read back from Instantly's e-mail list carries the real one.
const timeApproximated = (e: string) =>
  `(${e}.source = 'poll' AND coalesce(${e}.payload->>'recovered_from', ${e}.payload->>'synthesized_from', '') <> 'emails_api')`;

// One ordered index scan per export (LATERAL with export_id = x, so (export_id, event_type, id) or the primary
// key serves ORDER BY id with an early LIMIT), then a merge of those short lists: a page costs the same on
// 1,000 or 1,000,000 events. `= ANY(exports)` instead would read every matching row before sorting.
const eventsSql = (order: 'asc' | 'desc') => {
  const dir = order === 'desc' ? 'DESC' : 'ASC';
  return `
SELECT e.* FROM ${ownExports(6)} CROSS JOIN LATERAL (
  SELECT id, event_type AS type, occurred_at, received_at, applied_at, export_id::text AS export_id,
    business_id::text AS business_id, lead_email, step, variant, source, known_type,
    ${timeApproximated('gmaps_instantly_events')} AS time_approximated
  FROM gmaps_instantly_events
  WHERE export_id = u.export_id AND superseded_by IS NULL AND ($2::text IS NULL OR event_type = $2::text)
    AND ($3::text IS NULL OR lead_email = lower($3::text) OR business_id::text = $3::text)
    AND ($4::bigint IS NULL OR id ${order === 'desc' ? '<' : '>'} $4::bigint)
  ORDER BY id ${dir} LIMIT $5::int
) e
ORDER BY e.id ${dir} LIMIT $5::int`;
};

/** One page of events of the organization's exports `exportIds`, as stored (snake_case columns). */
export async function eventsPage(
  prisma: PrismaClient,
  organizationId: string,
  exportIds: string[],
  q: EventQuery,
) {
  return prisma.$queryRawUnsafe<Array<Record<string, unknown> & { id: bigint }>>(
    eventsSql(q.order),
    exportIds,
    q.type ?? null,
    q.lead?.trim() ?? null,
    q.cursor ?? null,
    q.limit,
    organizationId,
  );
}

const REPLIES_SQL = `
SELECT r.id::text AS id, r.business_id::text AS business_id, r.export_id::text AS export_id,
  coalesce(b.email, r.lead_email) AS email,
  coalesce(r.payload->>'reply_text', r.payload->>'reply_text_snippet') AS reply_text,
  r.payload->>'reply_subject' AS reply_subject, r.payload->>'unibox_url' AS unibox_url,
  r.occurred_at AS replied_at, r.step, r.variant, ${timeApproximated('r')} AS time_approximated
FROM (
  SELECT e.* FROM ${ownExports(4)} CROSS JOIN LATERAL (
    SELECT id, business_id, export_id, lead_email, payload, occurred_at, step, variant, source
    FROM gmaps_instantly_events
    WHERE export_id = u.export_id AND event_type = 'reply_received' AND superseded_by IS NULL
      AND ($2::bigint IS NULL OR id < $2::bigint)
    ORDER BY id DESC LIMIT $3::int
  ) e
  ORDER BY e.id DESC LIMIT $3::int
) r LEFT JOIN gmaps_businesses b ON b.id = r.business_id
ORDER BY r.id DESC`;

/** One page of the reply inbox of the organization's exports `exportIds`, newest first. */
export async function repliesPage(
  prisma: PrismaClient,
  organizationId: string,
  exportIds: string[],
  q: { limit: number; cursor?: string },
) {
  return prisma.$queryRawUnsafe<Array<Record<string, unknown> & { id: string }>>(
    REPLIES_SQL,
    exportIds,
    q.cursor ?? null,
    q.limit,
    organizationId,
  );
}

// Per step/variant event counts from the step counters the apply transaction maintains (a few rows per export,
// read through the primary key): the same numbers as counting the applied events with a step, without scanning
// them.
const STEPS_SQL = `
SELECT s.step, nullif(s.variant, -1) AS variant, s.event_type, sum(s.events)::int AS n
FROM ${ownExports(3)} JOIN gmaps_instantly_step_counters s ON s.export_id = u.export_id
WHERE s.event_type = ANY($2::text[])
GROUP BY 1, 2, 3`;

/** A step/variant/event-type count of the organization's exports. */
export interface StepCount {
  step: number;
  variant: number | null;
  event_type: string;
  n: number;
}

/** Applied events per step, variant and event type (only `eventTypes`) over the organization's exports. */
export async function stepCounts(
  prisma: PrismaClient,
  organizationId: string,
  exportIds: string[],
  eventTypes: string[],
): Promise<StepCount[]> {
  if (exportIds.length === 0) return [];
  return prisma.$queryRawUnsafe<StepCount[]>(STEPS_SQL, exportIds, eventTypes, organizationId);
}
