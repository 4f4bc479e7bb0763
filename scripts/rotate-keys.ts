import path from 'node:path';
import { currentKeyId } from '../lib/crypto';
import { loadEnv } from '../lib/env';
import { rotateStoredSecrets } from '../lib/key-rotation';
import { startEmbeddedPostgres } from '../tools/local/postgres';
import { createPrisma } from '../lib/prisma';

/**
 * npm run keys:rotate: re-encrypts every stored secret (lib/encrypted-columns.ts) with the first key of
 * SETTINGS_ENCRYPTION_KEYS, in DATABASE_URL (or the embedded PostgreSQL under DATA_DIR when unset). Prints
 * counts and, for values no key opens, row ids (never values); exits 1 when any is left undecryptable.
 * Afterwards the old keys can be removed from SETTINGS_ENCRYPTION_KEYS. Safe to run while the service runs.
 */
async function main(): Promise<void> {
  const env = loadEnv();
  const pg = env.DATABASE_URL
    ? null
    : await startEmbeddedPostgres({ dataDir: path.join(env.DATA_DIR, 'pg'), port: env.EMBEDDED_PG_PORT });
  const prisma = createPrisma(env.DATABASE_URL ?? pg!.url, { max: 2 });
  try {
    console.log(`current key id: ${currentKeyId(env.SETTINGS_ENCRYPTION_KEY)}`);
    for (const r of await rotateStoredSecrets(prisma, env.SETTINGS_ENCRYPTION_KEY)) {
      console.log(
        `${r.table}.${r.column} (${r.what}): ${r.rotated} re-encrypted, ${r.current} already current, ` +
          `${r.undecryptable.length} undecryptable`,
      );
      if (r.undecryptable.length) {
        console.error(`  no key in SETTINGS_ENCRYPTION_KEYS opens rows: ${r.undecryptable.join(', ')}`);
        process.exitCode = 1;
      }
    }
  } finally {
    await prisma.$disconnect();
    await pg?.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
