import { isKnownEventType, type InstantlyWebhookPayload } from '../../contracts/schemas/instantly-webhook';
import type { PrismaClient } from '../prisma';
import { dedupeKey, normalizeEmail } from './dedupe';
import { NON_PII_PAYLOAD_KEYS } from './pii';

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

// Statements are kept small on purpose: this runs once per webhook, and a single CTE doing everything costs
// more to PLAN (~1.5 ms, every time: parameterised statements are not cached across Prisma calls) than the
// three small statements below cost to run.

// The export by Instantly campaign id, and the business by lower-cased email through the export ledger: an
// indexed exact match on the stored email (as given, or lower-cased).
const RESOLVE_SQL = `
SELECT c.id::text AS export_id, x.business_id::text AS business_id, coalesce(x.deleted, false) AS deleted
FROM gmaps_instantly_campaigns c
LEFT JOIN LATERAL (
  SELECT l.business_id, b.personal_data_deleted_at IS NOT NULL AS deleted
  FROM gmaps_businesses b JOIN gmaps_instantly_export_leads l ON l.business_id = b.id AND l.export_id = c.id
  WHERE b.email = ANY($2::text[]) AND lower(trim(b.email)) = $3::text
  ORDER BY (l.outcome = 'uploaded') DESC, l.business_id LIMIT 1
) x ON true
WHERE c.instantly_campaign_id = $1::text`;

// Only when the exact match missed (an email stored with other case/spaces): an export-scoped scan.
const RESOLVE_SLOW_SQL = `
SELECT l.business_id::text AS business_id, b.personal_data_deleted_at IS NOT NULL AS deleted
FROM gmaps_instantly_export_leads l JOIN gmaps_businesses b ON b.id = l.business_id
WHERE l.export_id = $1::uuid AND lower(trim(b.email)) = $2::text
ORDER BY (l.outcome = 'uploaded') DESC, l.business_id LIMIT 1`;

const INSERT_SQL = `
INSERT INTO gmaps_instantly_events (dedupe_key, export_id, business_id, instantly_campaign_id, event_type,
  known_type, unmatched, lead_email, step, variant, email_id, occurred_at, source, payload)
VALUES ($1::text, $2::uuid, $3::uuid, $4::text, $5::text, $6::boolean, $7::boolean, $8::text, $9::int, $10::int,
  $11::text, $12::timestamptz, $13::text, $14::jsonb)
ON CONFLICT (dedupe_key) DO NOTHING
RETURNING id::text AS id`;

const EXISTING_SQL = `
SELECT id::text AS id, export_id::text AS export_id, applied_at IS NOT NULL AS applied
FROM gmaps_instantly_events WHERE dedupe_key = $1::text`;

interface Target {
  exportId: string | null;
  businessId: string | null;
  deleted: boolean;
}

async function resolve(
  prisma: PrismaClient,
  campaignId: string | null,
  email: string | null,
  given: string | null,
): Promise<Target> {
  if (!campaignId) return { exportId: null, businessId: null, deleted: false };
  const candidates = email ? [...new Set([email, given?.trim() ?? email])] : [];
  const [row] = await prisma.$queryRawUnsafe<
    Array<{ export_id: string; business_id: string | null; deleted: boolean }>
  >(RESOLVE_SQL, campaignId, candidates, email);
  if (!row) return { exportId: null, businessId: null, deleted: false };
  if (row.business_id || !email)
    return { exportId: row.export_id, businessId: row.business_id, deleted: row.deleted };
  const [slow] = await prisma.$queryRawUnsafe<Array<{ business_id: string; deleted: boolean }>>(
    RESOLVE_SLOW_SQL,
    row.export_id,
    email,
  );
  return { exportId: row.export_id, businessId: slow?.business_id ?? null, deleted: slow?.deleted ?? false };
}

/** The payload without personal data (what an event of a business whose personal data was deleted keeps). */
export function strippedPayload(raw: Record<string, unknown>): Record<string, unknown> {
  const keep = new Set<string>(NON_PII_PAYLOAD_KEYS);
  return Object.fromEntries(Object.entries(raw).filter(([k]) => keep.has(k)));
}

/**
 * Stores one Instantly event exactly once (idempotent on its dedupe key) and says where it belongs.
 * Safe to call concurrently for the same event: the loser of an insert race reads the winner's row.
 */
export async function ingestEvent(prisma: PrismaClient, input: IngestInput): Promise<IngestedEvent> {
  const p = input.parsed;
  const email = normalizeEmail(p.lead_email);
  const key = input.key ?? dedupeKey(p);
  const target = await resolve(prisma, p.campaign_id ?? null, email, p.lead_email ?? null);
  const inserted = await prisma.$queryRawUnsafe<Array<{ id: string }>>(
    INSERT_SQL,
    key,
    target.exportId,
    target.businessId,
    p.campaign_id ?? null,
    p.event_type,
    isKnownEventType(p.event_type),
    target.exportId === null,
    target.deleted ? null : email,
    p.step ?? null,
    p.variant ?? null,
    p.email_id ?? null,
    new Date(p.timestamp),
    input.source,
    JSON.stringify(target.deleted ? strippedPayload(input.raw) : input.raw),
  );
  if (inserted[0]) return { id: inserted[0].id, exportId: target.exportId, duplicate: false, applied: false };
  // The key exists: report the stored row (ON CONFLICT waited for a concurrent inserter to commit).
  const [existing] = await prisma.$queryRawUnsafe<
    Array<{ id: string; export_id: string | null; applied: boolean }>
  >(EXISTING_SQL, key);
  if (!existing) throw new Error(`event ${key} could be neither inserted nor read`);
  return { id: existing.id, exportId: existing.export_id, duplicate: true, applied: existing.applied };
}
