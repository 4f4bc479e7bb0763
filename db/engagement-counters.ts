import type { EngagementCounters } from '../contracts/engagement';
import type { Prisma, PrismaClient } from '../lib/prisma';

type Db = PrismaClient | Prisma.TransactionClient;
type Tx = Prisma.TransactionClient;

// An export's engagement counters are maintained INCREMENTALLY (issue 15; docs/engagement.md "Counters"): the
// transaction that claims events (applied_at NULL → now(), once per event) records each (export, type, lead) it
// touches in gmaps_instantly_lead_touches with INSERT … ON CONFLICT, and adds what was NEW to the counters. The
// cost is O(batch), not O(history). The rare paths that change an applied event's lead key (personal-data
// erasure, a late business match of an applied row) recount the affected exports from the events instead.
//
// A lead is its business (stable even after its personal data is deleted) or, for events of leads we did not
// export, its lower-cased email, or else the event itself.
const LEAD = `coalesce(business_id::text, lead_email, dedupe_key)`;

/**
 * Counted event type → its distinct-lead counter column. A Map: event types are outside strings (Instantly
 * passes custom labels through), and as keys of a plain object `constructor` would find Object.prototype's.
 * emails_sent_count is the one counter that is not distinct-lead: every non-poll send, plus a poll-synthesized
 * send for each lead that has no real one.
 */
const DISTINCT_COLUMN = new Map<string, string>([
  ['email_sent', 'contacted_count'],
  ['email_opened', 'opened_count'],
  ['link_clicked', 'clicked_count'],
  ['reply_received', 'replied_count'],
  ['auto_reply_received', 'auto_replied_count'],
  ['email_bounced', 'bounced_count'],
  ['lead_unsubscribed', 'unsubscribed_count'],
]);

/** Event types that feed a counter. */
export const COUNTED_TYPES: readonly string[] = [...DISTINCT_COLUMN.keys()];

/** The counter columns the given event types feed; types that feed none (custom labels) give none. */
export function counterColumns(types: readonly string[]): string[] {
  return types.flatMap((t) => {
    const column = DISTINCT_COLUMN.get(t);
    if (!column) return [];
    return t === 'email_sent' ? ['emails_sent_count', column] : [column];
  });
}

const ALL_COLUMNS = counterColumns(COUNTED_TYPES);
const COLUMNS = ALL_COLUMNS.join(', ');

const COUNTED = `event_type = ANY($2::text[])`;

// The hot path. $1: ids of events THIS transaction just claimed (applied, so counted now and never again; a
// retry finds them applied and claims nothing). Every writer of an export's touches holds the export's lock
// (lockCounters), so `old` — the touches before this statement — cannot miss a concurrent insert.
// Per (export, type, lead) of the batch: a new touch adds 1 to the type's distinct-lead counter. emails_sent:
// + real sends of the batch, + 1 for a new lead touched only by poll sends, − 1 for a lead whose poll send was
// counted and that now has its first real send (its touch flips real_send to true). A touch's poll flag says a
// stand-in of the lead and type was counted: superseding (events-supersede.ts) only looks where it is set.
const APPLY_TOUCHES_SQL = `
WITH c AS (
  SELECT export_id, event_type, ${LEAD} AS lead_key, bool_or(source <> 'poll') AS real_send,
         bool_or(source = 'poll') AS poll, count(*) FILTER (WHERE source <> 'poll') AS real_sends
  FROM gmaps_instantly_events
  WHERE id = ANY($1::bigint[]) AND export_id IS NOT NULL AND applied_at IS NOT NULL AND superseded_by IS NULL
    AND ${COUNTED}
  GROUP BY 1, 2, 3
), old AS (
  SELECT t.export_id, t.event_type, t.lead_key, t.real_send FROM gmaps_instantly_lead_touches t
  JOIN c ON c.export_id = t.export_id AND c.event_type = t.event_type AND c.lead_key = t.lead_key
), ins AS (
  INSERT INTO gmaps_instantly_lead_touches AS t (export_id, event_type, lead_key, real_send, poll)
  SELECT export_id, event_type, lead_key, real_send, poll FROM c
  ON CONFLICT (export_id, event_type, lead_key)
  DO UPDATE SET real_send = t.real_send OR excluded.real_send, poll = t.poll OR excluded.poll
  WHERE (NOT t.real_send AND excluded.real_send) OR (NOT t.poll AND excluded.poll)
), d AS (
  SELECT c.export_id,
    ${[...DISTINCT_COLUMN]
      .map(
        ([type, column]) =>
          `count(*) FILTER (WHERE o.lead_key IS NULL AND c.event_type = '${type}') AS ${column}`,
      )
      .join(',\n    ')},
    coalesce(sum(c.real_sends) FILTER (WHERE c.event_type = 'email_sent'), 0)
      + count(*) FILTER (WHERE c.event_type = 'email_sent' AND o.lead_key IS NULL AND NOT c.real_send)
      - count(*) FILTER (WHERE c.event_type = 'email_sent' AND NOT o.real_send AND c.real_send) AS emails_sent_count
  FROM c LEFT JOIN old o ON o.export_id = c.export_id AND o.event_type = c.event_type AND o.lead_key = c.lead_key
  GROUP BY c.export_id
)
UPDATE gmaps_instantly_campaigns g SET
  ${ALL_COLUMNS.map((col) => `${col} = g.${col} + d.${col}`).join(', ')},
  updated_at = now()
FROM d WHERE g.id = d.export_id`;

