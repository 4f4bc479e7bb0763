import { emailSha256Sql } from '../lib/engagement/pii';
import { leadBusinessSql } from './lead-match';

// SQL of the webhook intake. It runs for every delivery, so it is shaped to be cheap to PLAN as well as to run:
// Prisma sends unnamed statements that are planned on every call (one big CTE costs ~1.5 ms to plan — more than
// the work), and each statement is a round trip. So: one flat INSERT … SELECT over a JSON array of events (the
// intake group-commits concurrent deliveries into one statement), with a single lateral lookup per event.

/**
 * Insert events given as a JSON array ($1), each under its organization (the one whose webhook received it, or
 * whose export a sync synthesized it for): the export is the organization's export of that Instantly campaign —
 * an event naming another organization's Instantly campaign stays unmatched — and the business is found through
 * that export's ledger (leadBusinessSql). Idempotent on (organization, dedupe key): existing keys are skipped
 * (and not returned). An event of a business whose personal data was deleted, or of an address the organization
 * erased (personal_data_suppressions with reason 'erasure', matched or not), is stored without lead_email and with the stripped payload.
 */
export const INSERT_EVENTS_SQL = `
INSERT INTO gmaps_instantly_events (organization_id, dedupe_key, export_id, business_id, instantly_campaign_id,
  event_type, known_type, unmatched, lead_email, step, variant, email_id, occurred_at, source, payload)
SELECT i.organization_id, i.dedupe_key, c.id, x.business_id, i.instantly_campaign_id, i.event_type, i.known_type,
  c.id IS NULL, CASE WHEN x.deleted OR s.erased THEN NULL ELSE i.lead_email END, i.step, i.variant, i.email_id,
  i.occurred_at, i.source, CASE WHEN x.deleted OR s.erased THEN i.stripped ELSE i.payload END
FROM jsonb_to_recordset($1::jsonb) AS i(organization_id uuid, dedupe_key text, lead_email text, given_email text,
  instantly_campaign_id text, event_type text, known_type boolean, step int, variant int, email_id text,
  occurred_at timestamptz, source text, payload jsonb, stripped jsonb)
LEFT JOIN gmaps_instantly_campaigns c
  ON c.instantly_campaign_id = i.instantly_campaign_id AND c.organization_id = i.organization_id
LEFT JOIN LATERAL (${leadBusinessSql('c.id', 'i.lead_email', 'ARRAY[i.lead_email, i.given_email]')}) x ON true
LEFT JOIN LATERAL (
  SELECT true AS erased FROM personal_data_suppressions p
  WHERE p.organization_id = i.organization_id AND p.email_sha256 = ${emailSha256Sql('i.lead_email')}
    AND p.reason = 'erasure'
) s ON true
ON CONFLICT (organization_id, dedupe_key) DO NOTHING
RETURNING organization_id::text AS organization_id, dedupe_key, id::text AS id, export_id::text AS export_id, business_id::text AS business_id`;

/** The stored rows of (organization $1[n], dedupe key $2[n]) pairs (after conflicts). */
export const EXISTING_EVENTS_SQL = `
SELECT e.organization_id::text AS organization_id, e.dedupe_key, e.id::text AS id,
  e.export_id::text AS export_id, e.applied_at IS NOT NULL AS applied
FROM unnest($1::uuid[], $2::text[]) AS k(organization_id, dedupe_key)
JOIN gmaps_instantly_events e ON e.organization_id = k.organization_id AND e.dedupe_key = k.dedupe_key`;

/**
 * Only when the exact email match missed (an email stored with other case or spaces): the match without the
 * index hint (an export-scoped scan), then the business is set on the new row (stripped when its personal data
 * was deleted). Says whether the row was already applied (a concurrent sweep claimed it first): its lead key
 * then changed after it was counted, and the caller recounts the export.
 */
export const LATE_BUSINESS_SQL = `
UPDATE gmaps_instantly_events e SET business_id = m.business_id,
  lead_email = CASE WHEN m.deleted THEN NULL ELSE e.lead_email END,
  payload = CASE WHEN m.deleted THEN $3::jsonb ELSE e.payload END
FROM (${leadBusinessSql('(SELECT export_id FROM gmaps_instantly_events WHERE id = $1::bigint)', '$2::text')}) m
WHERE e.id = $1::bigint
RETURNING e.applied_at IS NOT NULL AS applied`;
