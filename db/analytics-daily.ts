import type { PrismaClient } from '../lib/prisma';

// Events per UTC day and funnel stage, from the (export_id, occurred_at, event_type, superseded_by) index: one
// index-only range scan per export, no per-lead data. A Map: event types are outside strings.
const STAGES = new Map<string, DailyStage>([
  ['email_sent', 'sent'],
  ['email_opened', 'opened'],
  ['link_clicked', 'clicked'],
  ['reply_received', 'replied'],
  ['email_bounced', 'bounced'],
  ['lead_unsubscribed', 'unsubscribed'],
]);

/** The stages of the daily trend. */
export type DailyStage = 'sent' | 'opened' | 'clicked' | 'replied' | 'bounced' | 'unsubscribed';
/** One UTC day of the trend: events of each stage that occurred that day. */
export type DailyPoint = { date: string } & Record<DailyStage, number>;

const DAILY_SQL = `
SELECT to_char(date_trunc('day', e.occurred_at AT TIME ZONE 'UTC'), 'YYYY-MM-DD') AS day, e.event_type,
  count(*)::int AS n
FROM unnest($1::uuid[]) AS x(export_id)
JOIN gmaps_instantly_events e ON e.export_id = x.export_id
WHERE e.occurred_at >= $2::timestamptz AND e.superseded_by IS NULL AND e.event_type = ANY($3::text[])
GROUP BY 1, 2 ORDER BY 1`;

/** The last `days` UTC days (today included) of a campaign's exports, every day present (zeros included). */
export async function dailyTrend(
  prisma: PrismaClient,
  exportIds: string[],
  days: number,
  now = new Date(),
): Promise<DailyPoint[]> {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const since = new Date(today - (days - 1) * 86_400_000);
  const rows = exportIds.length
    ? await prisma.$queryRawUnsafe<Array<{ day: string; event_type: string; n: number }>>(
        DAILY_SQL,
        exportIds,
        since,
        [...STAGES.keys()],
      )
    : [];
  const points = new Map<string, DailyPoint>();
  for (let i = 0; i < days; i++) {
    const date = new Date(since.getTime() + i * 86_400_000).toISOString().slice(0, 10);
    points.set(date, { date, sent: 0, opened: 0, clicked: 0, replied: 0, bounced: 0, unsubscribed: 0 });
  }
  for (const r of rows) {
    const stage = STAGES.get(r.event_type);
    const point = points.get(r.day);
    if (stage && point) point[stage] += Number(r.n);
  }
  return [...points.values()];
}

/** The daily trend of a campaign of the organization; null when the campaign is not the organization's. */
export async function campaignDailyTrend(
  prisma: PrismaClient,
  organizationId: string,
  campaignId: string,
  days: number,
): Promise<DailyPoint[] | null> {
  const campaign = await prisma.campaign.findFirst({
    where: { id: campaignId, organizationId },
    select: { exports: { select: { id: true } } },
  });
  if (!campaign) return null;
  return dailyTrend(
    prisma,
    campaign.exports.map((e) => e.id),
    days,
  );
}
