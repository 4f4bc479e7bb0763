import { createHash, randomUUID } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { PROJECT_ROOT } from '../lib/project-root';

/**
 * The project's own migrator: applies prisma/migrations/<name>/migration.sql in order and records each in
 * Prisma's `_prisma_migrations` table exactly as `prisma migrate deploy` does (same DDL, checksum = sha256 of
 * the file, same advisory lock), so Prisma's CLI accepts the database wherever its schema engine exists.
 */
export const MIGRATIONS_DIR = path.join(PROJECT_ROOT, 'prisma', 'migrations');
const PRISMA_ADVISORY_LOCK = 72707369;

const CREATE_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

export interface MigrationFile {
  name: string;
  sql: string;
  checksum: string;
}

export interface MigrationReport {
  applied: string[];
  alreadyApplied: string[];
  /** Applied migrations whose file changed afterwards (Prisma reports these too). Nothing is applied then. */
  modified: { name: string; recorded: string; current: string }[];
  /** Recorded in the database but missing from the folder. */
  missing: string[];
}

export function readMigrations(dir = MIGRATIONS_DIR): MigrationFile[] {
  return readdirSync(dir)
    .filter((name) => statSync(path.join(dir, name)).isDirectory())
    .sort()
    .map((name) => {
      const sql = readFileSync(path.join(dir, name, 'migration.sql'), 'utf8');
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    });
}

interface Row {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
}

/** Applies pending migrations; refuses (and reports) when an applied one was edited or a previous one failed. */
export async function migrate(databaseUrl: string, dir = MIGRATIONS_DIR): Promise<MigrationReport> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [PRISMA_ADVISORY_LOCK]);
    await client.query(CREATE_TABLE);
    const report = await plan(client, readMigrations(dir));
    if (report.modified.length > 0) return report;
    for (const m of readMigrations(dir).filter((f) => !report.alreadyApplied.includes(f.name))) {
      await applyOne(client, m);
      report.applied.push(m.name);
    }
    return report;
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [PRISMA_ADVISORY_LOCK]).catch(() => undefined);
    await client.end();
  }
}

async function plan(client: Client, files: MigrationFile[]): Promise<MigrationReport> {
  const { rows } = await client.query<Row>(
    'SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations" ORDER BY started_at',
  );
  const failed = rows.find((r) => r.finished_at === null && r.rolled_back_at === null);
  if (failed) {
    throw new Error(
      `migration ${failed.migration_name} failed earlier and is still marked as started; ` +
        'fix the database, then mark it rolled back (prisma migrate resolve --rolled-back) before migrating again',
    );
  }
  const done = rows.filter((r) => r.finished_at !== null && r.rolled_back_at === null);
  const report: MigrationReport = { applied: [], alreadyApplied: [], modified: [], missing: [] };
  for (const row of done) {
    const file = files.find((f) => f.name === row.migration_name);
    if (!file) report.missing.push(row.migration_name);
    else if (file.checksum !== row.checksum)
      report.modified.push({ name: row.migration_name, recorded: row.checksum, current: file.checksum });
    else report.alreadyApplied.push(row.migration_name);
  }
  return report;
}

async function applyOne(client: Client, m: MigrationFile): Promise<void> {
  const id = randomUUID();
  await client.query(
    'INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, applied_steps_count) VALUES ($1, $2, $3, now(), 0)',
    [id, m.checksum, m.name],
  );
  try {
    await client.query('BEGIN');
    await client.query(m.sql);
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK');
    await client.query('UPDATE "_prisma_migrations" SET logs = $2 WHERE id = $1', [id, String(err)]);
    throw new Error(`migration ${m.name} failed: ${String(err)}`);
  }
  await client.query(
    'UPDATE "_prisma_migrations" SET finished_at = now(), applied_steps_count = 1 WHERE id = $1',
    [id],
  );
}
