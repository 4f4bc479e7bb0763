import type { EngagementCounters } from '../contracts/engagement';
import type { Prisma, PrismaClient } from '../lib/prisma';
import { recomputeCounters } from './engagement-counters';

type Tx = Prisma.TransactionClient;

// Late ledger rows: an event stored before its business could be resolved gets it now (export-scoped scan,
// only for such rows).
const RESOLVE_BUSINESSES_SQL = `
UPDATE gmaps_instantly_events e SET business_id = m.business_id
FROM (
  SELECT e2.id, (SELECT l.business_id FROM gmaps_instantly_export_leads l
                   JOIN gmaps_businesses b ON b.id = l.business_id
                  WHERE l.export_id = e2.export_id AND lower(trim(b.email)) = e2.lead_email
                  ORDER BY (l.outcome = 'uploaded') DESC, l.business_id LIMIT 1) AS business_id
  FROM gmaps_instantly_events e2
  WHERE e2.id = ANY($1::bigint[]) AND e2.applied_at IS NULL AND e2.business_id IS NULL
    AND e2.export_id IS NOT NULL AND e2.lead_email IS NOT NULL
) m
WHERE e.id = m.id AND m.business_id IS NOT NULL`;

// Adds the rows of CTE `claimed` (export_id, step, variant, event_type) matching `also` to the per-step counters.
// Only rows the same statement just claimed are counted, so an event is counted exactly once. A NULL variant is
// stored as -1.
const stepCountersUpsert = (also = 'true') => `
  INSERT INTO gmaps_instantly_step_counters AS s (export_id, step, variant, event_type, events)
  SELECT export_id, step, coalesce(variant, -1), event_type, count(*)::int FROM claimed
  WHERE export_id IS NOT NULL AND step IS NOT NULL AND ${also} GROUP BY 1, 2, 3, 4
  ON CONFLICT (export_id, step, variant, event_type) DO UPDATE SET events = s.events + excluded.events`;

// Claim (applied_at IS NULL → now()) and fold the claimed rows into the businesses and the per-step counters in
// one statement. LEAST/GREATEST ignore NULLs, keep the earliest time and never lower the score: commutative and
// idempotent. Score: 1 sent, 2 opened, 3 clicked, 4 replied (auto-replies, bounces and unsubscribes do not score).
const CLAIM_AND_APPLY_SQL = `
WITH claimed AS (
  UPDATE gmaps_instantly_events SET applied_at = now()
  WHERE id = ANY($1::bigint[]) AND applied_at IS NULL
  RETURNING id, export_id, business_id, event_type, occurred_at, step, variant
), agg AS (
  SELECT business_id,
    min(occurred_at) FILTER (WHERE event_type = 'email_sent') AS sent,
    min(occurred_at) FILTER (WHERE event_type = 'email_opened') AS opened,
    min(occurred_at) FILTER (WHERE event_type = 'link_clicked') AS clicked,
    min(occurred_at) FILTER (WHERE event_type = 'reply_received') AS replied,
    min(occurred_at) FILTER (WHERE event_type = 'email_bounced') AS bounced,
    min(occurred_at) FILTER (WHERE event_type = 'lead_unsubscribed') AS unsubscribed,
    max(CASE event_type WHEN 'email_sent' THEN 1 WHEN 'email_opened' THEN 2 WHEN 'link_clicked' THEN 3
                        WHEN 'reply_received' THEN 4 ELSE 0 END) AS score
  FROM claimed WHERE business_id IS NOT NULL GROUP BY business_id
), upd AS (
  UPDATE gmaps_businesses b SET
    instantly_sent_at = LEAST(b.instantly_sent_at, agg.sent),
    instantly_opened_at = LEAST(b.instantly_opened_at, agg.opened),
    instantly_clicked_at = LEAST(b.instantly_clicked_at, agg.clicked),
    instantly_replied_at = LEAST(b.instantly_replied_at, agg.replied),
    instantly_bounced_at = LEAST(b.instantly_bounced_at, agg.bounced),
    instantly_unsubscribed_at = LEAST(b.instantly_unsubscribed_at, agg.unsubscribed),
    instantly_engagement_score = GREATEST(b.instantly_engagement_score, agg.score),
    updated_at = now()
  FROM agg WHERE b.id = agg.business_id
  RETURNING b.id
), steps AS (
${stepCountersUpsert()}
)
SELECT (SELECT count(*) FROM claimed)::int AS applied,
  array(SELECT DISTINCT export_id::text || ' ' || event_type FROM claimed WHERE export_id IS NOT NULL) AS types,
  array(SELECT DISTINCT business_id::text FROM claimed
         WHERE event_type = 'reply_received' AND business_id IS NOT NULL) AS replied,
  (SELECT count(*) FROM upd)::int AS businesses`;

