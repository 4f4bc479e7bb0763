import { isKnownEventType, type InstantlyWebhookPayload } from '../../contracts/schemas/instantly-webhook';
import type { PrismaClient } from '../prisma';
import { dedupeKey, normalizeEmail } from './dedupe';
import { EXISTING_EVENTS_SQL, INSERT_EVENTS_SQL, LATE_BUSINESS_SQL } from './ingest-sql';
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

function row(input: IngestInput, key: string) {
  const p = input.parsed;
  return {
    dedupe_key: key,
    lead_email: normalizeEmail(p.lead_email),
    given_email: p.lead_email?.trim() ?? null,
    instantly_campaign_id: p.campaign_id ?? null,
    event_type: p.event_type,
    known_type: isKnownEventType(p.event_type),
    step: p.step ?? null,
    variant: p.variant ?? null,
    email_id: p.email_id ?? null,
    occurred_at: new Date(p.timestamp).toISOString(),
    source: input.source,
    payload: input.raw,
    stripped: strippedPayload(input.raw),
  };
}

interface Inserted {
  dedupe_key: string;
  id: string;
  export_id: string | null;
  business_id: string | null;
}

/**
 * Stores Instantly events exactly once each (idempotent on the dedupe key) and says where each belongs, in
 * input order: one INSERT for all of them, one lookup for those that existed already. Safe to run
 * concurrently with itself for the same events (ON CONFLICT waits for the other inserter to commit).
 */
export async function ingestEvents(
  prisma: PrismaClient,
  inputs: readonly IngestInput[],
): Promise<IngestedEvent[]> {
  if (inputs.length === 0) return [];
  const keys = inputs.map((i) => i.key ?? dedupeKey(i.parsed));
  const rowByKey = new Map(inputs.map((input, n) => [keys[n]!, row(input, keys[n]!)]));
  const rows = [...rowByKey.values()];
  const inserted = await prisma.$queryRawUnsafe<Inserted[]>(INSERT_EVENTS_SQL, JSON.stringify(rows));
  const byKey = new Map<string, IngestedEvent>();
  for (const r of inserted) {
    const lead = rowByKey.get(r.dedupe_key)!;
    if (r.export_id && !r.business_id && lead.lead_email) {
      await prisma.$executeRawUnsafe(LATE_BUSINESS_SQL, r.id, lead.lead_email, JSON.stringify(lead.stripped));
    }
    byKey.set(r.dedupe_key, { id: r.id, exportId: r.export_id, duplicate: false, applied: false });
  }
  const missing = rows.map((r) => r.dedupe_key).filter((k) => !byKey.has(k));
  if (missing.length > 0) {
    const existing = await prisma.$queryRawUnsafe<
      Array<{ dedupe_key: string; id: string; export_id: string | null; applied: boolean }>
    >(EXISTING_EVENTS_SQL, missing);
    for (const e of existing)
      byKey.set(e.dedupe_key, { id: e.id, exportId: e.export_id, duplicate: true, applied: e.applied });
  }
  // A key repeated within this call was stored by its first occurrence: the repeats are duplicates.
  const seen = new Set<string>();
  return keys.map((k) => {
    const found = byKey.get(k);
    if (!found) throw new Error(`event ${k} could be neither inserted nor read`);
    const repeat = seen.has(k);
    seen.add(k);
    return repeat ? { ...found, duplicate: true } : found;
  });
}

/** Stores one event (see ingestEvents). */
export async function ingestEvent(prisma: PrismaClient, input: IngestInput): Promise<IngestedEvent> {
  return (await ingestEvents(prisma, [input]))[0]!;
}