/**
 * Serialises the counter writers of these exports until the transaction ends (sorted: no deadlock between
 * two writers). Re-entrant within one transaction.
 */
export async function lockCounters(tx: Tx, exportIds: readonly string[]): Promise<void> {
  for (const id of [...new Set(exportIds)].sort()) {
    await tx.$queryRawUnsafe(
      `SELECT 1 AS locked FROM pg_advisory_xact_lock(hashtext('engagement:' || $1::text))`,
      id,
    );
  }
}

/**
 * Adds events to their exports' counters: `eventIds` must be applied rows that this transaction claimed (or
 * attached to an export) and never counted before, their exports locked with {@link lockCounters}. O(ids).
 */
export async function countAppliedEvents(tx: Tx, eventIds: readonly string[]): Promise<void> {
  if (eventIds.length === 0) return;
  await tx.$executeRawUnsafe(APPLY_TOUCHES_SQL, eventIds, COUNTED_TYPES);
}

// The full recount of exports $1 (repair): the touches rebuilt from the applied, not superseded events, and the
// counters set from them. O(history of those exports).
const DROP_TOUCHES_SQL = `DELETE FROM gmaps_instantly_lead_touches WHERE export_id = ANY($1::uuid[])`;
const REBUILD_TOUCHES_SQL = `
INSERT INTO gmaps_instantly_lead_touches (export_id, event_type, lead_key, real_send, poll)
SELECT export_id, event_type, ${LEAD}, bool_or(source <> 'poll'), bool_or(source = 'poll')
FROM gmaps_instantly_events
WHERE export_id = ANY($1::uuid[]) AND applied_at IS NOT NULL AND superseded_by IS NULL AND ${COUNTED}
GROUP BY 1, 2, 3`;

const SET_FROM_TOUCHES_SQL = `
WITH t AS (
  SELECT export_id,
    ${[...DISTINCT_COLUMN]
      .map(([type, column]) => `count(*) FILTER (WHERE event_type = '${type}') AS ${column}`)
      .join(',\n    ')},
    count(*) FILTER (WHERE event_type = 'email_sent' AND NOT real_send) AS poll_only
  FROM gmaps_instantly_lead_touches WHERE export_id = ANY($1::uuid[]) GROUP BY 1
), r AS (
  SELECT export_id, count(*) AS real_sends FROM gmaps_instantly_events
  WHERE export_id = ANY($1::uuid[]) AND event_type = 'email_sent' AND source <> 'poll'
    AND applied_at IS NOT NULL AND superseded_by IS NULL
  GROUP BY 1
)
UPDATE gmaps_instantly_campaigns g SET
  emails_sent_count = coalesce(r.real_sends, 0) + coalesce(t.poll_only, 0),
  ${[...DISTINCT_COLUMN.values()].map((col) => `${col} = coalesce(t.${col}, 0)`).join(', ')},
  updated_at = now()
FROM unnest($1::uuid[]) AS x(id) LEFT JOIN t ON t.export_id = x.id LEFT JOIN r ON r.export_id = x.id
WHERE g.id = x.id`;

