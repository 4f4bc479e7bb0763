import type { SyncInput } from '../contracts/engagement-activities';
import type { PrismaClient } from '../lib/prisma';

// The engagement side of an export: which export a sync works on, what is still unapplied, its step figures and
// its sync state (last sync, drift history). Counters are in engagement-counters.ts.

/** The export row a sync works on. */
export interface ExportRow {
  id: string;
  organization_id: string;
  instantly_campaign_id: string;
  created_at: Date;
  last_synced_at: Date | null;
}

/** Our sent-email count per 1-based (step, variant). */
export interface StepSent {
  step: number | null;
  variant: number | null;
  sent: number;
}

/** The export by id, or by Instantly campaign id when the workflow does not know its export yet. */
export async function findExport(prisma: PrismaClient, input: SyncInput): Promise<ExportRow | undefined> {
  const row = await prisma.instantlyExport.findFirst({
    where: input.exportId ? { id: input.exportId } : { instantlyCampaignId: input.instantlyCampaignId },
    select: {
      id: true,
      organizationId: true,
      instantlyCampaignId: true,
      createdAt: true,
      lastSyncedAt: true,
    },
  });
  if (!row?.instantlyCampaignId) return undefined;
  return {
    id: row.id,
    organization_id: row.organizationId,
    instantly_campaign_id: row.instantlyCampaignId,
    created_at: row.createdAt,
    last_synced_at: row.lastSyncedAt,
  };
}

/** Ids of an export's events that were stored but never applied (oldest first, at most `limit`). */
export async function unappliedEventIds(
  prisma: PrismaClient,
  exportId: string,
  limit: number,
): Promise<string[]> {
  const rows = await prisma.instantlyEvent.findMany({
    where: { exportId, appliedAt: null },
    select: { id: true },
    orderBy: { id: 'asc' },
    take: limit,
  });
  return rows.map((r) => String(r.id));
}

/** Our sent-email counts per (step, variant), real sends only. */
export async function ourSteps(prisma: PrismaClient, exportId: string): Promise<StepSent[]> {
  const rows = await prisma.instantlyEvent.groupBy({
    by: ['step', 'variant'],
    where: { exportId, eventType: 'email_sent', appliedAt: { not: null }, source: { not: 'poll' } },
    _count: { _all: true },
  });
  return rows.map((r) => ({ step: r.step, variant: r.variant, sent: r._count._all }));
}

/**
 * Whether `exportId` has an applied campaign_completed event, and whether the organization of any of `exportIds`
 * has event subscribers (so the workflow knows whether delivering is worth an activity).
 */
export async function exportEngagementState(
  prisma: PrismaClient,
  exportId: string,
  exportIds: readonly string[],
): Promise<{ completed: boolean; subscribers: boolean }> {
  const [completed, subscribers] = await Promise.all([
    prisma.instantlyEvent.count({
      where: { exportId, eventType: 'campaign_completed', appliedAt: { not: null } },
      take: 1,
    }),
    prisma.eventSubscription.count({
      where: { organization: { exports: { some: { id: { in: [...exportIds] } } } } },
      take: 1,
    }),
  ]);
  return { completed: completed > 0, subscribers: subscribers > 0 };
}

// last_drift is every sync's report; drift_history keeps the last reports that repaired something or found a new
// drift (not what the newest kept report left after its repair), so neither a sync that follows at once (e.g.
// the final one) nor a drift no repair can close (seen again at every poll) pushes a repair out of sight.
const RECORD_SYNC_SQL = `
UPDATE gmaps_instantly_campaigns SET last_synced_at = $2::timestamptz, last_drift = $3::jsonb, updated_at = now(),
  drift_history = CASE WHEN $4::boolean OR (($3::jsonb->>'drifted')::boolean
      AND (drift_history->0->'after') IS DISTINCT FROM ($3::jsonb->'before')) THEN (
    SELECT jsonb_agg(t.x ORDER BY t.n)
      FROM jsonb_array_elements(jsonb_build_array($3::jsonb) || coalesce(drift_history, '[]'::jsonb))
        WITH ORDINALITY AS t(x, n) WHERE t.n <= $5::int) ELSE drift_history END
WHERE id = $1::uuid`;

/** Records a sync: its time, its drift report and (when it repaired or found new drift) the bounded history. */
export async function recordSync(
  prisma: PrismaClient,
  exportId: string,
  sync: { at: Date; drift: unknown; repairedSomething: boolean; historySize: number },
): Promise<void> {
  await prisma.$executeRawUnsafe(
    RECORD_SYNC_SQL,
    exportId,
    sync.at,
    JSON.stringify(sync.drift),
    sync.repairedSomething,
    sync.historySize,
  );
}
