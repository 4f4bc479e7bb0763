import { Runtime, makeTelemetryFilterString, DefaultLogger } from '@temporalio/worker';
import { loadEnv } from '../lib/env';
import { createLogger } from '../lib/logger';
import { createInstantlyAccounts } from '../lib/instantly-accounts';
import { createPrisma } from '../lib/prisma';
import { createTemporalClient, ensureSearchAttributes } from '../lib/temporal';
import { createWorker } from './create-worker';

/** Worker process: builds dependencies once, runs until SIGINT/SIGTERM, then drains and exits. */
async function main(): Promise<void> {
  const env = loadEnv();
  const logger = createLogger({ level: env.LOG_LEVEL, name: 'worker' });
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
    telemetryOptions: { logging: { filter: makeTelemetryFilterString({ core: 'WARN' }) } },
  });
  if (!env.DATABASE_URL) throw new Error('DATABASE_URL is required for the worker (npm start provides it)');
  const prisma = createPrisma(env.DATABASE_URL);
  const client = await createTemporalClient(env);
  await ensureSearchAttributes(client, env.TEMPORAL_NAMESPACE);
  const { worker, connection } = await createWorker({
    address: env.TEMPORAL_ADDRESS_RESOLVED,
    namespace: env.TEMPORAL_NAMESPACE,
    taskQueue: env.TEMPORAL_TASK_QUEUE,
    ...(env.WORKFLOW_BUNDLE_PATH ? { workflowBundle: { codePath: env.WORKFLOW_BUNDLE_PATH } } : {}),
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
  logger.info('worker stopped');
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