/** Full recount of the exports inside the caller's transaction (takes their counter locks). */
export async function recountInTx(tx: Tx, exportIds: readonly string[]): Promise<void> {
  if (exportIds.length === 0) return;
  await lockCounters(tx, exportIds);
  await tx.$executeRawUnsafe(DROP_TOUCHES_SQL, exportIds);
  await tx.$executeRawUnsafe(REBUILD_TOUCHES_SQL, exportIds, COUNTED_TYPES);
  await tx.$executeRawUnsafe(SET_FROM_TOUCHES_SQL, exportIds);
}

/** Full recount (repair) of the exports, in one transaction; returns the counters before and after. */
export async function recountExports(
  prisma: PrismaClient,
  exportIds: readonly string[],
): Promise<Map<string, { before: EngagementCounters; after: EngagementCounters }>> {
  return prisma.$transaction(
    async (tx) => {
      await lockCounters(tx, exportIds);
      const before = await readCountersOf(tx, exportIds);
      await recountInTx(tx, exportIds);
      const after = await readCountersOf(tx, exportIds);
      return new Map([...after].map(([id, a]) => [id, { before: before.get(id) ?? a, after: a }] as const));
    },
    { timeout: 600_000, maxWait: 30_000 },
  );
}

// The independent definition the incremental counters must equal (tests, the recount command's check): the
// counters computed straight from the applied events, the way they were computed before issue 15.
const OF_TYPE = (type: string) =>
  `FROM gmaps_instantly_events WHERE export_id = $1::uuid AND event_type = '${type}' AND applied_at IS NOT NULL
   AND superseded_by IS NULL`;
const FROM_EVENTS_SQL = `SELECT
  (SELECT count(*) ${OF_TYPE('email_sent')} AND source <> 'poll')
  + (SELECT count(*) FROM (SELECT ${LEAD} ${OF_TYPE('email_sent')} AND source = 'poll'
                           EXCEPT SELECT ${LEAD} ${OF_TYPE('email_sent')} AND source <> 'poll') x) AS emails_sent_count,
  ${[...DISTINCT_COLUMN]
    .map(([type, column]) => `(SELECT count(DISTINCT ${LEAD}) ${OF_TYPE(type)}) AS ${column}`)
    .join(',\n  ')}`;

/** The export's counters computed from its applied events (read-only; O(history)). */
export async function countersFromEvents(db: Db, exportId: string): Promise<EngagementCounters> {
  const rows = await db.$queryRawUnsafe<CounterRow[]>(FROM_EVENTS_SQL, exportId);
  return toCounters(rows[0]!);
}

interface CounterRow {
  id?: string;
  emails_sent_count: number;
  contacted_count: number;
  opened_count: number;
  clicked_count: number;
  replied_count: number;
  auto_replied_count: number;
  bounced_count: number;
  unsubscribed_count: number;
}

function toCounters(r: CounterRow): EngagementCounters {
  return {
    emailsSent: Number(r.emails_sent_count),
    contacted: Number(r.contacted_count),
    opened: Number(r.opened_count),
    clicked: Number(r.clicked_count),
    replied: Number(r.replied_count),
    autoReplied: Number(r.auto_replied_count),
    bounced: Number(r.bounced_count),
    unsubscribed: Number(r.unsubscribed_count),
  };
}

/** Stored counters of the exports that exist, by export id. */
export async function readCountersOf(
  db: Db,
  exportIds: readonly string[],
): Promise<Map<string, EngagementCounters>> {
  if (exportIds.length === 0) return new Map();
  const rows = await db.$queryRawUnsafe<Required<CounterRow>[]>(
    `SELECT id::text AS id, ${COLUMNS} FROM gmaps_instantly_campaigns WHERE id = ANY($1::uuid[])`,
    exportIds,
  );
  return new Map(rows.map((r) => [r.id, toCounters(r)]));
}

/** An export's stored counters (null when the export does not exist). */
export async function readCounters(db: Db, exportId: string): Promise<EngagementCounters | null> {
  return (await readCountersOf(db, [exportId])).get(exportId) ?? null;
}
