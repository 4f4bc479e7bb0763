import { recountExports } from '../db/engagement-counters';
import { DEFAULT_ORGANIZATION_ID } from '../contracts/organization';
import { applyEventIds } from '../db/events-apply';
import { createPrisma, type PrismaClient } from '../lib/prisma';
import { migrate } from '../tools/migrate';
import { percentile } from './engagement-env';
import { seedEventsSql, seedExportSql } from './engagement-seed';
import { startBenchPostgres } from './services';

// Issue 15: the cost of applying one 500-event batch as the export's history grows (10k, 100k, 1M applied
// events of ONE export, seeded with generate_series). Only applyEventIds is timed: the events of each batch are
// stored first, as the webhook intake would. `npm run bench -- apply` (BENCH_APPLY_SIZES=10000,100000,1000000,
// BENCH_APPLY_LEADS=100000, BENCH_APPLY_BATCHES=12). Prints JSON.

const num = (name: string, fallback: number): number => Number(process.env[name] ?? fallback);
const round = (n: number): number => Math.round(n * 10) / 10;
const TYPES = [
  'email_sent',
  'email_opened',
  'email_opened',
  'link_clicked',
  'reply_received',
  'email_bounced',
];

/** Stores `size` new, unapplied events of the export (random leads, some unknown ones) and returns their ids. */
async function storeBatch(
  prisma: PrismaClient,
  seeded: { exportId: string; instantlyCampaignId: string; campaignId: string },
  size: number,
  leads: number,
  tag: string,
): Promise<string[]> {
  const rows = await prisma.$queryRawUnsafe<Array<{ id: string }>>(
    `WITH picks AS (
       SELECT g, (random() * ($4::int - 1))::int AS n, $5::text[] AS types FROM generate_series(1, $3::int) g
     ), b AS (
       SELECT id, email, row_number() OVER (ORDER BY created_at, id) - 1 AS n
       FROM gmaps_businesses WHERE campaign_id = $1::uuid
     )
     INSERT INTO gmaps_instantly_events (organization_id, dedupe_key, export_id, business_id,
       instantly_campaign_id, event_type, lead_email, step, variant, occurred_at, source, payload)
     SELECT c.organization_id, $6 || ':' || p.g, $2::uuid,
       CASE WHEN p.g % 20 = 0 THEN NULL ELSE b.id END, c.instantly_campaign_id,
       p.types[1 + p.g % array_length(p.types, 1)],
       CASE WHEN p.g % 20 = 0 THEN 'stranger' || p.g || '@' || $6 || '.example' ELSE b.email END,
       1 + p.g % 3, 1 + p.g % 2, now(), 'webhook', '{"event_type":"bench"}'::jsonb
     FROM picks p JOIN b ON b.n = p.n CROSS JOIN gmaps_instantly_campaigns c WHERE c.id = $2::uuid
     RETURNING id::text AS id`,
    seeded.campaignId,
    seeded.exportId,
    size,
    leads,
    TYPES,
    tag,
  );
  return rows.map((r) => r.id);
}

async function main(): Promise<void> {
  const sizes = (process.env.BENCH_APPLY_SIZES ?? '10000,100000,1000000').split(',').map(Number);
  const leads = num('BENCH_APPLY_LEADS', 100_000);
  const batches = num('BENCH_APPLY_BATCHES', 12);
  const batchSize = 500;
  const pg = await startBenchPostgres('ib-bench-apply-');
  const prisma = createPrisma(pg.url, { max: 4 });
  const results: Array<Record<string, unknown>> = [];
  try {
    await migrate(pg.url);
    await prisma.organization.upsert({
      where: { id: DEFAULT_ORGANIZATION_ID },
      create: { id: DEFAULT_ORGANIZATION_ID, name: 'Bench' },
      update: {},
    });
    const seeded = await seedExportSql(prisma, leads, 'apply');
    let history = 0;
    let extra = 0; // events applied by earlier measured batches
    for (const size of sizes) {
      const t0 = Date.now();
      await seedEventsSql(prisma, seeded, size, leads, history);
      history = size;
      await prisma.$executeRawUnsafe('VACUUM ANALYZE gmaps_instantly_events');
      // The seeded rows are inserted as already applied: build the counters from them (the repair recount).
      const r0 = Date.now();
      await recountExports(prisma, [seeded.exportId]);
      const recountMs = Date.now() - r0;
      const seedMs = Date.now() - t0;
      const existing = size + extra;
      const times: number[] = [];
      for (let i = 0; i < batches + 2; i += 1) {
        const ids = await storeBatch(prisma, seeded, batchSize, leads, `bench-${size}-${i}`);
        const s = performance.now();
        const applied = await applyEventIds(prisma, ids);
        const ms = performance.now() - s;
        if (applied.applied !== ids.length) throw new Error(`applied ${applied.applied} of ${ids.length}`);
        extra += ids.length;
        if (i >= 2) times.push(ms); // two warm-up batches
      }
      results.push({
        existingEvents: existing,
        batchSize,
        batches,
        applyMs: {
          p50: round(percentile(times, 50)),
          mean: round(times.reduce((a, b) => a + b, 0) / times.length),
          p95: round(percentile(times, 95)),
          max: round(Math.max(...times)),
        },
        seedMs,
        fullRecountMs: recountMs,
      });
      console.error(JSON.stringify(results.at(-1)));
    }
    const p50s = results.map((r) => (r.applyMs as { p50: number }).p50);
    console.log(
      JSON.stringify(
        { leads, results, p50LargestOverSmallest: Math.round((p50s.at(-1)! / p50s[0]!) * 100) / 100 },
        null,
        2,
      ),
    );
  } finally {
    await prisma.$disconnect();
    await pg.stop();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
