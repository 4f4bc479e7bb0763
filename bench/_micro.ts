import { startBenchStack } from '/work/main/bench/engagement-env';
import { seedExportSql } from '/work/main/bench/engagement-seed';
import { ingestEvent } from '/work/main/lib/engagement/ingest';
import { instantlyWebhookSchema } from '/work/main/contracts/schemas/instantly-webhook';
async function main() {
  const stack = await startBenchStack();
  const s = await seedExportSql(stack.prisma, 2000, 'micro');
  const N = 4000; let next = 0;
  const t0 = performance.now();
  await Promise.all(Array.from({ length: 16 }, async () => {
    for (let i = next++; i < N; i = next++) {
      const raw = { timestamp: new Date(Date.UTC(2026,0,1) + i*1000).toISOString(), event_type: 'email_opened', campaign_id: s.instantlyCampaignId, lead_email: `lead${(i%2000)+1}@micro.example`, step: 1, variant: 1, email_id: String(i) };
      await ingestEvent(stack.prisma, { raw, parsed: instantlyWebhookSchema.parse(raw), source: 'webhook' });
    }
  }));
  const ms = performance.now() - t0;
  console.log(`ingest only: ${Math.round(N / ms * 1000)}/s`);
  // plain insert for comparison
  const t1 = performance.now(); next = 0;
  await Promise.all(Array.from({ length: 16 }, async () => {
    for (let i = next++; i < N; i = next++) {
      await stack.prisma.$queryRawUnsafe(`SELECT 1 AS x`);
    }
  }));
  console.log(`select 1: ${Math.round(N / (performance.now() - t1) * 1000)}/s`);
  await stack.stop();
}
main().catch(e => { console.error(e); process.exit(1); });
