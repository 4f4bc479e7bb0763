// SQL of the webhook intake. It runs once per delivery, so it is shaped to be cheap to PLAN as well as to run:
// Prisma sends unnamed statements that are planned on every call, and one big CTE costs ~1.5 ms to plan — more
// than the work itself. One flat INSERT … SELECT with a single lateral lookup plans in a fraction of that.

/**
 * Insert one event, resolving the export by Instantly campaign id and the business by lower-cased email through
 * that export's ledger (indexed exact match on the stored email, as given or lower-cased). Idempotent on the
 * dedupe key; returns nothing when the key exists. A business whose personal data was deleted gets no
 * lead_email and the stripped payload ($13).
 */
export const INSERT_EVENT_SQL = `
INSERT INTO gmaps_instantly_events (dedupe_key, export_id, business_id, instantly_campaign_id, event_type,
  known_type, unmatched, lead_email, step, variant, email_id, occurred_at, source, payload)
SELECT $1::text, c.id, x.business_id, $4::text, $5::text, $6::boolean, c.id IS NULL,
  CASE WHEN x.deleted THEN NULL ELSE $3::text END, $7::int, $8::int, $9::text, $10::timestamptz, $11::text,
  CASE WHEN x.deleted THEN $13::jsonb ELSE $12::jsonb END
FROM (SELECT 1) AS one
LEFT JOIN gmaps_instantly_campaigns c ON c.instantly_campaign_id = $4::text
LEFT JOIN LATERAL (
  SELECT l.business_id, b.personal_data_deleted_at IS NOT NULL AS deleted
  FROM gmaps_businesses b JOIN gmaps_instantly_export_leads l ON l.business_id = b.id AND l.export_id = c.id
  WHERE b.email = ANY($2::text[]) AND lower(trim(b.email)) = $3::text
  ORDER BY (l.outcome = 'uploaded') DESC, l.business_id LIMIT 1
) x ON true
ON CONFLICT (dedupe_key) DO NOTHING
RETURNING id::text AS id, export_id::text AS export_id, business_id::text AS business_id`;

/** The stored row of a dedupe key (after a conflict). */
export const EXISTING_EVENT_SQL = `
SELECT id::text AS id, export_id::text AS export_id, applied_at IS NOT NULL AS applied
FROM gmaps_instantly_events WHERE dedupe_key = $1::text`;

/**
 * Only when the exact email match missed (an email stored with other case or spaces): an export-scoped scan,
 * then the business is set on the new row (stripped when its personal data was deleted).
 */
export const LATE_BUSINESS_SQL = `
UPDATE gmaps_instantly_events e SET business_id = m.business_id,
  lead_email = CASE WHEN m.deleted THEN NULL ELSE e.lead_email END,
  payload = CASE WHEN m.deleted THEN $3::jsonb ELSE e.payload END
FROM (
  SELECT l.business_id, b.personal_data_deleted_at IS NOT NULL AS deleted
  FROM gmaps_instantly_export_leads l JOIN gmaps_businesses b ON b.id = l.business_id
  WHERE l.export_id = (SELECT export_id FROM gmaps_instantly_events WHERE id = $1::bigint)
    AND lower(trim(b.email)) = $2::text
  ORDER BY (l.outcome = 'uploaded') DESC, l.business_id LIMIT 1
) m
WHERE e.id = $1::bigint`;
