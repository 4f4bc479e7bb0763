import { isKnownEventType, type InstantlyWebhookPayload } from '../../contracts/schemas/instantly-webhook';
import type { PrismaClient } from '../prisma';
import { dedupeKey, normalizeEmail } from './dedupe';
import { NON_PII_PAYLOAD_KEYS, strippedPayloadSql } from './pii';

/** Where a stored event went. `exportId` null = unmatched (no export has that Instantly campaign id). */
export interface IngestedEvent {
  id: string;
  exportId: string | null;
  /** The row existed already (same dedupe key). */
  duplicate: boolean;
  /** The row was applied already (nothing left to signal). */
  applied: boolean;
}

/** One event to store: the raw payload as it arrived plus its validated fields. */
export interface IngestInput {
  raw: Record<string, unknown>;
  parsed: InstantlyWebhookPayload;
  /** webhook (intake), delivery_log (drift repair), poll (synthesized from lead counters). */
  source: 'webhook' | 'delivery_log' | 'poll';
  /** Override of the dedupe key (poll events use pollDedupeKey). */
  key?: string;
}

// One round trip: resolve the export by Instantly campaign id and the business by lower-cased email through the
// export ledger (an indexed exact match on the stored email first, an export-scoped scan only when that misses),
// insert idempotently, and fall back to the existing row on a dedupe-key conflict. A business whose personal
// data was deleted gets a stripped payload and no lead_email.
const INSERT_SQL = `
WITH exp AS (
  SELECT id FROM gmaps_instantly_campaigns WHERE instantly_campaign_id = $1::text LIMIT 1
), target AS (
  SELECT (SELECT id FROM exp) AS export_id,
    COALESCE(
      (SELECT l.business_id FROM gmaps_businesses b
         JOIN gmaps_instantly_export_leads l ON l.business_id = b.id AND l.export_id = (SELECT id FROM exp)
        WHERE b.email = ANY($3::text[]) AND lower(trim(b.email)) = $2::text
        ORDER BY (l.outcome = 'uploaded') DESC, l.business_id LIMIT 1),
      (SELECT l.business_id FROM gmaps_instantly_export_leads l
         JOIN gmaps_businesses b ON b.id = l.business_id
        WHERE l.export_id = (SELECT id FROM exp) AND lower(trim(b.email)) = $2::text
        ORDER BY (l.outcome = 'uploaded') DESC, l.business_id LIMIT 1)
    ) AS business_id
), resolved AS (
  SELECT t.export_id, t.business_id, coalesce(b.personal_data_deleted_at IS NOT NULL, false) AS deleted
  FROM target t LEFT JOIN gmaps_businesses b ON b.id = t.business_id
), ins AS (
  INSERT INTO gmaps_instantly_events (dedupe_key, export_id, business_id, instantly_campaign_id, event_type,
    known_type, unmatched, lead_email, step, variant, email_id, occurred_at, source, payload)
  SELECT $4::text, r.export_id, r.business_id, $1::text, $5::text, $6::boolean, r.export_id IS NULL,
    CASE WHEN r.deleted THEN NULL ELSE $2::text END, $7::int, $8::int, $9::text, $10::timestamptz, $11::text,
    CASE WHEN r.deleted THEN ${strippedPayloadSql('$12::jsonb', '$13')} ELSE $12::jsonb END
  FROM resolved r
  ON CONFLICT (dedupe_key) DO NOTHING
  RETURNING id, export_id
)
SELECT id::text AS id, export_id::text AS export_id, false AS duplicate, false AS applied FROM ins
UNION ALL
SELECT id::text, export_id::text, true, applied_at IS NOT NULL FROM gmaps_instantly_events
 WHERE dedupe_key = $4::text AND NOT EXISTS (SELECT 1 FROM ins)`;

interface Row {
  id: string;
  export_id: string | null;
  duplicate: boolean;
  applied: boolean;
}

/**
 * Stores one Instantly event exactly once (idempotent on its dedupe key) and says where it belongs.
 * Safe to call concurrently for the same event: the loser of an insert race reads the winner's row.
 */
export async function ingestEvent(prisma: PrismaClient, input: IngestInput): Promise<IngestedEvent> {
  const p = input.parsed;
  const email = normalizeEmail(p.lead_email);
  const candidates = email ? [...new Set([email, p.lead_email!.trim()])] : [];
  const key = input.key ?? dedupeKey(p);
  const params = [
    p.campaign_id ?? null,
    email,
    candidates,
    key,
    p.event_type,
    isKnownEventType(p.event_type),
    p.step ?? null,
    p.variant ?? null,
    p.email_id ?? null,
    new Date(p.timestamp),
    input.source,
    JSON.stringify(input.raw),
    [...NON_PII_PAYLOAD_KEYS],
  ];
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const rows = await prisma.$queryRawUnsafe<Row[]>(INSERT_SQL, ...params);
    const row = rows[0];
    if (row) return { id: row.id, exportId: row.export_id, duplicate: row.duplicate, applied: row.applied };
    // A concurrent insert of the same key committed after this statement's snapshot: read it next time.
  }
  throw new Error(`event ${key} could be neither inserted nor read`);
}
