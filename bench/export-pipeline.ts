import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Client, Connection } from '@temporalio/client';
import { bundleWorkflowCode } from '@temporalio/worker';
import { exportService } from '../api/services/export-service';
import { toInstantlyLead, type BusinessRow } from '../activities/export-leads';
import { DEFAULT_ORGANIZATION_ID } from '../contracts/organization';
import { loadEnv } from '../lib/env';
import { createInstantlyAccounts } from '../lib/instantly-accounts';
import { createInstantlyClient } from '../lib/instantly';
import { startEmbeddedPostgres } from '../lib/local/postgres';
import { freePort } from '../lib/local/ports';
import { startTemporalDevServer } from '../lib/local/temporal-server';
import { createLogger } from '../lib/logger';
import { migrate } from '../lib/migrate';
import { createPrisma, type PrismaClient } from '../lib/prisma';
import { startSimulator } from '../simulator';

/**
 * Export benchmark (run on demand, not a test): N leads through the whole pipeline (API service → Temporal →
 * worker process → simulator → PostgreSQL), against a plain loop making the same HTTP calls without Temporal.
 *   npx tsx bench/export-pipeline.ts [--leads 100000] [--concurrency 8] [--latency 500] [--compiled]
 * Prints JSON; docs/benchmarks.md records the figures.
 */
const ROOT = path.resolve(__dirname, '..');
const { values: args } = parseArgs({
  options: {
    compiled: { type: 'boolean', default: false },
    'worker-heap-mb': { type: 'string' },
    leads: { type: 'string', default: '100000' },
    concurrency: { type: 'string', default: '8' },
    latency: { type: 'string', default: '0' },
  },
});
const LEADS = Number(args.leads);
const CONCURRENCY = Number(args.concurrency);
const LATENCY = Number(args.latency);

async function seed(prisma: PrismaClient, n: number): Promise<string> {
  await prisma.organization.upsert({
    where: { id: DEFAULT_ORGANIZATION_ID },
    create: { id: DEFAULT_ORGANIZATION_ID, name: 'Bench' },
    update: {},
  });
  const campaign = await prisma.campaign.create({
    data: { organizationId: DEFAULT_ORGANIZATION_ID, name: `Bench ${n}` },
  });
  await prisma.$executeRawUnsafe(
    `INSERT INTO gmaps_businesses (id, campaign_id, name, email, category, city, state, rating, reviews_count, website, phone,
       icebreaker, subject_line, created_at, updated_at)
     SELECT gen_random_uuid(), $1::uuid, 'Business ' || g, 'lead' || g || '@bench-' || (g % 997) || '.example.com', 'Dentist',
            'Austin', 'TX', 4.5, g % 500, 'https://b' || g || '.example.com', '+1-555-0100',
            'Loved your ' || (g % 500) || ' reviews, Business ' || g || '.', 'Idea for Business ' || g,
            now() + g * interval '1 microsecond', now()
     FROM generate_series(1, $2::int) g`,
    campaign.id,
    n,
  );
  return campaign.id;
}

function peakRssMb(pid: number): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Math.round(Number(m[1]) / 1024) : NaN;
}

async function startWorkerProcess(env: Record<string, string>) {
  // --compiled runs the production build (npm run build) with plain node; default runs the sources with tsx.
  const heap = args['worker-heap-mb']
    ? [`--max-old-space-size=${args['worker-heap-mb']}`, '--max-semi-space-size=4']
    : [];
  const entry = args.compiled
    ? [path.join(ROOT, 'dist/worker/main.js')]
    : ['--import', 'tsx', path.join(ROOT, 'worker/main.ts')];
  const child = spawn(process.execPath, [...heap, ...entry], {
    cwd: ROOT,
    env: { ...process.env, ...env, LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('worker started')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`worker exited ${code}`)));
  });
  child.stdout.removeAllListeners('data');
  child.stdout.resume();
  return child;
}

async function waitDone(prisma: PrismaClient, exportId: string): Promise<string> {
  for (;;) {
    const row = await prisma.instantlyExport.findUniqueOrThrow({ where: { id: exportId } });
    if (row.status !== 'running') return row.status;
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** The same HTTP calls without Temporal: page the leads, map them, POST /leads/add with the same concurrency. */
async function plainLoop(
  prisma: PrismaClient,
  campaignId: string,
  apiUrl: string,
  apiKey: string,
): Promise<number> {
  const client = createInstantlyClient({ apiKey, baseUrl: apiUrl });
  const started = Date.now();
  const target = await client.createCampaign({
    name: 'plain loop',
    campaign_schedule: {
      schedules: [
        {
          name: 's',
          timing: { from: '09:00', to: '17:00' },
          days: { '1': true },
          timezone: 'America/Chicago',
        },
      ],
    },
    sequences: [
      {
        steps: [
          { type: 'email', delay: 0, variants: [{ subject: '{{subject_line}}', body: '{{icebreaker}}' }] },
        ],
      },
    ],
  });
  const ids = (
    await prisma.business.findMany({ where: { campaignId }, select: { id: true }, orderBy: { id: 'asc' } })
  ).map((b) => b.id);
  let next = 0;
  const lane = async () => {
    while (next < ids.length) {
      const slice = ids.slice(next, (next += 1000));
      const rows = (await prisma.business.findMany({ where: { id: { in: slice } } })) as BusinessRow[];
      await client.addLeads({
        campaign_id: target.id,
        leads: rows.map((b) => toInstantlyLead(b)),
        skip_if_in_campaign: true,
      });
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, lane));
  return Date.now() - started;
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
  const parent = mkdtempSync(path.join(os.tmpdir(), 'ib-bench-export-'));
  chmodSync(parent, 0o755);
  const pg = await startEmbeddedPostgres({
    dataDir: path.join(parent, 'pg'),
    port: await freePort(),
    persistent: false,
  });
  const temporalServer = await startTemporalDevServer({});
  const sim = await startSimulator({ port: 0 });
  await migrate(pg.url);
  const apiKey = 'bench-key';
  const bundlePath = path.join(parent, 'workflow-bundle.js');
  const { code } = await bundleWorkflowCode({ workflowsPath: require.resolve('../workflows') });
  writeFileSync(bundlePath, code);
  const vars = {
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
    const campaignId = await seed(prisma, LEADS);
    if (LATENCY > 0)
      sim.faults.add({ route: 'POST /api/v2/leads/add', kind: 'latency', ms: LATENCY, probability: 1 });
    const t0 = Date.now();
    const started = await service.start(campaignId, {
      campaignName: 'Bench',
      schedule: { timezone: 'America/Chicago', from: '09:00', to: '17:00', days: ['mon'] },
      sequence: [{ subject: '{{subject_line}}', body: '{{icebreaker}}', delayDays: 0 }],
      activate: false,
    });
    const status = await waitDone(prisma, started.exportId);
    const pipelineMs = Date.now() - t0;
    const batches = await prisma.instantlyExportBatch.findMany({
      where: { exportId: started.exportId },
      orderBy: { createdAt: 'asc' },
    });
    const row = await prisma.instantlyExport.findUniqueOrThrow({ where: { id: started.exportId } });
    const workerRss = peakRssMb(worker.pid!);
    const phases = await activityPhases(temporal, started.workflowId);
    const plainMs = await plainLoop(prisma, campaignId, sim.apiUrl, 'bench-key-plain');
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
    worker.kill('SIGTERM');
    await new Promise((r) => worker.once('exit', r));
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
