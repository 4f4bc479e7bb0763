import type { PrismaClient } from '../../lib/prisma';
import { notFound } from '../errors';

/** The exports of a campaign (oldest first); 404 when the campaign does not exist. */
export async function exportsOf(prisma: PrismaClient, campaignId: string) {
  const campaign = await prisma.campaign.findUnique({
    where: { id: campaignId },
    select: { id: true, exports: { orderBy: { createdAt: 'asc' } } },
  });
  if (!campaign) throw notFound(`campaign ${campaignId}`);
  return campaign.exports;
}

// Per step/variant event counts from the step counters the apply transaction maintains (a few rows per export,
// read through the primary key): the same numbers as counting the applied events with a step, without scanning
// them. Unique-lead numbers come from the export rows' counters.
const STEPS_SQL = `
SELECT step, nullif(variant, -1) AS variant, event_type, sum(events)::int AS n FROM gmaps_instantly_step_counters
WHERE export_id = ANY($1::uuid[]) AND event_type = ANY($2::text[])
GROUP BY 1, 2, 3`;

const STEP_TYPES: Record<string, 'sent' | 'opened' | 'clicked' | 'replied'> = {
  email_sent: 'sent',
  email_opened: 'opened',
  link_clicked: 'clicked',
  reply_received: 'replied',
};

interface StepRow {
  step: number;
  variant: number | null;
  event_type: string;
  n: number;
}

/** GET /api/campaigns/:id/analytics, from our database only: export counters + the step counters. */
export async function campaignAnalytics(prisma: PrismaClient, campaignId: string) {
  const exports = await exportsOf(prisma, campaignId);
  const ids = exports.map((e) => e.id);
  const rows = ids.length
    ? await prisma.$queryRawUnsafe<StepRow[]>(STEPS_SQL, ids, Object.keys(STEP_TYPES))
    : [];
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
    row[STEP_TYPES[r.event_type]!] += Number(r.n);
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
    })),
  };
}
