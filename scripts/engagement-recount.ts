import path from 'node:path';
import { countersFromEvents, recountExports } from '../db/engagement-counters';
import { loadEnv } from '../lib/env';
import { createPrisma } from '../lib/prisma';
import { startEmbeddedPostgres } from '../tools/local/postgres';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * npm run engagement:recount -- <exportId ...|--all>: the repair recount of engagement counters (issue 15). Each
 * export's lead touches and counters are rebuilt from its applied events, in one transaction under the export's
 * counter lock (safe while the service runs), in DATABASE_URL (or the embedded PostgreSQL under DATA_DIR when
 * unset). Prints, per export, whether the incremental counters had drifted and checks the result against the
 * counters computed straight from the events; exits 1 when they disagree or an id is unknown.
 */
async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const all = args.includes('--all');
  const given = args.filter((a) => a !== '--all');
  if ((!all && given.length === 0) || given.some((a) => !UUID.test(a))) {
    console.error('usage: npm run engagement:recount -- <exportId ...|--all>');
    process.exit(2);
  }
  const env = loadEnv();
  const pg = env.DATABASE_URL
    ? null
    : await startEmbeddedPostgres({ dataDir: path.join(env.DATA_DIR, 'pg'), port: env.EMBEDDED_PG_PORT });
  const prisma = createPrisma(env.DATABASE_URL ?? pg!.url, { max: 2 });
  try {
    const ids = all
      ? (await prisma.instantlyExport.findMany({ select: { id: true }, orderBy: { id: 'asc' } })).map(
          (e) => e.id,
        )
      : given.map((id) => id.toLowerCase());
    let drifted = 0;
    for (const id of ids) {
      const result = (await recountExports(prisma, [id])).get(id);
      if (!result) {
        console.error(`${id}: no such export`);
        process.exitCode = 1;
        continue;
      }
      const changed = JSON.stringify(result.before) !== JSON.stringify(result.after);
      if (changed) drifted += 1;
      const truth = await countersFromEvents(prisma, id);
      const agrees = JSON.stringify(truth) === JSON.stringify(result.after);
      console.log(
        `${id}: ${changed ? `repaired ${JSON.stringify(result.before)} → ` : 'unchanged '}` +
          `${JSON.stringify(result.after)}${agrees ? '' : ` DISAGREES with the events: ${JSON.stringify(truth)}`}`,
      );
      if (!agrees) process.exitCode = 1;
    }
    console.log(`${ids.length} export(s) recounted, ${drifted} had drifted`);
  } finally {
    await prisma.$disconnect();
    await pg?.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
