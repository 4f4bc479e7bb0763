import { leadBusinessSql } from './lead-match';

// The statements of applying events (db/events-apply.ts runs them in one transaction per batch).

// Late ledger rows: an event stored before its business could be resolved gets it now (the one e-mail match,
// without the index hint: only for such rows).
export const RESOLVE_BUSINESSES_SQL = `
UPDATE gmaps_instantly_events e SET business_id = m.business_id
FROM (
  SELECT e2.id, x.business_id FROM gmaps_instantly_events e2
  CROSS JOIN LATERAL (${leadBusinessSql('e2.export_id', 'e2.lead_email')}) x
  WHERE e2.id = ANY($1::bigint[]) AND e2.applied_at IS NULL AND e2.business_id IS NULL
    AND e2.export_id IS NOT NULL AND e2.lead_email IS NOT NULL
) m
WHERE e.id = m.id AND m.business_id IS NOT NULL`;

// Adds the rows of CTE `claimed` (export_id, step, variant, event_type) matching `also` to the per-step counters.
// Only rows the same statement just claimed are counted, so an event is counted exactly once. A NULL variant is
// stored as -1.
export const stepCountersUpsert = (also = 'true') => `
  INSERT INTO gmaps_instantly_step_counters AS s (export_id, step, variant, event_type, events)
  SELECT export_id, step, coalesce(variant, -1), event_type, count(*)::int FROM claimed
  WHERE export_id IS NOT NULL AND step IS NOT NULL AND ${also} GROUP BY 1, 2, 3, 4
  ON CONFLICT (export_id, step, variant, event_type) DO UPDATE SET events = s.events + excluded.events`;

// Claim (applied_at IS NULL → now()) and fold the claimed rows into the businesses and the per-step counters in
// one statement. LEAST/GREATEST ignore NULLs, keep the earliest time and never lower the score: commutative and
// idempotent. Score: 1 sent, 2 opened, 3 clicked, 4 replied (auto-replies, bounces and unsubscribes do not score).
// $2: the exports whose counters this transaction locked. A row whose export was attached after that lock was
// taken (export_id NULL → an export, by attachUnmatched) is left for the sweep that follows every attach, so
// counters are only ever written under their export's lock. The claimed ids are returned for the counters.
export const CLAIM_AND_APPLY_SQL = `
WITH claimed AS (
  UPDATE gmaps_instantly_events SET applied_at = now()
  WHERE id = ANY($1::bigint[]) AND applied_at IS NULL AND (export_id IS NULL OR export_id = ANY($2::uuid[]))
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
  array(SELECT id::text FROM claimed WHERE export_id IS NOT NULL) AS ids,
  array(SELECT DISTINCT export_id::text || ' ' || event_type FROM claimed WHERE export_id IS NOT NULL) AS types,
  array(SELECT DISTINCT business_id::text FROM claimed
         WHERE event_type = 'reply_received' AND business_id IS NOT NULL) AS replied,
  (SELECT count(*) FROM upd)::int AS businesses`;

// Reply text and subject come from the business's EARLIEST applied human reply that carries text (ties broken
// by dedupe key), recomputed from the events table: the same result whatever order replies arrive in.
// The business row is already locked by the claim statement, so concurrent appliers serialize here.
export const REPLY_TEXT_SQL = `
UPDATE gmaps_businesses b SET instantly_reply_text = r.reply_text, instantly_reply_subject = r.reply_subject
FROM (
  SELECT DISTINCT ON (business_id) business_id,
    coalesce(payload->>'reply_text', payload->>'reply_text_snippet') AS reply_text,
    payload->>'reply_subject' AS reply_subject
  FROM gmaps_instantly_events
  WHERE business_id = ANY($1::uuid[]) AND event_type = 'reply_received' AND applied_at IS NOT NULL
    AND superseded_by IS NULL AND (payload ? 'reply_text' OR payload ? 'reply_text_snippet')
  ORDER BY business_id, occurred_at, dedupe_key
) r
WHERE b.id = r.business_id AND b.personal_data_deleted_at IS NULL
  AND (b.instantly_reply_text IS DISTINCT FROM r.reply_text
       OR b.instantly_reply_subject IS DISTINCT FROM r.reply_subject)`;
