import type { EngagementCounters } from '../contracts/engagement';
import type { Prisma, PrismaClient } from '../lib/prisma';
import { countAppliedEvents, lockCounters, readCountersOf } from './engagement-counters';
import { SUPERSEDE_STAND_INS_SQL } from './events-supersede';
import {
  CLAIM_AND_APPLY_SQL,
  REPLY_TEXT_SQL,
  RESOLVE_BUSINESSES_SQL,
  stepCountersUpsert,
} from './events-apply-sql';

type Tx = Prisma.TransactionClient;

/**
 * Events stored before their export row knew its Instantly campaign id get that export here — only events of the
 * export's own organization: another organization's unmatched copy of the event stays unmatched. Rows that were
 * already applied (under no export) are added to the new export's step counters in the same statement, so the
 * step counters keep matching the applied events of each export.
 */
const ATTACH_UNMATCHED_SQL = `
WITH claimed AS (
  UPDATE gmaps_instantly_events SET export_id = $1::uuid, unmatched = false
  WHERE instantly_campaign_id = $2::text AND organization_id = $3::uuid AND export_id IS NULL AND unmatched
  RETURNING id, export_id, step, variant, event_type, applied_at
), steps AS (
${stepCountersUpsert('applied_at IS NOT NULL')}
)
SELECT (SELECT count(*) FROM claimed)::int AS attached,
  array(SELECT id::text FROM claimed WHERE applied_at IS NOT NULL) AS applied`;

/** What one apply transaction did. */
export interface AppliedBatch {
  applied: number;
  /** Exports the events belong to (sorted). */
  exportIds: string[];
  counters: Map<string, EngagementCounters>;
  /** The distinct event types this call claimed (of events that belong to an export). */
  eventTypes: string[];
}

async function lockExports(tx: Tx, ids: string[]): Promise<string[]> {
  const rows = await tx.$queryRawUnsafe<{ export_id: string }[]>(
    `SELECT DISTINCT export_id::text AS export_id FROM gmaps_instantly_events
      WHERE id = ANY($1::bigint[]) AND export_id IS NOT NULL ORDER BY 1`,
    ids,
  );
  const exportIds = rows.map((r) => r.export_id);
  await lockCounters(tx, exportIds);
  return exportIds;
}

/**
 * Applies event rows to businesses and export counters in ONE transaction. Only rows whose applied_at is
 * NULL are claimed, so a retry, a duplicate signal or an overlapping repair never applies an event twice.
 */
export async function applyEventIds(prisma: PrismaClient, eventIds: string[]): Promise<AppliedBatch> {
  if (eventIds.length === 0) return { applied: 0, exportIds: [], counters: new Map(), eventTypes: [] };
  return prisma.$transaction(
    async (tx) => {
      const exportIds = await lockExports(tx, eventIds);
      await tx.$executeRawUnsafe(RESOLVE_BUSINESSES_SQL, eventIds);
      const [result] = await tx.$queryRawUnsafe<
        { applied: number; ids: string[]; replied: string[]; types: string[] }[]
      >(CLAIM_AND_APPLY_SQL, eventIds, exportIds);
      // The claimed rows go into their exports' counters: O(batch), once per event (docs/engagement.md).
      if (result && result.ids.length > 0) await countAppliedEvents(tx, result.ids);
      if (result && result.applied > 0) await tx.$queryRawUnsafe(SUPERSEDE_STAND_INS_SQL, eventIds);
      if (result && result.replied.length > 0) await tx.$executeRawUnsafe(REPLY_TEXT_SQL, result.replied);
      const pairs = result?.types ?? [];
      const touched = [...new Set(pairs.map((pair) => pair.slice(0, pair.indexOf(' '))))];
      const eventTypes = [...new Set(pairs.map((pair) => pair.slice(pair.indexOf(' ') + 1)))];
      const counters = await readCountersOf(tx, touched);
      return { applied: result?.applied ?? 0, exportIds, counters, eventTypes };
    },
    { timeout: 120_000, maxWait: 30_000 },
  );
}

/**
 * Attaches the organization's unmatched events of the export's Instantly campaign to the export (see SQL), and
 * adds those already applied (under no export) to its counters, under the export's counter lock.
 */
export async function attachUnmatched(
  prisma: PrismaClient,
  exp: { id: string; organization_id: string; instantly_campaign_id: string },
): Promise<number> {
  return prisma.$transaction(
    async (tx) => {
      await lockCounters(tx, [exp.id]);
      const rows = await tx.$queryRawUnsafe<{ attached: number; applied: string[] }[]>(
        ATTACH_UNMATCHED_SQL,
        exp.id,
        exp.instantly_campaign_id,
        exp.organization_id,
      );
      await countAppliedEvents(tx, rows[0]?.applied ?? []);
      return rows[0]?.attached ?? 0;
    },
    { timeout: 120_000, maxWait: 30_000 },
  );
}