/**
 * Events stored before their export row knew its Instantly campaign id get that export here. Rows that were
 * already applied (under no export) are added to the new export's step counters in the same statement, so the
 * step counters keep matching the applied events of each export.
 */
export const ATTACH_UNMATCHED_SQL = `
WITH claimed AS (
  UPDATE gmaps_instantly_events SET export_id = $1::uuid, unmatched = false
  WHERE instantly_campaign_id = $2::text AND export_id IS NULL AND unmatched
  RETURNING export_id, step, variant, event_type, applied_at
), steps AS (
${stepCountersUpsert('applied_at IS NOT NULL')}
)
SELECT (SELECT count(*) FROM claimed)::int AS attached`;

// Reply text and subject come from the business's EARLIEST applied human reply that carries text (ties broken
// by dedupe key), recomputed from the events table: the same result whatever order replies arrive in.
// The business row is already locked by the claim statement, so concurrent appliers serialize here.
const REPLY_TEXT_SQL = `
UPDATE gmaps_businesses b SET instantly_reply_text = r.reply_text, instantly_reply_subject = r.reply_subject
FROM (
  SELECT DISTINCT ON (business_id) business_id,
    coalesce(payload->>'reply_text', payload->>'reply_text_snippet') AS reply_text,
    payload->>'reply_subject' AS reply_subject
  FROM gmaps_instantly_events
  WHERE business_id = ANY($1::uuid[]) AND event_type = 'reply_received' AND applied_at IS NOT NULL
    AND (payload ? 'reply_text' OR payload ? 'reply_text_snippet')
  ORDER BY business_id, occurred_at, dedupe_key
) r
WHERE b.id = r.business_id AND b.personal_data_deleted_at IS NULL
  AND (b.instantly_reply_text IS DISTINCT FROM r.reply_text
       OR b.instantly_reply_subject IS DISTINCT FROM r.reply_subject)`;

/** What one apply transaction did. */
export interface AppliedBatch {
  applied: number;
  /** Exports the events belong to (sorted). */
  exportIds: string[];
  counters: Map<string, EngagementCounters>;
}

async function lockExports(tx: Tx, ids: string[]): Promise<string[]> {
  const rows = await tx.$queryRawUnsafe<{ export_id: string }[]>(
    `SELECT DISTINCT export_id::text AS export_id FROM gmaps_instantly_events
      WHERE id = ANY($1::bigint[]) AND export_id IS NOT NULL ORDER BY 1`,
    ids,
  );
  const exportIds = rows.map((r) => r.export_id);
  // Counters are recomputed from the table: serialize appliers of one export (sorted → no deadlock).
  for (const id of exportIds) {
    await tx.$queryRawUnsafe(
      `SELECT 1 AS locked FROM pg_advisory_xact_lock(hashtext('engagement:' || $1::text))`,
      id,
    );
  }
  return exportIds;
}

/**
 * Applies event rows to businesses and export counters in ONE transaction. Only rows whose applied_at is
 * NULL are claimed, so a retry, a duplicate signal or an overlapping repair never applies an event twice.
 */
export async function applyEventIds(prisma: PrismaClient, eventIds: string[]): Promise<AppliedBatch> {
  if (eventIds.length === 0) return { applied: 0, exportIds: [], counters: new Map() };
  return prisma.$transaction(
    async (tx) => {
      const exportIds = await lockExports(tx, eventIds);
      await tx.$executeRawUnsafe(RESOLVE_BUSINESSES_SQL, eventIds);
      const [result] = await tx.$queryRawUnsafe<{ applied: number; replied: string[]; types: string[] }[]>(
        CLAIM_AND_APPLY_SQL,
        eventIds,
      );
      if (result && result.replied.length > 0) await tx.$executeRawUnsafe(REPLY_TEXT_SQL, result.replied);
      // Recompute only the counters the claimed event types feed, per export.
      const typesByExport = new Map<string, string[]>();
      for (const pair of result?.types ?? []) {
        const exportId = pair.slice(0, pair.indexOf(' '));
        typesByExport.set(exportId, [
          ...(typesByExport.get(exportId) ?? []),
          pair.slice(exportId.length + 1),
        ]);
      }
      const counters = new Map<string, EngagementCounters>();
      for (const [id, types] of typesByExport) {
        const c = await recomputeCounters(tx, id, types);
        if (c) counters.set(id, c);
      }
      return { applied: result?.applied ?? 0, exportIds, counters };
    },
    { timeout: 120_000, maxWait: 30_000 },
  );
}
