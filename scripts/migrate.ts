import { loadToolEnv } from '../lib/env';
import { migrate } from '../tools/migrate';
import { startEmbeddedPostgres } from '../tools/local/postgres';
import path from 'node:path';

/**
 * npm run db:migrate: applies prisma/migrations to DATABASE_URL, or to the embedded PostgreSQL under DATA_DIR
 * (started for the duration) when DATABASE_URL is unset. Exits non-zero when a migration was edited after it
 * was applied.
 */
async function main(): Promise<void> {
  const env = loadToolEnv();
  const pg = env.DATABASE_URL
    ? null
    : await startEmbeddedPostgres({ dataDir: path.join(env.DATA_DIR, 'pg'), port: env.EMBEDDED_PG_PORT });
  try {
    const report = await migrate(env.DATABASE_URL ?? pg!.url);
    for (const name of report.applied) console.log(`applied   ${name}`);
    for (const name of report.alreadyApplied) console.log(`unchanged ${name}`);
    for (const m of report.modified)
      console.error(`MODIFIED  ${m.name}: recorded ${m.recorded}, file now ${m.current}`);
    for (const name of report.missing)
      console.warn(`missing   ${name} (recorded in the database, not in prisma/migrations)`);
    if (report.modified.length > 0) process.exitCode = 1;
  } finally {
    await pg?.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
