// Engagement benchmark (run on demand: `npx tsx bench/webhook-intake.ts`; results → docs/benchmarks.md).
// 1. Webhook intake over loopback HTTP into the running stack: sustained events/s, time-to-2xx p50/p99,
//    delay until the database reflects an event, and exactness (0 lost, 0 applied twice).
// 2. GET /api/campaigns/:id/analytics on 100,000 leads / 1,000,000 events.
// Knobs: BENCH_EVENTS (10000), BENCH_LEADS (2000), BENCH_CONCURRENCY (8,32), BENCH_DUPLICATES (0.1),
// BENCH_COMPILED=1 (API and worker from dist/, as `npm run bench -- intake` does after building),
// BENCH_ANALYTICS_EVENTS (1000000), BENCH_ANALYTICS_LEADS (100000).
import http from 'node:http';
import os from 'node:os';
import { engagementStateQuery } from '../contracts/engagement';
import { engagementWorkflowId } from '../contracts/workflow-ids';
import { mapBounded } from '../lib/concurrency';
import { percentile, startBenchStack, type BenchStack } from './engagement-env';
import { runAnalyticsBench } from './engagement-analytics';
import { seedExportSql } from './engagement-seed';

const num = (name: string, fallback: number): number => Number(process.env[name] ?? fallback);
const EVENTS = num('BENCH_EVENTS', 10_000);
const LEADS = num('BENCH_LEADS', 2_000);
const CONCURRENCY_LEVELS = (process.env.BENCH_CONCURRENCY ?? '8,32').split(',').map(Number);
const DUPLICATES = num('BENCH_DUPLICATES', 0.1);

const TYPES = ['email_sent', 'email_opened', 'link_clicked', 'email_opened', 'reply_received'];

/** A deterministic stream: EVENTS distinct payloads over LEADS leads, plus duplicates, shuffled. */
function stream(instantlyCampaignId: string, tag: string): { payloads: string[]; distinct: number } {
  const distinct: Array<Record<string, unknown>> = [];
  for (let i = 0; i < EVENTS; i += 1) {
    const lead = i % LEADS;
    const round = Math.floor(i / LEADS);
    const type = TYPES[round % TYPES.length]!;
    distinct.push({
      timestamp: new Date(Date.UTC(2026, 2, 1) + i * 1000).toISOString(),
      event_type: type,
      workspace: '00000000-0000-4000-8000-0000000000aa',
      campaign_id: instantlyCampaignId,
      campaign_name: 'Bench',
      lead_email: `lead${lead + 1}@${tag}.example`,
      email: `lead${lead + 1}@${tag}.example`,
      step: (round % 3) + 1,
      variant: 1,
      email_id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      ...(type === 'reply_received' ? { reply_text: `Reply ${i}`, reply_subject: 'Re: hello' } : {}),
    });
  }
  let seed = 42;
  const rand = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const all = distinct.flatMap((p) => (rand() < DUPLICATES ? [p, p] : [p]));
  for (let i = all.length - 1; i > 0; i -= 1) {
    const j = Math.floor(rand() * (i + 1));
    [all[i], all[j]] = [all[j]!, all[i]!];
  }
  return { payloads: all.map((p) => JSON.stringify(p)), distinct: distinct.length };
}

/**
 * Closed-loop load: `concurrency` keep-alive connections, each sending its next request when the last one was
 * answered. node:http with a keep-alive agent costs the load generator about half the CPU of fetch per
 * request (autocannon, the usual tool, is not installed here).
 */
async function fire(
  stack: BenchStack,
  payloads: string[],
  concurrency: number,
): Promise<{ latencies: number[]; failures: number; ms: number }> {
  const latencies: number[] = [];
  let failures = 0;
  const url = new URL('/api/webhooks/instantly', stack.apiUrl);
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const post = (body: string) =>
    new Promise<number>((resolve, reject) => {
      const req = http.request(
        url,
        {
          method: 'POST',
          agent,
          headers: {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body),
            'x-webhook-secret': stack.env.WEBHOOK_SECRET,
          },
        },
        (res) => {
          res.resume();
          res.once('end', () => resolve(res.statusCode ?? 0));
          res.once('error', reject);
        },
      );
      req.once('error', reject);
      req.end(body);
    });
  const started = performance.now();
  await mapBounded(payloads, concurrency, async (payload) => {
    const t0 = performance.now();
    const status = await post(payload);
    latencies.push(performance.now() - t0);
    if (status !== 200) failures += 1;
  });
  const ms = performance.now() - started;
  agent.destroy();
  return { latencies, failures, ms };
}

