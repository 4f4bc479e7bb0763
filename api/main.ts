import { ensureDefaultOrganization } from '../db/organizations';
import { loadEnv } from '../lib/env';
import { createLogger } from '../lib/logger';
import { startMetricsServer } from '../lib/metrics';
import { createInstantlyAccounts } from '../lib/instantly-accounts';
import { createPrisma } from '../lib/prisma';
import { createTemporalClient } from '../lib/temporal';
import { createApp } from './app';

/** API process: listens on HOST:PORT; SIGINT/SIGTERM close the server, then the clients. */
async function main(): Promise<void> {
  const env = loadEnv();
  const logger = createLogger({ level: env.LOG_LEVEL, name: 'api' });
  if (!env.DATABASE_URL) throw new Error('DATABASE_URL is required for the API (npm start provides it)');
  const prisma = createPrisma(env.DATABASE_URL);
  await ensureDefaultOrganization(prisma);
  const temporal = await createTemporalClient(env);
  const app = createApp({
    prisma,
    temporal,
    env,
    logger,
    instantly: createInstantlyAccounts({ prisma, env }),
  });
  const metrics = await startMetricsServer({ host: env.HOST, port: env.METRICS_PORT });
  logger.info({ metricsPort: metrics.port }, 'metrics listening');
  const server = app.listen(env.PORT, env.HOST, () =>
    logger.info({ host: env.HOST, port: env.PORT, url: env.PUBLIC_URL, mode: env.NODE_ENV }, 'api listening'),
  );
  let stopping = false;
  const shutdown = () => {
    if (stopping) return;
    stopping = true;
    logger.info('api stopping');
    server.close(() => {
      void Promise.all([prisma.$disconnect(), temporal.connection.close(), metrics.close()]).then(() =>
        process.exit(0),
      );
    });
    // Requests still running after this are cut (a closed connection: Instantly retries, the insert is
    // idempotent); long enough for a webhook's hand-off wait and a slow database, short of compose's 30 s.
    setTimeout(() => process.exit(0), 25_000).unref();
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
