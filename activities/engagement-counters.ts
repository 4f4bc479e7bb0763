import type { EngagementCounters } from '../contracts/engagement';
import type { Prisma, PrismaClient } from '../lib/prisma';

type Db = PrismaClient | Prisma.TransactionClient;

/** Event types the export counters are computed from. */
const COUNTED_TYPES = [
  'email_sent',
  'email_opened',
  'link_clicked',
  'reply_received',
  'auto_reply_received',
  'email_bounced',
  'lead_unsubscribed',
];

// Counters are recomputed from the applied events, never incremented, so applying the same events twice or in
// any order gives the same numbers. A lead is its business (stable even after its personal data is deleted)
// or, for events of leads we did not export, its lower-cased email. emails_sent_count counts every sent email
// we saw; a 'poll'-synthesized send (one per lead, from Instantly's lead counters) counts only when no real
// send event of that lead exists.
const RECOMPUTE_SQL = `
WITH ev AS MATERIALIZED (
  SELECT event_type, source, coalesce(business_id::text, lead_email, dedupe_key) AS lead
  FROM gmaps_instantly_events
  WHERE export_id = $1::uuid AND event_type = ANY($2::text[]) AND applied_at IS NOT NULL
), s AS (
  SELECT
    count(*) FILTER (WHERE event_type = 'email_sent' AND source <> 'poll')
      + (SELECT count(*) FROM (
           SELECT lead FROM ev WHERE event_type = 'email_sent' AND source = 'poll'
           EXCEPT SELECT lead FROM ev WHERE event_type = 'email_sent' AND source <> 'poll') x) AS emails_sent,
    count(DISTINCT lead) FILTER (WHERE event_type = 'email_sent') AS contacted,
    count(DISTINCT lead) FILTER (WHERE event_type = 'email_opened') AS opened,
    count(DISTINCT lead) FILTER (WHERE event_type = 'link_clicked') AS clicked,
    count(DISTINCT lead) FILTER (WHERE event_type = 'reply_received') AS replied,
    count(DISTINCT lead) FILTER (WHERE event_type = 'auto_reply_received') AS auto_replied,
    count(DISTINCT lead) FILTER (WHERE event_type = 'email_bounced') AS bounced,
    count(DISTINCT lead) FILTER (WHERE event_type = 'lead_unsubscribed') AS unsubscribed
  FROM ev
)
UPDATE gmaps_instantly_campaigns c SET
  emails_sent_count = s.emails_sent, contacted_count = s.contacted, opened_count = s.opened,
  clicked_count = s.clicked, replied_count = s.replied, auto_replied_count = s.auto_replied,
  bounced_count = s.bounced, unsubscribed_count = s.unsubscribed, updated_at = now()
FROM s WHERE c.id = $1::uuid
RETURNING ${columns('c')}`;

function columns(alias: string): string {
  return [
    'emails_sent_count',
    'contacted_count',
    'opened_count',
    'clicked_count',
    'replied_count',
    'auto_replied_count',
    'bounced_count',
    'unsubscribed_count',
  ]
    .map((c) => `${alias}.${c}`)
    .join(', ');
}

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

/** Recomputes an export's engagement counters from its applied events and returns them. */
export async function recomputeCounters(db: Db, exportId: string): Promise<EngagementCounters | null> {
  const rows = await db.$queryRawUnsafe<CounterRow[]>(RECOMPUTE_SQL, exportId, COUNTED_TYPES);
  return rows[0] ? toCounters(rows[0]) : null;
}

/** An export's stored counters (null when the export does not exist). */
export async function readCounters(db: Db, exportId: string): Promise<EngagementCounters | null> {
  const rows = await db.$queryRawUnsafe<CounterRow[]>(
    `SELECT ${columns('c')} FROM gmaps_instantly_campaigns c WHERE c.id = $1::uuid`,
    exportId,
  );
  return rows[0] ? toCounters(rows[0]) : null;
}
