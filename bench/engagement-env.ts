import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Client as PgClient } from 'pg';
import { Client, Connection } from '@temporalio/client';
import { loadEnv, type Env } from '../lib/env';
import { freePort } from '../lib/ports';
import { startTemporalDevServer } from '../tools/local/temporal-server';
import { migrate } from '../tools/migrate';
import { createPrisma, type PrismaClient } from '../lib/prisma';
import { ROOT, spawnService, startBenchPostgres, stopService } from './services';

/** The service on real engines: PostgreSQL, Temporal dev server, API and worker processes on loopback. */
export interface BenchStack {
  env: Env;
  apiUrl: string;
  prisma: PrismaClient;
  temporal: Client;
  databaseUrl: string;
  /**
   * CPU time (user + system, ms) used so far by the API and worker processes, by this (load-generating)
   * process, and by the whole machine (every core, from /proc/stat), plus wall-clock ms for busy fractions.
   */
  cpuMs(): { api: number; worker: number; bench: number; machine: number; wall: number };
  stop(): Promise<void>;
}

function processCpuMs(pid: number | undefined): number {
  if (!pid) return NaN;
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10; // utime + stime in clock ticks (100 Hz)
}

/** Busy CPU time of the whole machine, all cores (everything but idle and iowait). */
function machineCpuMs(): number {
  const [, ...ticks] = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/);
  const n = ticks.map(Number);
  return (n.reduce((a, b) => a + b, 0) - n[3]! - n[4]!) * 10;
}

/**
 * `node dist/<entry>.js` when BENCH_COMPILED=1 (what `npm run worker:prod` and production run; `npm run bench`
 * builds and sets it), else the sources through tsx.
 */
function serviceArgs(entry: string): string[] {
  const profile = process.env.BENCH_PROFILE_DIR
    ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`]
    : [];
  if (process.env.BENCH_COMPILED !== '1') return [...profile, '--import', 'tsx', path.join(ROOT, entry)];
  const compiled = path.join(ROOT, 'dist', entry.replace(/\.ts$/, '.js'));
  if (!existsSync(compiled)) throw new Error(`${compiled} is missing: run npm run build first`);
  return [...profile, compiled];
}

async function engines(): Promise<{
  pgUrl: string;
  temporalAddress: string;
  stops: Array<() => Promise<void>>;
}> {
  const stops: Array<() => Promise<void>> = [];
  let pgUrl = process.env.DATABASE_URL;
  if (!pgUrl) {
    const pg = await startBenchPostgres('ib-bench-pg-');
    stops.push(pg.stop);
    pgUrl = pg.url;
  }
  let temporalAddress = process.env.TEMPORAL_ADDRESS;
  if (!temporalAddress) {
    const server = await startTemporalDevServer({});
    stops.unshift(() => server.stop());
    temporalAddress = server.address;
  }
  return { pgUrl, temporalAddress, stops };
}

async function freshDatabase(serverUrl: string): Promise<string> {
  const name = `ib_bench_${randomBytes(4).toString('hex')}`;
  const admin = new PgClient({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const u = new URL(serverUrl);
  u.pathname = `/${name}`;
  await migrate(u.toString());
  return u.toString();
}

/**
 * Starts everything: engines (DATABASE_URL / TEMPORAL_ADDRESS reuse running ones), a fresh migrated database,
 * then the API and the worker as separate processes (api/main.ts, worker/main.ts), like production.
 */
export async function startBenchStack(): Promise<BenchStack> {
  const { pgUrl, temporalAddress, stops } = await engines();
  const databaseUrl = await freshDatabase(pgUrl);
  const port = await freePort();
  const apiUrl = `http://127.0.0.1:${port}`;
  const raw: Record<string, string> = {
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    PORT: String(port),
    DATABASE_URL: databaseUrl,
    TEMPORAL_ADDRESS: temporalAddress,
    TEMPORAL_TASK_QUEUE: `bench-${randomBytes(4).toString('hex')}`,
    API_TOKEN: 'bench-api-token-0123456789',
    WEBHOOK_SECRET: 'bench-webhook-secret-0123456789',
    PUBLIC_URL: apiUrl,
    ENGAGEMENT_POLL_INTERVAL: '1h',
  };
  const env = loadEnv(raw);
  const api = await spawnService(serviceArgs('api/main.ts'), raw, 'api listening');
  const worker = await spawnService(serviceArgs('worker/main.ts'), raw, 'worker started');
  const prisma = createPrisma(databaseUrl, { max: 10 });
  const connection = await Connection.connect({ address: temporalAddress });
  const temporal = new Client({ connection, namespace: 'default' });
  return {
    env,
    apiUrl,
    prisma,
    temporal,
    databaseUrl,
    cpuMs: () => {
      const self = process.cpuUsage();
      return {
        api: processCpuMs(api.pid),
        worker: processCpuMs(worker.pid),
        bench: (self.user + self.system) / 1000,
        machine: machineCpuMs(),
        wall: performance.now(),
      };
    },
    async stop() {
      await stopService(worker);
      await stopService(api);
      await connection.close();
      await prisma.$disconnect();
      for (const stop of stops) await stop();
    },
  };
}

/** p-th percentile (0–100) of a list of numbers. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}
