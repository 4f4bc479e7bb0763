import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Client, Connection } from '@temporalio/client';
import { bundleWorkflowCode } from '@temporalio/worker';
import { DEFAULT_ORGANIZATION_ID } from '../contracts/organization';
import { exportService } from '../api/services/export-service';
import { plainLoop, seedBusinesses } from './export-shared';
import { ROOT, spawnService, startBenchPostgres, stopService } from './services';
import { loadEnv } from '../lib/env';
import { createInstantlyAccounts } from '../lib/instantly-accounts';
import { startTemporalDevServer } from '../tools/local/temporal-server';
import { createLogger } from '../lib/logger';
import { migrate } from '../tools/migrate';
import { createPrisma, type PrismaClient } from '../lib/prisma';
import { startSimulator } from '../simulator';

/**
 * Export benchmark (run on demand, not a test): N leads through the whole pipeline (API service → Temporal →
 * worker process → simulator → PostgreSQL), against a plain loop making the same HTTP calls without Temporal.
 *   npx tsx bench/export-pipeline.ts [--leads 100000] [--concurrency 8] [--latency 500] [--compiled]
 *   (or `npm run bench -- export [flags]`, which builds first and passes --compiled)
 * Prints JSON; docs/benchmarks.md records the figures.
 */
const { values: args } = parseArgs({
  options: {
    compiled: { type: 'boolean', default: false },
    'worker-heap-mb': { type: 'string' },
    'worker-cpu-prof': { type: 'string' }, // a directory: the worker writes a V8 CPU profile there
    leads: { type: 'string', default: '100000' },
    concurrency: { type: 'string', default: '8' },
    latency: { type: 'string', default: '0' },
  },
});
const LEADS = Number(args.leads);
const CONCURRENCY = Number(args.concurrency);
const LATENCY = Number(args.latency);

function peakRssMb(pid: number): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Math.round(Number(m[1]) / 1024) : NaN;
}

async function startWorkerProcess(env: Record<string, string>) {
  // --compiled runs the production worker exactly as `npm run worker:prod` does (same node flags, from
  // package.json); default runs the sources with tsx. --worker-heap-mb overrides the heap cap.
  const prod = (
    JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    }
  ).scripts['worker:prod']!.split(/\s+/);
  const flags = args.compiled ? prod.filter((a) => a.startsWith('--')) : [];
  const heap = args['worker-heap-mb']
    ? [
        ...flags.filter((f) => !f.startsWith('--max-old-space-size')),
        `--max-old-space-size=${args['worker-heap-mb']}`,
      ]
    : flags;
  const entry = args.compiled
    ? [path.join(ROOT, prod.at(-1)!)]
    : ['--import', 'tsx', path.join(ROOT, 'worker/main.ts')];
  const prof = args['worker-cpu-prof'] ? ['--cpu-prof', `--cpu-prof-dir=${args['worker-cpu-prof']}`] : [];
  return spawnService([...heap, ...prof, ...entry], env, 'worker started');
}

/** Waits for the export workflow to close (no polling delay in the figure), then reads the recorded status. */
async function waitDone(
  temporal: Client,
  prisma: PrismaClient,
  started: { workflowId: string; exportId: string },
) {
  await temporal.workflow
    .getHandle(started.workflowId)
    .result()
    .catch(() => undefined); // a failed export is reported by its status below
  const row = await prisma.instantlyExport.findUniqueOrThrow({ where: { id: started.exportId } });
  return row.status;
}

/** Wall time per activity type (first schedule → last completion), from the workflow's history. */
async function activityPhases(temporal: Client, workflowId: string): Promise<Record<string, number>> {
  const history = await temporal.workflow.getHandle(workflowId).fetchHistory();
  const types = new Map<number, string>();
  const spans: Record<string, [number, number]> = {};
  for (const e of history.events ?? []) {
    const t = Number(e.eventTime?.seconds ?? 0) * 1000 + Math.round((e.eventTime?.nanos ?? 0) / 1e6);
    const scheduled = e.activityTaskScheduledEventAttributes;
    if (scheduled) types.set(Number(e.eventId), scheduled.activityType?.name ?? '?');
    const done = e.activityTaskCompletedEventAttributes;
    const type = scheduled
      ? types.get(Number(e.eventId))
      : done
        ? types.get(Number(done.scheduledEventId))
        : undefined;
    if (!type) continue;
    const span = (spans[type] ??= [t, t]);
    span[0] = Math.min(span[0], t);
    span[1] = Math.max(span[1], t);
  }
  return Object.fromEntries(Object.entries(spans).map(([k, [a, b]]) => [k, (b - a) / 1000]));
}

