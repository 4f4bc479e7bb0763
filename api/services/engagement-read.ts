import { stepCounts } from '../../db/analytics';
import { exportsOfCampaign } from '../../db/export-reads';
import type { PrismaClient } from '../../lib/prisma';
import { notFound } from '../errors';

/** The exports of the organization's campaign (oldest first); 404 when unknown or another organization's. */
export async function exportsOf(prisma: PrismaClient, organizationId: string, campaignId: string) {
  const exports = await exportsOfCampaign(prisma, organizationId, campaignId);
  if (!exports) throw notFound(`campaign ${campaignId}`);
  return exports;
}

// A Map: event_type values come from outside (custom labels), never a plain-object key.
const STEP_TYPES = new Map<string, 'sent' | 'opened' | 'clicked' | 'replied'>([
  ['email_sent', 'sent'],
  ['email_opened', 'opened'],
  ['link_clicked', 'clicked'],
  ['reply_received', 'replied'],
]);

/** GET /api/campaigns/:id/analytics, from our database only: export counters + the step counters. */
export async function campaignAnalytics(prisma: PrismaClient, organizationId: string, campaignId: string) {
  const exports = await exportsOf(prisma, organizationId, campaignId);
  const rows = await stepCounts(
    prisma,
    organizationId,
    exports.map((e) => e.id),
    [...STEP_TYPES.keys()],
  );
  const steps = new Map<
    string,
    { step: number; variant: number | null; sent: number; opened: number; clicked: number; replied: number }
  >();
  for (const r of rows) {
    const key = `${r.step}:${r.variant}`;
    const row = steps.get(key) ?? {
      step: r.step,
      variant: r.variant,
      sent: 0,
      opened: 0,
      clicked: 0,
      replied: 0,
    };
    const column = STEP_TYPES.get(r.event_type);
    if (column !== undefined) row[column] += Number(r.n);
    steps.set(key, row);
  }
  const sum = (f: (e: (typeof exports)[number]) => number): number => exports.reduce((a, e) => a + f(e), 0);
  const synced = exports.map((e) => e.lastSyncedAt?.getTime() ?? 0).filter((t) => t > 0);
  return {
    campaignId,
    lastSyncedAt: synced.length ? new Date(Math.max(...synced)).toISOString() : null,
    funnel: {
      leads: sum((e) => e.leadsUploaded),
      sent: sum((e) => e.contactedCount),
      emailsSent: sum((e) => e.emailsSentCount),
      opened: sum((e) => e.openedCount),
      clicked: sum((e) => e.clickedCount),
      replied: sum((e) => e.repliedCount),
      autoReplied: sum((e) => e.autoRepliedCount),
      bounced: sum((e) => e.bouncedCount),
      unsubscribed: sum((e) => e.unsubscribedCount),
    },
    steps: [...steps.values()].sort((a, b) => a.step - b.step || (a.variant ?? 0) - (b.variant ?? 0)),
    exports: exports.map((e) => ({
      exportId: e.id,
      instantlyCampaignId: e.instantlyCampaignId,
      instantlyCampaignName: e.instantlyName,
      status: e.status,
      leads: e.leadsUploaded,
      counters: {
        emailsSent: e.emailsSentCount,
        contacted: e.contactedCount,
        opened: e.openedCount,
        clicked: e.clickedCount,
        replied: e.repliedCount,
        autoReplied: e.autoRepliedCount,
        bounced: e.bouncedCount,
        unsubscribed: e.unsubscribedCount,
      },
      lastSyncedAt: e.lastSyncedAt?.toISOString() ?? null,
      lastDrift: e.lastDrift ?? null,
      /** The last drift reports that found drift or repaired something (newest first). */
      driftHistory: e.driftHistory ?? [],
    })),
  };
}
