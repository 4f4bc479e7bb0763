import { recountExports } from '../db/engagement-counters';
import { percentile, type BenchStack } from './engagement-env';
import { seedEventsSql, seedExportSql } from './engagement-seed';

const num = (name: string, fallback: number): number => Number(process.env[name] ?? fallback);
const round = (n: number): number => Math.round(n * 10) / 10;

async function timeGet(
  stack: BenchStack,
  path: string,
  runs: number,
): Promise<{ p50: number; p99: number; max: number }> {
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const t0 = performance.now();
    const res = await fetch(`${stack.apiUrl}${path}`, {
      headers: { authorization: `Bearer ${stack.env.API_TOKEN}` },
    });
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`GET ${path} → ${res.status}`);
    times.push(performance.now() - t0);
  }
  return {
    p50: round(percentile(times, 50)),
    p99: round(percentile(times, 99)),
    max: round(Math.max(...times)),
  };
}

/**
 * Seeds BENCH_ANALYTICS_LEADS leads / BENCH_ANALYTICS_EVENTS applied events with generate_series, recounts
 * the export counters once (the repair recount; applying a batch no longer pays it), then times the read endpoints.
 */
export async function runAnalyticsBench(stack: BenchStack): Promise<Record<string, unknown>> {
  const leads = num('BENCH_ANALYTICS_LEADS', 100_000);
  const events = num('BENCH_ANALYTICS_EVENTS', 1_000_000);
  let t0 = Date.now();
  const seeded = await seedExportSql(stack.prisma, leads, 'analytics');
  await seedEventsSql(stack.prisma, seeded, events, leads);
  await stack.prisma.$executeRawUnsafe('VACUUM ANALYZE gmaps_instantly_events');
  await stack.prisma.$executeRawUnsafe('VACUUM ANALYZE gmaps_businesses');
  const seedMs = Date.now() - t0;
  t0 = Date.now();
  // The seeded rows are inserted as already applied: the repair recount builds their counters.
  const counters = (await recountExports(stack.prisma, [seeded.exportId])).get(seeded.exportId)?.after;
  const recomputeMs = Date.now() - t0;
  const base = `/api/campaigns/${seeded.campaignId}`;
  await timeGet(stack, `${base}/analytics`, 3); // warm-up
  const analytics = await timeGet(stack, `${base}/analytics`, 30);
  const eventsPage = await timeGet(stack, `${base}/events?type=reply_received&limit=100`, 30);
  const replies = await timeGet(stack, `${base}/replies?limit=100`, 30);
  const plan = await stack.prisma.$queryRawUnsafe<Array<{ 'QUERY PLAN': string }>>(
    `EXPLAIN (ANALYZE, BUFFERS) SELECT step, nullif(variant, -1) AS variant, event_type, sum(events)::int AS n
     FROM gmaps_instantly_step_counters WHERE export_id = ANY($1::uuid[]) AND event_type = ANY($2::text[])
     GROUP BY 1, 2, 3`,
    [seeded.exportId],
    ['email_sent', 'email_opened', 'link_clicked', 'reply_received'],
  );
  return {
    leads,
    events,
    seedMs,
    counters,
    fullRecountMs: recomputeMs,
    analyticsMs: analytics,
    eventsPageMs: eventsPage,
    repliesPageMs: replies,
    stepsQueryPlan: plan.map((r) => r['QUERY PLAN']).join('\n'),
  };
}
