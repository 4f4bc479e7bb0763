import { DEFAULT_ORGANIZATION_ID, DEFAULT_ORGANIZATION_NAME } from '../contracts/organization';
import { loadEnv } from '../lib/env';
import { createLogger } from '../lib/logger';
import { createInstantlyAccounts } from '../lib/instantly-accounts';
import { createPrisma } from '../lib/prisma';
import { createTemporalClient } from '../lib/temporal';
import { createApp } from './app';

/** API process: listens on PORT; SIGINT/SIGTERM close the server, then the clients. */
async function main(): Promise<void> {
  const env = loadEnv();
  const logger = createLogger({ level: env.LOG_LEVEL, name: 'api' });
  if (!env.DATABASE_URL) throw new Error('DATABASE_URL is required for the API (npm start provides it)');
  const prisma = createPrisma(env.DATABASE_URL);
  await prisma.organization.upsert({
    where: { id: DEFAULT_ORGANIZATION_ID },
    create: { id: DEFAULT_ORGANIZATION_ID, name: DEFAULT_ORGANIZATION_NAME },
    update: {},
  });
  const temporal = await createTemporalClient(env);
  const app = createApp({
    prisma,
    temporal,
    env,
    logger,
    instantly: createInstantlyAccounts({ prisma, env }),
  });
  const server = app.listen(env.PORT, () =>
    logger.info({ port: env.PORT, url: env.PUBLIC_URL }, 'api listening'),
  );
  let stopping = false;
  const shutdown = () => {
    if (stopping) return;
    stopping = true;
    logger.info('api stopping');
    server.close(() => {
      void Promise.all([prisma.$disconnect(), temporal.connection.close()]).then(() => process.exit(0));
    });
    setTimeout(() => process.exit(0), 5000).unref();
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