async function main(): Promise<void> {
  const pg = await startBenchPostgres('ib-bench-export-');
  const temporalServer = await startTemporalDevServer({});
  const sim = await startSimulator({ port: 0 });
  await migrate(pg.url);
  const apiKey = 'bench-key';
  const bundlePath = path.join(pg.dir, 'workflow-bundle.js');
  const { code } = await bundleWorkflowCode({ workflowsPath: require.resolve('../workflows') });
  writeFileSync(bundlePath, code);
  const vars = {
    NODE_ENV: 'test', // explicit mode: the development secrets are fine for a throwaway benchmark stack
    DATABASE_URL: pg.url,
    TEMPORAL_ADDRESS: temporalServer.address,
    TEMPORAL_TASK_QUEUE: 'bench-export',
    INSTANTLY_API_URL: sim.apiUrl,
    INSTANTLY_API_KEY: apiKey,
    EXPORT_UPLOAD_CONCURRENCY: String(CONCURRENCY),
    LOG_LEVEL: 'error',
    WORKFLOW_BUNDLE_PATH: bundlePath,
  };
  const env = loadEnv(vars);
  const prisma = createPrisma(pg.url, { max: 10 });
  const temporal = new Client({ connection: await Connection.connect({ address: temporalServer.address }) });
  const service = exportService({
    prisma,
    temporal,
    env,
    logger: createLogger({ level: 'error' }),
    instantly: createInstantlyAccounts({ prisma, env }),
  });
  const worker = await startWorkerProcess(vars);
  try {
    const workerStartRss = peakRssMb(worker.pid!);
    const campaignId = await seedBusinesses(prisma, LEADS);
    if (LATENCY > 0)
      sim.faults.add({ route: 'POST /api/v2/leads/add', kind: 'latency', ms: LATENCY, probability: 1 });
    const t0 = Date.now();
    const started = await service.start(DEFAULT_ORGANIZATION_ID, campaignId, {
      campaignName: 'Bench',
      schedule: { timezone: 'America/Chicago', from: '09:00', to: '17:00', days: ['mon'] },
      sequence: [{ subject: '{{subject_line}}', body: '{{icebreaker}}', delayDays: 0 }],
      activate: false,
    });
    const status = await waitDone(temporal, prisma, started);
    const pipelineMs = Date.now() - t0;
    const batches = await prisma.instantlyExportBatch.findMany({
      where: { exportId: started.exportId },
      orderBy: { createdAt: 'asc' },
    });
    const row = await prisma.instantlyExport.findUniqueOrThrow({ where: { id: started.exportId } });
    const workerRss = peakRssMb(worker.pid!);
    const phases = await activityPhases(temporal, started.workflowId);
    const plainMs = await plainLoop(prisma, campaignId, sim.apiUrl, 'bench-key-plain', CONCURRENCY);
    const rounds = Math.ceil(batches.length / CONCURRENCY);
    console.log(
      JSON.stringify(
        {
          leads: LEADS,
          concurrency: CONCURRENCY,
          latencyMs: LATENCY,
          status,
          uploaded: row.leadsUploaded,
          pipelineSeconds: pipelineMs / 1000,
          leadsPerSecond: Math.round(LEADS / (pipelineMs / 1000)),
          plainLoopSeconds: plainMs / 1000,
          ratioToPlainLoop: Math.round((pipelineMs / plainMs) * 100) / 100,
          workerPeakRssMb: workerRss,
          workerRssAfterStartMb: workerStartRss,
          batches: batches.length,
          uploadPhaseSeconds: batches.length
            ? (batches.at(-1)!.createdAt.getTime() - batches[0]!.createdAt.getTime() + LATENCY) / 1000
            : 0,
          latencyBoundSeconds: (rounds * LATENCY) / 1000,
          maxRequestsPerSecondSeen: sim.maxObservedPerSecond(apiKey),
          activitySeconds: phases,
        },
        null,
        2,
      ),
    );
  } finally {
    await stopService(worker);
    await temporal.connection.close();
    await prisma.$disconnect();
    await sim.close();
    await temporalServer.stop();
    await pg.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
