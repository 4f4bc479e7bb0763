import { stepCounts } from '../../db/analytics';
import { exportsOfCampaign } from '../../db/export-reads';
import { stepFiguresOf } from '../../db/step-figures';
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

type StepMetrics = { sent: number; opened: number; clicked: number; replied: number };
const METRICS = ['sent', 'opened', 'clicked', 'replied'] as const;
const noMetrics = (): StepMetrics => ({ sent: 0, opened: 0, clicked: 0, replied: 0 });

/**
 * GET /api/campaigns/:id/analytics, from our database: export counters + the step counters, repaired with
 * Instantly's own step analytics as the last sync stored them. Events are the truth where we hold them; after a
 * webhook outage Instantly's figures are higher (follow-up sends leave no per-lead trace to repair from), so
 * each step figure is the larger of the two, and an export's `emailsSent` is at least the sum of Instantly's
 * step `sent`. `fromEvents` and `instantly` show both sources.
 */
export async function campaignAnalytics(prisma: PrismaClient, organizationId: string, campaignId: string) {
  const exports = await exportsOf(prisma, organizationId, campaignId);
  const exportIds = exports.map((e) => e.id);
  const [rows, figures] = await Promise.all([
    stepCounts(prisma, organizationId, exportIds, [...STEP_TYPES.keys()]),
    stepFiguresOf(prisma, exportIds),
  ]);
  const steps = new Map<
    string,
    { step: number; variant: number | null; fromEvents: StepMetrics; instantly: StepMetrics | null }
  >();
  const stepOf = (step: number, variant: number | null) => {
    const key = `${step}:${variant}`;
    let row = steps.get(key);
    if (row === undefined) {
      row = { step, variant, fromEvents: noMetrics(), instantly: null };
      steps.set(key, row);
    }
    return row;
  };
  for (const r of rows) {
    const column = STEP_TYPES.get(r.event_type);
    if (column !== undefined) stepOf(r.step, r.variant).fromEvents[column] += Number(r.n);
  }
  const instantlySent = new Map<string, number>();
  const figuresSyncedAt = new Map<string, Date>();
  for (const f of figures) {
    const row = stepOf(f.step, f.variant);
    row.instantly ??= noMetrics();
    for (const m of METRICS) row.instantly[m] += f[m];
    instantlySent.set(f.exportId, (instantlySent.get(f.exportId) ?? 0) + f.sent);
    figuresSyncedAt.set(f.exportId, f.syncedAt);
  }
  const emailsSent = (e: (typeof exports)[number]): number =>
    Math.max(e.emailsSentCount, instantlySent.get(e.id) ?? 0);
  const sum = (f: (e: (typeof exports)[number]) => number): number => exports.reduce((a, e) => a + f(e), 0);
  const synced = exports.map((e) => e.lastSyncedAt?.getTime() ?? 0).filter((t) => t > 0);
  return {
    campaignId,
    lastSyncedAt: synced.length ? new Date(Math.max(...synced)).toISOString() : null,
    funnel: {
      leads: sum((e) => e.leadsUploaded),
      sent: sum((e) => e.contactedCount),
      emailsSent: sum(emailsSent),
      opened: sum((e) => e.openedCount),
      clicked: sum((e) => e.clickedCount),
      replied: sum((e) => e.repliedCount),
      autoReplied: sum((e) => e.autoRepliedCount),
      bounced: sum((e) => e.bouncedCount),
      unsubscribed: sum((e) => e.unsubscribedCount),
    },
    steps: [...steps.values()]
      .sort((a, b) => a.step - b.step || (a.variant ?? 0) - (b.variant ?? 0))
      .map((r) => ({ ...merged(r.fromEvents, r.instantly), ...r })),
    exports: exports.map((e) => ({
      exportId: e.id,
      instantlyCampaignId: e.instantlyCampaignId,
      instantlyCampaignName: e.instantlyName,
      status: e.status,
      leads: e.leadsUploaded,
      counters: {
        emailsSent: emailsSent(e),
        contacted: e.contactedCount,
        opened: e.openedCount,
        clicked: e.clickedCount,
        replied: e.repliedCount,
        autoReplied: e.autoRepliedCount,
        bounced: e.bouncedCount,
        unsubscribed: e.unsubscribedCount,
      },
      lastSyncedAt: e.lastSyncedAt?.toISOString() ?? null,
      /** When Instantly's step analytics used above were read (null: never). */
      stepFiguresSyncedAt: figuresSyncedAt.get(e.id)?.toISOString() ?? null,
      lastDrift: e.lastDrift ?? null,
      /** The last drift reports that found drift or repaired something (newest first). */
      driftHistory: e.driftHistory ?? [],
    })),
  };
}

/** Each figure: the larger of what our events count and what Instantly's step analytics report. */
function merged(events: StepMetrics, instantly: StepMetrics | null): StepMetrics {
  if (instantly === null) return { ...events };
  const out = noMetrics();
  for (const m of METRICS) out[m] = Math.max(events[m], instantly[m]);
  return out;
}