async function intakeBench(stack: BenchStack, concurrency: number): Promise<Record<string, string | number>> {
  const seeded = await seedExportSql(stack.prisma, LEADS, `intake${concurrency}`);
  const { payloads, distinct } = stream(seeded.instantlyCampaignId, `intake${concurrency}`);
  const cpuBefore = stack.cpuMs();
  const sent = await fire(stack, payloads, concurrency);
  const firedAt = Date.now();
  for (;;) {
    const [row] = await stack.prisma.$queryRawUnsafe<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM gmaps_instantly_events WHERE export_id = $1::uuid AND applied_at IS NULL`,
      seeded.exportId,
    );
    if (row!.n === 0) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  const drainMs = Date.now() - firedAt;
  const cpuAfter = stack.cpuMs();
  const [delay] = await stack.prisma.$queryRawUnsafe<
    Array<{ p50: number; p99: number; max: number; rows: number }>
  >(
    `SELECT count(*)::int AS rows,
       (percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM applied_at - received_at)) * 1000)::float8 AS p50,
       (percentile_cont(0.99) WITHIN GROUP (ORDER BY extract(epoch FROM applied_at - received_at)) * 1000)::float8 AS p99,
       (max(extract(epoch FROM applied_at - received_at)) * 1000)::float8 AS max
     FROM gmaps_instantly_events WHERE export_id = $1::uuid`,
    seeded.exportId,
  );
  // The last apply activity has committed (every row is applied) but may still be labelling its replies: the
  // workflow counts the batch when the activity returns, so wait (bounded) for its count to settle.
  const handle = stack.temporal.workflow.getHandle(engagementWorkflowId(seeded.instantlyCampaignId));
  let state = await handle.query(engagementStateQuery);
  for (const until = Date.now() + 30_000; state.applied < distinct && Date.now() < until;) {
    await new Promise((r) => setTimeout(r, 100));
    state = await handle.query(engagementStateQuery);
  }
  const exp = await stack.prisma.instantlyExport.findUniqueOrThrow({ where: { id: seeded.exportId } });
  const expectedSent = countType(payloads, 'email_sent');
  return {
    requests: payloads.length,
    distinctEvents: distinct,
    concurrency,
    failures: sent.failures,
    eventsPerSecond: Math.round((payloads.length / sent.ms) * 1000),
    p50Ms: round(percentile(sent.latencies, 50)),
    p99Ms: round(percentile(sent.latencies, 99)),
    maxMs: round(Math.max(...sent.latencies)),
    storedRows: delay!.rows,
    lost: distinct - delay!.rows,
    appliedByWorkflowChain: state.applied,
    appliedTwice: state.applied - distinct,
    emailsSentCounter: `${exp.emailsSentCount} (expected ${expectedSent})`,
    dbReflectsP50Ms: round(delay!.p50),
    dbReflectsP99Ms: round(delay!.p99),
    dbReflectsMaxMs: round(delay!.max),
    lastAppliedAfterLast2xxMs: drainMs,
    workflowRuns: state.run,
    apiCpuMsPerRequest: round((cpuAfter.api - cpuBefore.api) / payloads.length),
    workerCpuMsPerEvent: round((cpuAfter.worker - cpuBefore.worker) / distinct),
    loadGeneratorCpuMsPerRequest: round((cpuAfter.bench - cpuBefore.bench) / payloads.length),
    machineCpuMsPerRequest: round((cpuAfter.machine - cpuBefore.machine) / payloads.length),
    machineBusyPercent: Math.round(
      ((cpuAfter.machine - cpuBefore.machine) / (cpuAfter.wall - cpuBefore.wall) / os.cpus().length) * 100,
    ),
  };
}

function countType(payloads: string[], type: string): number {
  return new Set(payloads.filter((p) => p.includes(`"event_type":"${type}"`))).size;
}

const round = (n: number): number => Math.round(n * 10) / 10;

async function main(): Promise<void> {
  const t0 = Date.now();
  const stack = await startBenchStack();
  console.log(`stack ready in ${Date.now() - t0} ms (${stack.apiUrl})`);
  try {
    // Warm-up (not reported): JIT, connection pools and the first workflow start, on an export of its own.
    const warm = await seedExportSql(stack.prisma, 500, 'warmup');
    await fire(stack, stream(warm.instantlyCampaignId, 'warmup').payloads.slice(0, 3000), 32);
    for (const c of CONCURRENCY_LEVELS)
      console.log(`\n## intake c=${c}`, JSON.stringify(await intakeBench(stack, c), null, 2));
    console.log('\n## analytics', JSON.stringify(await runAnalyticsBench(stack), null, 2));
  } finally {
    await stack.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
