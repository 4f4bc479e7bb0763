import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { MockActivityEnvironment } from '@temporalio/testing';
import { createActivities } from '../activities';
import type { PreflightResult } from '../contracts/export';
import { DEFAULT_ORGANIZATION_ID } from '../contracts/organization';
import { mapBounded, oneTo } from '../lib/concurrency';
import { loadEnv } from '../lib/env';
import { createInstantlyAccounts } from '../lib/instantly-accounts';
import { createLogger } from '../lib/logger';
import { migrate } from '../tools/migrate';
import { createPrisma } from '../lib/prisma';
import { startSimulator } from '../simulator';
import { plainLoop, seedBusinesses } from './export-shared';
import { startBenchPostgres } from './services';

/**
 * Export activities without Temporal (run on demand): where the pipeline's time goes, step by step, next to the
 * plain loop, all in one process against embedded PostgreSQL and the simulator.
 *   npx tsx bench/export-phases.ts [--leads 100000] [--concurrency 8]
 */
const { values: args } = parseArgs({
  options: { leads: { type: 'string', default: '100000' }, concurrency: { type: 'string', default: '8' } },
});
const LEADS = Number(args.leads);
const CONCURRENCY = Number(args.concurrency);

async function main(): Promise<void> {
  const pg = await startBenchPostgres('ib-bench-phases-');
  const sim = await startSimulator({ port: 0 });
  try {
    await migrate(pg.url);
    const env = loadEnv({
      NODE_ENV: 'test',
      DATABASE_URL: pg.url,
      INSTANTLY_API_URL: sim.apiUrl,
      INSTANTLY_API_KEY: 'k',
      LOG_LEVEL: 'error',
    });
    const prisma = createPrisma(pg.url, { max: 10 });
    const activities = createActivities({
      prisma,
      env,
      logger: createLogger({ level: 'error' }),
      instantly: createInstantlyAccounts({ prisma, env }),
    });
    const campaignId = await seedBusinesses(prisma, LEADS);
    const id = randomUUID();
    await prisma.instantlyExport.create({
      data: {
        id,
        organizationId: DEFAULT_ORGANIZATION_ID,
        campaignId,
        nameTag: `ib-${id.slice(0, 8)}`,
        requestHash: id,
        status: 'running',
        instantlyName: `Bench ib-${id.slice(0, 8)}`,
        workflowId: `export/${id}`,
        request: {
          campaignName: 'Bench',
          schedule: { timezone: 'America/Chicago', from: '09:00', to: '17:00', days: ['mon'] },
          sequence: [{ subject: '{{subject_line}}', body: '{{icebreaker}}', delayDays: 0 }],
          activate: false,
        },
      },
    });
    const act = new MockActivityEnvironment();
    const timed = async <T>(fn: () => Promise<T>): Promise<[T, number]> => {
      const t = performance.now();
      const r = await fn();
      return [r, Math.round(performance.now() - t)];
    };
    const [pre, preflightMs] = await timed<PreflightResult>(() =>
      act.run((i: { exportId: string }) => activities.preflightExport(i), { exportId: id }),
    );
    const [, createMs] = await timed(() =>
      act.run((i: { exportId: string }) => activities.ensureInstantlyCampaign(i), { exportId: id }),
    );
    const [, uploadMs] = await timed(() =>
      mapBounded(oneTo(pre.batchesTotal), CONCURRENCY, (batchNo) =>
        new MockActivityEnvironment().run(
          (i: { exportId: string; batchNo: number }) => activities.uploadLeadBatch(i),
          { exportId: id, batchNo },
        ),
      ),
    );
    const plainMs = await plainLoop(prisma, campaignId, sim.apiUrl, 'k-plain', CONCURRENCY);
    const pipelineMs = preflightMs + createMs + uploadMs;
    console.log(
      JSON.stringify({
        leads: LEADS,
        preflightMs,
        createMs,
        uploadMs,
        pipelineMs,
        plainMs,
        ratio: +(pipelineMs / plainMs).toFixed(2),
      }),
    );
    await prisma.$disconnect();
  } finally {
    await sim.close();
    await pg.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
