// SQL of the webhook intake. It runs for every delivery, so it is shaped to be cheap to PLAN as well as to run:
// Prisma sends unnamed statements that are planned on every call (one big CTE costs ~1.5 ms to plan — more than
// the work), and each statement is a round trip. So: one flat INSERT … SELECT over a JSON array of events (the
// intake group-commits concurrent deliveries into one statement), with a single lateral lookup per event.

/**
 * Insert events given as a JSON array ($1), resolving each export by Instantly campaign id and each business by
 * lower-cased email through that export's ledger (indexed exact match on the stored email, as given or
 * lower-cased). Idempotent on the dedupe key: existing keys are skipped (and not returned). A business whose
 * personal data was deleted gets no lead_email and the stripped payload.
 */
export const INSERT_EVENTS_SQL = `
INSERT INTO gmaps_instantly_events (dedupe_key, export_id, business_id, instantly_campaign_id, event_type,
  known_type, unmatched, lead_email, step, variant, email_id, occurred_at, source, payload)
SELECT i.dedupe_key, c.id, x.business_id, i.instantly_campaign_id, i.event_type, i.known_type, c.id IS NULL,
  CASE WHEN x.deleted THEN NULL ELSE i.lead_email END, i.step, i.variant, i.email_id, i.occurred_at, i.source,
  CASE WHEN x.deleted THEN i.stripped ELSE i.payload END
FROM jsonb_to_recordset($1::jsonb) AS i(dedupe_key text, lead_email text, given_email text,
  instantly_campaign_id text, event_type text, known_type boolean, step int, variant int, email_id text,
  occurred_at timestamptz, source text, payload jsonb, stripped jsonb)
LEFT JOIN gmaps_instantly_campaigns c ON c.instantly_campaign_id = i.instantly_campaign_id
LEFT JOIN LATERAL (
  SELECT l.business_id, b.personal_data_deleted_at IS NOT NULL AS deleted
  FROM gmaps_businesses b JOIN gmaps_instantly_export_leads l ON l.business_id = b.id AND l.export_id = c.id
  WHERE b.email = ANY(ARRAY[i.lead_email, i.given_email]) AND lower(trim(b.email)) = i.lead_email
  ORDER BY (l.outcome = 'uploaded') DESC, l.business_id LIMIT 1
) x ON true
ON CONFLICT (dedupe_key) DO NOTHING
RETURNING dedupe_key, id::text AS id, export_id::text AS export_id, business_id::text AS business_id`;

/** The stored rows of dedupe keys (after conflicts). */
export const EXISTING_EVENTS_SQL = `
SELECT dedupe_key, id::text AS id, export_id::text AS export_id, applied_at IS NOT NULL AS applied
FROM gmaps_instantly_events WHERE dedupe_key = ANY($1::text[])`;

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
