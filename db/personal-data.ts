import { emailSha256Sql, NON_PII_PAYLOAD_KEYS, strippedPayloadSql } from '../lib/engagement/pii';
import type { PrismaClient } from '../lib/prisma';
import { lockCounters, recountInTx } from './engagement-counters';

// Everything below is scoped by the organization ($ORG): erasing a lead of organization A never touches a row
// of organization B, even when B has a business with the same address.

// The business row (of a campaign of the organization) is locked first so two erasures of it serialise; its
// e-mail is read before it is cleared.
const LOCK_BUSINESS_SQL = `
SELECT lower(trim(b.email)) AS email_key FROM gmaps_businesses b
WHERE b.id = $1::uuid
  AND EXISTS (SELECT 1 FROM gmaps_campaigns c WHERE c.id = b.campaign_id AND c.organization_id = $2::uuid)
FOR UPDATE OF b`;

// Only the hash of the address is kept, so the organization's later exports and webhooks recognise it without
// storing it. An address suppressed earlier because a reply asked to stop contact becomes an erasure.
const SUPPRESS_SQL = `
INSERT INTO personal_data_suppressions (organization_id, email_sha256, erased_business_id)
VALUES ($3::uuid, ${emailSha256Sql('$1::text')}, $2::uuid)
ON CONFLICT (organization_id, email_sha256) DO UPDATE
  SET reason = 'erasure', erased_business_id = coalesce(personal_data_suppressions.erased_business_id, $2::uuid)
  WHERE personal_data_suppressions.reason <> 'erasure'`;

// Every business of the same person in the organization (this one and any other with the same normalised
// e-mail, in any of its campaigns): it keeps its id, campaign, category/location and engagement timestamps and
// score (counts stay the same); every field that identifies a person or carries their words is cleared.
const CLEAR_BUSINESSES_SQL = `
UPDATE gmaps_businesses SET name = '[deleted]', email = NULL, phone = NULL, website = NULL, address = NULL,
  first_name = NULL, last_name = NULL, icebreaker = NULL, subject_line = NULL,
  instantly_reply_text = NULL, instantly_reply_subject = NULL,
  personal_data_deleted_at = coalesce(personal_data_deleted_at, now()), updated_at = now()
WHERE campaign_id IN (SELECT id FROM gmaps_campaigns WHERE organization_id = $3::uuid)
  AND (id = $1::uuid OR ($2::text IS NOT NULL AND email IS NOT NULL AND lower(trim(email)) = $2::text))
RETURNING id::text AS id, personal_data_deleted_at`;

// Events of those businesses and every event carrying the address of the organization's exports, or matched to
// no export (a reply to a campaign we do not know still holds the address and the reply text; such events carry
// no organization of their own here). They keep type, time, step and variant.
// Returns how many were stripped and the exports of applied ones whose lead key was their e-mail (no business):
// their key changes, so those exports' counters are recounted in the same transaction.
const STRIP_EVENTS_SQL = `
WITH s AS (
  UPDATE gmaps_instantly_events SET lead_email = NULL, payload = ${strippedPayloadSql('payload', '$3')}
  WHERE business_id = ANY($1::uuid[])
     OR ($2::text IS NOT NULL AND lead_email = $2::text
         AND (export_id IS NULL
              OR export_id IN (SELECT id FROM gmaps_instantly_campaigns WHERE organization_id = $4::uuid)))
  RETURNING export_id, business_id, applied_at
)
SELECT count(*)::int AS n,
  array(SELECT DISTINCT export_id::text FROM s
         WHERE export_id IS NOT NULL AND business_id IS NULL AND applied_at IS NOT NULL) AS rekeyed
FROM s`;

// The exports whose counters the erasure will recount (the same rows as STRIP_EVENTS_SQL's rekeyed ones), read
// before any row is locked: their counter locks are taken first, in the order every applier takes them.
const REKEYED_EXPORTS_SQL = `
SELECT DISTINCT e.export_id::text AS export_id FROM gmaps_instantly_events e
WHERE e.lead_email = (SELECT lower(trim(b.email)) FROM gmaps_businesses b WHERE b.id = $1::uuid)
  AND e.business_id IS NULL AND e.applied_at IS NOT NULL
  AND e.export_id IN (SELECT id FROM gmaps_instantly_campaigns WHERE organization_id = $2::uuid)`;

// Ledger reasons are Instantly's words about a lead and may quote the address.
const LEDGER_SQL = `
UPDATE gmaps_instantly_export_leads SET reason = '[deleted]'
WHERE business_id = ANY($1::uuid[]) AND $2::text IS NOT NULL AND strpos(lower(reason), $2::text) > 0`;

/** What an erasure did. */
export interface ErasureResult {
  businessId: string;
  personalDataDeletedAt: string;
  eventsRedacted: number;
  otherBusinessesCleared: number;
  addressSuppressed: boolean;
}

/**
 * Erases a person of the organization, found by the business and by its normalised e-mail, in one transaction:
 * clears every business of the organization with that address, strips their events and the organization's (or
 * unmatched) events carrying the address, redacts ledger reasons quoting it, and records the address's SHA-256
 * in the organization's suppressions. null when the business is unknown or another organization's. Idempotent.
 */
export async function erasePersonalData(
  prisma: PrismaClient,
  organizationId: string,
  businessId: string,
): Promise<ErasureResult | null> {
  return prisma.$transaction(async (tx) => {
    const rekeyed = await tx.$queryRawUnsafe<{ export_id: string }[]>(
      REKEYED_EXPORTS_SQL,
      businessId,
      organizationId,
    );
    await lockCounters(
      tx,
      rekeyed.map((r) => r.export_id),
    );
    const locked = await tx.$queryRawUnsafe<{ email_key: string | null }[]>(
      LOCK_BUSINESS_SQL,
      businessId,
      organizationId,
    );
    if (!locked[0]) return null;
    const emailKey = locked[0].email_key || null;
    if (emailKey) await tx.$executeRawUnsafe(SUPPRESS_SQL, emailKey, businessId, organizationId);
    const cleared = await tx.$queryRawUnsafe<{ id: string; personal_data_deleted_at: Date }[]>(
      CLEAR_BUSINESSES_SQL,
      businessId,
      emailKey,
      organizationId,
    );
    const ids = cleared.map((b) => b.id);
    const [stripped] = await tx.$queryRawUnsafe<{ n: number; rekeyed: string[] }[]>(
      STRIP_EVENTS_SQL,
      ids,
      emailKey,
      [...NON_PII_PAYLOAD_KEYS],
      organizationId,
    );
    const eventsRedacted = stripped?.n ?? 0;
    // Events counted under the erased address now count under their own key: a full recount of those exports
    // (rare; it also drops the touch rows keyed by the address).
    await recountInTx(tx, stripped?.rekeyed ?? []);
    await tx.$executeRawUnsafe(LEDGER_SQL, ids, emailKey);
    const own = cleared.find((b) => b.id === businessId)!;
    return {
      businessId,
      personalDataDeletedAt: own.personal_data_deleted_at.toISOString(),
      eventsRedacted,
      otherBusinessesCleared: cleared.length - 1,
      addressSuppressed: emailKey !== null,
    };
  });
}
