import type { EngagementCounters } from '../contracts/engagement';
import type { Prisma, PrismaClient } from '../lib/prisma';

type Db = PrismaClient | Prisma.TransactionClient;

// Counters are recomputed from the applied events, never incremented, so applying the same events twice or in
// any order gives the same numbers. A lead is its business (stable even after its personal data is deleted)
// or, for events of leads we did not export, its lower-cased email.
const LEAD = `coalesce(business_id::text, lead_email, dedupe_key)`;
const OF_TYPE = (type: string) =>
  `FROM gmaps_instantly_events WHERE export_id = $1::uuid AND event_type = '${type}' AND applied_at IS NOT NULL
   AND superseded_by IS NULL`;

// emails_sent_count counts every sent email we saw; a 'poll'-synthesized send (one per lead, from Instantly's
// lead counters) counts only when no real send event of that lead exists.
const EMAILS_SENT = `(SELECT count(*) ${OF_TYPE('email_sent')} AND source <> 'poll')
  + (SELECT count(*) FROM (SELECT ${LEAD} ${OF_TYPE('email_sent')} AND source = 'poll'
                           EXCEPT SELECT ${LEAD} ${OF_TYPE('email_sent')} AND source <> 'poll') x)`;
const distinctLeads = (type: string) => `(SELECT count(DISTINCT ${LEAD}) ${OF_TYPE(type)})`;

/**
 * Event type → the counter columns it feeds and how each is computed (each uses the (export, type) index).
 * A Map: event types are outside strings (Instantly passes custom labels through), and as keys of a plain
 * object `constructor` or `toString` would find Object.prototype's members and fail the whole apply batch.
 */
const COUNTERS = new Map<string, ReadonlyArray<readonly [column: string, sql: string]>>([
  [
    'email_sent',
    [
      ['emails_sent_count', EMAILS_SENT],
      ['contacted_count', distinctLeads('email_sent')],
    ],
  ],
  ['email_opened', [['opened_count', distinctLeads('email_opened')]]],
  ['link_clicked', [['clicked_count', distinctLeads('link_clicked')]]],
  ['reply_received', [['replied_count', distinctLeads('reply_received')]]],
  ['auto_reply_received', [['auto_replied_count', distinctLeads('auto_reply_received')]]],
  ['email_bounced', [['bounced_count', distinctLeads('email_bounced')]]],
  ['lead_unsubscribed', [['unsubscribed_count', distinctLeads('lead_unsubscribed')]]],
]);

/** Event types that feed a counter. */
export const COUNTED_TYPES: readonly string[] = [...COUNTERS.keys()];

/** The counter assignments the given event types feed; types that feed none (custom labels) are skipped. */
export function counterAssignments(types: readonly string[]): string[] {
  return types.flatMap((t) => COUNTERS.get(t) ?? []).map(([column, sql]) => `${column} = ${sql}`);
}

const COLUMNS = [
  'emails_sent_count',
  'contacted_count',
  'opened_count',
  'clicked_count',
  'replied_count',
  'auto_replied_count',
  'bounced_count',
  'unsubscribed_count',
].join(', ');

interface CounterRow {
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

/**
 * Recomputes an export's engagement counters from its applied events and returns all of them. With `types`,
 * only the counters those event types feed are recomputed (the others cannot have changed): a batch of opens
 * costs one indexed count, not eight.
 */
export async function recomputeCounters(
  db: Db,
  exportId: string,
  types: readonly string[] = COUNTED_TYPES,
): Promise<EngagementCounters | null> {
  const sets = counterAssignments(types);
  if (sets.length === 0) return readCounters(db, exportId);
  const rows = await db.$queryRawUnsafe<CounterRow[]>(
    `UPDATE gmaps_instantly_campaigns SET ${sets.join(', ')}, updated_at = now() WHERE id = $1::uuid
     RETURNING ${COLUMNS}`,
    exportId,
  );
  return rows[0] ? toCounters(rows[0]) : null;
}

/** An export's stored counters (null when the export does not exist). */
export async function readCounters(db: Db, exportId: string): Promise<EngagementCounters | null> {
  const rows = await db.$queryRawUnsafe<CounterRow[]>(
    `SELECT ${COLUMNS} FROM gmaps_instantly_campaigns WHERE id = $1::uuid`,
    exportId,
  );
  return rows[0] ? toCounters(rows[0]) : null;
}
