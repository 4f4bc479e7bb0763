import { isKnownEventType, type InstantlyWebhookPayload } from '../../contracts/schemas/instantly-webhook';
import type { PrismaClient } from '../prisma';
import { dedupeKey, normalizeEmail } from './dedupe';
import { EXISTING_EVENT_SQL, INSERT_EVENT_SQL, LATE_BUSINESS_SQL } from './ingest-sql';
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

/** The payload without personal data (what an event of a business whose personal data was deleted keeps). */
export function strippedPayload(raw: Record<string, unknown>): Record<string, unknown> {
  const keep = new Set<string>(NON_PII_PAYLOAD_KEYS);
  return Object.fromEntries(Object.entries(raw).filter(([k]) => keep.has(k)));
}

interface Inserted {
  id: string;
  export_id: string | null;
  business_id: string | null;
}

/**
 * Stores one Instantly event exactly once (idempotent on its dedupe key) and says where it belongs: one
 * statement in the common case, a lookup of the existing row for a duplicate. Safe to call concurrently for
 * the same event (ON CONFLICT waits for the other inserter; the loser reads the winner's row).
 */
export async function ingestEvent(prisma: PrismaClient, input: IngestInput): Promise<IngestedEvent> {
  const p = input.parsed;
  const email = normalizeEmail(p.lead_email);
  const candidates = email ? [...new Set([email, p.lead_email!.trim()])] : [];
  const key = input.key ?? dedupeKey(p);
  const stripped = JSON.stringify(strippedPayload(input.raw));
  const [row] = await prisma.$queryRawUnsafe<Inserted[]>(
    INSERT_EVENT_SQL,
    key,
    candidates,
    email,
    p.campaign_id ?? null,
    p.event_type,
    isKnownEventType(p.event_type),
    p.step ?? null,
    p.variant ?? null,
    p.email_id ?? null,
    new Date(p.timestamp),
    input.source,
    JSON.stringify(input.raw),
    stripped,
  );
  if (row) {
    if (row.export_id && !row.business_id && email) {
      await prisma.$executeRawUnsafe(LATE_BUSINESS_SQL, row.id, email, stripped);
    }
    return { id: row.id, exportId: row.export_id, duplicate: false, applied: false };
  }
  const [existing] = await prisma.$queryRawUnsafe<
    Array<{ id: string; export_id: string | null; applied: boolean }>
  >(EXISTING_EVENT_SQL, key);
  if (!existing) throw new Error(`event ${key} could be neither inserted nor read`);
  return { id: existing.id, exportId: existing.export_id, duplicate: true, applied: existing.applied };
}
