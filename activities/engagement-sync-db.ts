import { Context } from '@temporalio/activity';
import type { SyncInput } from '../contracts/engagement-activities';
import type { PrismaClient } from '../lib/prisma';
import { applyEventIds, ATTACH_UNMATCHED_SQL } from './engagement-apply';
import { deliverEvents } from './engagement-deliver';
import type { StepSent } from './engagement-drift';

// Database side of syncCampaignAnalytics: find the export, sweep what was stored but never applied, apply in
// chunks (delivering to subscribers best-effort), and our per-step sent counts.

/** The export row a sync works on. */
export interface ExportRow {
  id: string;
  organization_id: string;
  instantly_campaign_id: string;
  created_at: Date;
  last_synced_at: Date | null;
}

/** The export by id, or by Instantly campaign id when the workflow does not know its export yet. */
export async function findExport(prisma: PrismaClient, input: SyncInput): Promise<ExportRow | undefined> {
  const rows = await prisma.$queryRawUnsafe<ExportRow[]>(
    `SELECT id::text AS id, organization_id::text AS organization_id, instantly_campaign_id, created_at, last_synced_at
       FROM gmaps_instantly_campaigns
      WHERE ($1::uuid IS NOT NULL AND id = $1::uuid) OR ($1::uuid IS NULL AND instantly_campaign_id = $2::text)`,
    input.exportId,
    input.instantlyCampaignId,
  );
  return rows[0];
}

/** Heartbeats when running inside an activity. */
export const heartbeat = (): void => {
  try {
    Context.current().heartbeat();
  } catch {
    // not inside an activity (unit use)
  }
};

/** Applies ids in chunks of 500; events applied here are delivered to subscribers best-effort. */
export async function applyAll(prisma: PrismaClient, ids: string[]): Promise<number> {
  let applied = 0;
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    applied += (await applyEventIds(prisma, chunk)).applied;
    await deliverEvents(prisma, chunk, { onProgress: heartbeat });
    heartbeat();
  }
  return applied;
}

/** Events stored before the export row knew its Instantly campaign id, plus stored-but-unapplied ones. */
export async function sweep(prisma: PrismaClient, exp: ExportRow): Promise<number> {
  await prisma.$queryRawUnsafe(ATTACH_UNMATCHED_SQL, exp.id, exp.instantly_campaign_id);
  let applied = 0;
  for (
    let ids = await unappliedEventIds(prisma, exp.id, 5000);
    ids.length > 0;
    ids = await unappliedEventIds(prisma, exp.id, 5000)
  ) {
    applied += await applyAll(prisma, ids);
    if (ids.length < 5000) break;
  }
  return applied;
}

/** Our sent-email counts per (step, variant), real sends only. */
export async function ourSteps(prisma: PrismaClient, exportId: string): Promise<StepSent[]> {
  const rows = await prisma.$queryRawUnsafe<StepSent[]>(
    `SELECT step, variant, count(*)::int AS sent FROM gmaps_instantly_events
      WHERE export_id = $1::uuid AND event_type = 'email_sent' AND applied_at IS NOT NULL AND source <> 'poll'
      GROUP BY step, variant`,
    exportId,
  );
  return rows;
}

/** Ids of an export's events that were stored but never applied (oldest first, at most `limit`). */
export async function unappliedEventIds(
  prisma: PrismaClient,
  exportId: string,
  limit: number,
): Promise<string[]> {
  const rows = await prisma.$queryRawUnsafe<{ id: string }[]>(
    `SELECT id::text AS id FROM gmaps_instantly_events
      WHERE export_id = $1::uuid AND applied_at IS NULL ORDER BY id LIMIT $2::int`,
    exportId,
    limit,
  );
  return rows.map((r) => r.id);
}
