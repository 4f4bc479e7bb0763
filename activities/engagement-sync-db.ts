import { unappliedEventIds, type ExportRow } from '../db/engagement';
import { applyEventIds, attachUnmatched } from '../db/events-apply';
import type { PrismaClient } from '../lib/prisma';
import { deliverEvents, type DeliverySettings } from './engagement-deliver';
import { heartbeat } from './heartbeat';
import { labelExportReplies } from './replies';

export { findExport, ourSteps, type ExportRow } from '../db/engagement';

// The database steps of syncCampaignAnalytics: sweep what was stored but never applied, apply in chunks
// (delivering to subscribers best-effort). Statements live in db/.

/**
 * Applies ids in chunks of 500; replies applied here are labelled, then the events are delivered to subscribers
 * best-effort.
 */
export async function applyAll(
  prisma: PrismaClient,
  ids: string[],
  delivery: DeliverySettings,
): Promise<number> {
  let applied = 0;
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    const batch = await applyEventIds(prisma, chunk);
    applied += batch.applied;
    // Replies are delivered with their label, as the workflow's own apply path does (label, then deliver).
    if (batch.applied > 0) for (const exportId of batch.exportIds) await labelExportReplies(prisma, exportId);
    await deliverEvents(prisma, chunk, delivery, { onProgress: heartbeat });
    heartbeat();
  }
  return applied;
}

/**
 * The organization's events stored before the export row knew its Instantly campaign id, plus
 * stored-but-unapplied ones of the export: attached and applied.
 */
export async function sweep(
  prisma: PrismaClient,
  exp: ExportRow,
  delivery: DeliverySettings,
): Promise<number> {
  await attachUnmatched(prisma, exp);
  let applied = 0;
  for (
    let ids = await unappliedEventIds(prisma, exp.id, 5000);
    ids.length > 0;
    ids = await unappliedEventIds(prisma, exp.id, 5000)
  ) {
    applied += await applyAll(prisma, ids, delivery);
    if (ids.length < 5000) break;
  }
  return applied;
}
