import { cpSync, mkdtempSync, appendFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { migrate, MIGRATIONS_DIR, readMigrations } from '../../tools/migrate';
import { actualSchema } from '../helpers/actual-schema';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { expectedSchema } from '../helpers/expected-schema';

describe('migrations against schema.prisma (real PostgreSQL)', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase({ migrate: false });
  });
  afterAll(async () => db.drop());

  it('migrates a fresh database to exactly what schema.prisma describes', async () => {
    const report = await migrate(db.url);
    expect(report.applied).toEqual(readMigrations().map((m) => m.name));
    const actual = await actualSchema(db.url);
    const expected = expectedSchema();
    const { _prisma_migrations: bookkeeping, ...tables } = actual;
    expect(bookkeeping).toBeDefined();
    expect(Object.keys(tables).sort()).toEqual(Object.keys(expected).sort());
    for (const [table, shape] of Object.entries(expected)) {
      expect({ table, ...tables[table] }).toEqual({ table, ...shape });
    }
  });

  it('records migrations the way Prisma does, and migrating again changes nothing', async () => {
    const c = new Client({ connectionString: db.url });
    await c.connect();
    const { rows } = await c.query(
      'SELECT migration_name, checksum, finished_at, applied_steps_count, logs, rolled_back_at FROM "_prisma_migrations"',
    );
    await c.end();
    const files = readMigrations();
    expect(
      rows.map((r) => [r.migration_name, r.checksum, r.applied_steps_count, r.logs, r.rolled_back_at]),
    ).toEqual(files.map((f) => [f.name, f.checksum, 1, null, null]));
    expect(rows.every((r) => r.finished_at instanceof Date)).toBe(true);
    const before = await actualSchema(db.url);
    const again = await migrate(db.url);
    expect(again.applied).toEqual([]);
    expect(again.alreadyApplied).toEqual(files.map((f) => f.name));
    expect(await actualSchema(db.url)).toEqual(before);
  });

  it('reports a migration file edited after it was applied, and applies nothing', async () => {
    const dir = path.join(mkdtempSync(path.join(os.tmpdir(), 'ib-mig-')), 'migrations');
    cpSync(MIGRATIONS_DIR, dir, { recursive: true });
    const first = readMigrations(dir)[0]!;
    appendFileSync(path.join(dir, first.name, 'migration.sql'), '\n-- edited after apply\n');
    const report = await migrate(db.url, dir);
    expect(report.modified).toEqual([
      { name: first.name, recorded: first.checksum, current: readMigrations(dir)[0]!.checksum },
    ]);
    expect(report.applied).toEqual([]);
  });
});
