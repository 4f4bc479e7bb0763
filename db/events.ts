import { dedupeKey } from '../lib/engagement/dedupe';
import { eventRow, type IngestedEvent, type IngestInput } from '../lib/engagement/ingest';
import type { PrismaClient } from '../lib/prisma';
import { recountExports } from './engagement-counters';
import { EXISTING_EVENTS_SQL, INSERT_EVENTS_SQL, LATE_BUSINESS_SQL } from './events-sql';

export type { IngestedEvent, IngestInput } from '../lib/engagement/ingest';

// The events aggregate, intake side: store each event once per organization and say where it belongs. Applying
// is in events-apply.ts, superseding stand-ins in events-supersede.ts.

interface Inserted {
  organization_id: string;
  dedupe_key: string;
  id: string;
  export_id: string | null;
  business_id: string | null;
}

/** (organization, dedupe key) as one Map key: a key is unique only within its organization. */
const scoped = (organizationId: string, key: string): string => `${organizationId} ${key}`;

/**
 * The late business match of a stored event of an export (LATE_BUSINESS_SQL). When a concurrent sweep applied
 * the row first, it was counted under its e-mail and its lead is now the business: the export is recounted
 * (rare; docs/engagement.md).
 */
export async function matchLateBusiness(
  prisma: PrismaClient,
  event: { id: string; exportId: string },
  leadEmail: string,
  stripped: unknown,
): Promise<void> {
  const late = await prisma.$queryRawUnsafe<{ applied: boolean }[]>(
    LATE_BUSINESS_SQL,
    event.id,
    leadEmail,
    JSON.stringify(stripped),
  );
  if (late[0]?.applied) await recountExports(prisma, [event.exportId]);
}

/**
 * Stores Instantly events exactly once each per organization (idempotent on the organization and dedupe key)
 * and says where each belongs, in input order: one INSERT for all of them, one lookup for those that existed
 * already. Safe to run concurrently with itself for the same events (ON CONFLICT waits for the other inserter).
 */
export async function ingestEvents(
  prisma: PrismaClient,
  inputs: readonly IngestInput[],
): Promise<IngestedEvent[]> {
  if (inputs.length === 0) return [];
  const keys = inputs.map((i) => scoped(i.organizationId, i.key ?? dedupeKey(i.parsed)));
  const rowByKey = new Map(
    inputs.map((input, n) => [keys[n]!, eventRow(input, input.key ?? dedupeKey(input.parsed))]),
  );
  const rows = [...rowByKey.values()];
  const inserted = await prisma.$queryRawUnsafe<Inserted[]>(INSERT_EVENTS_SQL, JSON.stringify(rows));
  const byKey = new Map<string, IngestedEvent>();
  for (const r of inserted) {
    const key = scoped(r.organization_id, r.dedupe_key);
    const lead = rowByKey.get(key)!;
    if (r.export_id && !r.business_id && lead.lead_email) {
      await matchLateBusiness(prisma, { id: r.id, exportId: r.export_id }, lead.lead_email, lead.stripped);
    }
    byKey.set(key, { id: r.id, exportId: r.export_id, duplicate: false, applied: false });
  }
  const missing = rows.filter((r) => !byKey.has(scoped(r.organization_id, r.dedupe_key)));
  if (missing.length > 0) {
    const existing = await prisma.$queryRawUnsafe<
      Array<{
        organization_id: string;
        dedupe_key: string;
        id: string;
        export_id: string | null;
        applied: boolean;
      }>
    >(
      EXISTING_EVENTS_SQL,
      missing.map((r) => r.organization_id),
      missing.map((r) => r.dedupe_key),
    );
    for (const e of existing)
      byKey.set(scoped(e.organization_id, e.dedupe_key), {
        id: e.id,
        exportId: e.export_id,
        duplicate: true,
        applied: e.applied,
      });
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
