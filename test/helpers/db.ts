import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { migrate } from '../../tools/migrate';
import { createPrisma, type PrismaClient } from '../../lib/prisma';

export interface TestDatabase {
  url: string;
  name: string;
  prisma: PrismaClient;
  drop(): Promise<void>;
}

/** The server URL global-setup provided; fails loudly when the engines are not there. */
export function serverUrl(): string {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('TEST_DATABASE_URL is not set: jest global setup did not start PostgreSQL');
  return url;
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/** A fresh database per test file, optionally migrated, on the real PostgreSQL. */
export async function createTestDatabase(options: { migrate?: boolean } = {}): Promise<TestDatabase> {
  const name = `ib_test_${randomBytes(5).toString('hex')}`;
  const admin = new Client({ connectionString: serverUrl() });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = withDatabase(serverUrl(), name);
  if (options.migrate !== false) await migrate(url);
  const prisma = createPrisma(url, { max: 5 });
  return {
    url,
    name,
    prisma,
    drop: async () => {
      await prisma.$disconnect();
      const c = new Client({ connectionString: serverUrl() });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await c.end();
    },
  };
}
