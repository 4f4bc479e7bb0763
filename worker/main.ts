import { existsSync } from 'node:fs';
import path from 'node:path';
import { Runtime, makeTelemetryFilterString, DefaultLogger } from '@temporalio/worker';
import { loadEnv } from '../lib/env';
import { createLogger } from '../lib/logger';
import { startMetricsServer } from '../lib/metrics';
import { temporalCoreMetrics } from '../lib/metrics/temporal';
import { createInstantlyAccounts } from '../lib/instantly-accounts';
import { createPrisma } from '../lib/prisma';
import { createTemporalClient, ensureSearchAttributes } from '../lib/temporal';
import { createWorker } from './create-worker';

/** Worker process: builds dependencies once, runs until SIGINT/SIGTERM, then drains and exits. */
async function main(): Promise<void> {
  const env = loadEnv();
  const logger = createLogger({ level: env.LOG_LEVEL, name: 'worker' });
  const core = await temporalCoreMetrics();
  Runtime.install({
    logger: new DefaultLogger(env.LOG_LEVEL === 'silent' ? 'ERROR' : 'INFO', (entry) =>
      logger[
        entry.level === 'TRACE'
          ? 'trace'
          : entry.level === 'DEBUG'
            ? 'debug'
            : entry.level === 'WARN'
              ? 'warn'
              : entry.level === 'ERROR'
                ? 'error'
                : 'info'
      ](entry.meta ?? {}, entry.message),
    ),
    telemetryOptions: {
      logging: { filter: makeTelemetryFilterString({ core: 'WARN' }) },
      metrics: core.telemetry.metrics,
    },
  });
  const metrics = await startMetricsServer({ host: env.HOST, port: env.METRICS_PORT, extra: core.scrape });
  logger.info({ metricsPort: metrics.port }, 'metrics listening');
  if (!env.DATABASE_URL) throw new Error('DATABASE_URL is required for the worker (npm start provides it)');
  const prisma = createPrisma(env.DATABASE_URL);
  const client = await createTemporalClient(env);
  await ensureSearchAttributes(client, env.TEMPORAL_NAMESPACE);
  const bundle = workflowBundlePath(env.WORKFLOW_BUNDLE_PATH);
  const { worker, connection } = await createWorker({
    address: env.TEMPORAL_ADDRESS_RESOLVED,
    namespace: env.TEMPORAL_NAMESPACE,
    taskQueue: env.TEMPORAL_TASK_QUEUE,
    ...(bundle ? { workflowBundle: { codePath: bundle } } : {}),
    deps: { prisma, logger, env, instantly: createInstantlyAccounts({ prisma, env }), temporal: client },
  });
  logger.info(
    { taskQueue: env.TEMPORAL_TASK_QUEUE, address: env.TEMPORAL_ADDRESS_RESOLVED },
    'worker started',
  );
  await worker.run();
  await connection.close();
  await client.connection.close();
  await prisma.$disconnect();
  await metrics.close();
  logger.info('worker stopped');
}

/**
 * WORKFLOW_BUNDLE_PATH when set; else, for the compiled worker (dist/worker/main.js), the bundle `npm run build`
 * wrote beside it (dist/workflow-bundle.js); else none (the worker bundles workflows/ at start).
 */
function workflowBundlePath(configured: string | undefined): string | undefined {
  if (configured) return configured;
  const beside = path.join(__dirname, '..', 'workflow-bundle.js');
  return __filename.endsWith('.js') && existsSync(beside) ? beside : undefined;
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
