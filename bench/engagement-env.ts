import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Client as PgClient } from 'pg';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, Runtime, type Worker } from '@temporalio/worker';
import { createApp } from '../api/app';
import { DEFAULT_ORGANIZATION_ID } from '../contracts/organization';
import { loadEnv, type Env } from '../lib/env';
import { createInstantlyAccounts } from '../lib/instantly-accounts';
import { startEmbeddedPostgres } from '../lib/local/postgres';
import { freePort } from '../lib/local/ports';
import { startTemporalDevServer } from '../lib/local/temporal-server';
import { createLogger } from '../lib/logger';
import { migrate } from '../lib/migrate';
import { createPrisma, type PrismaClient } from '../lib/prisma';
import { createWorker } from '../worker/create-worker';

/** The service on real engines, in this process: PostgreSQL, Temporal dev server, worker, API on loopback. */
export interface BenchStack {
  env: Env;
  apiUrl: string;
  prisma: PrismaClient;
  temporal: Client;
  databaseUrl: string;
  stop(): Promise<void>;
}

async function engines(): Promise<{ pgUrl: string; temporalAddress: string; stops: Array<() => Promise<void>> }> {
  const stops: Array<() => Promise<void>> = [];
  let pgUrl = process.env.DATABASE_URL;
  if (!pgUrl) {
    const parent = mkdtempSync(path.join(os.tmpdir(), 'ib-bench-pg-'));
    chmodSync(parent, 0o755); // PostgreSQL runs as the OS user `postgres` when we are root
    const pg = await startEmbeddedPostgres({ dataDir: path.join(parent, 'data'), port: await freePort(), persistent: false });
    stops.push(() => pg.stop());
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

/** Starts everything; DATABASE_URL / TEMPORAL_ADDRESS reuse running engines instead of starting them. */
export async function startBenchStack(): Promise<BenchStack> {
  Runtime.install({ logger: new DefaultLogger('ERROR') });
  const { pgUrl, temporalAddress, stops } = await engines();
  const databaseUrl = await freshDatabase(pgUrl);
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const apiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const env = loadEnv({
    NODE_ENV: 'test',
    LOG_LEVEL: 'error',
    DATABASE_URL: databaseUrl,
    TEMPORAL_ADDRESS: temporalAddress,
    TEMPORAL_TASK_QUEUE: `bench-${randomBytes(4).toString('hex')}`,
    API_TOKEN: 'bench-api-token-0123456789',
    WEBHOOK_SECRET: 'bench-webhook-secret-0123456789',
    PUBLIC_URL: apiUrl,
    ENGAGEMENT_POLL_INTERVAL: '1h',
  });
  const logger = createLogger({ level: 'error' });
  const prisma = createPrisma(databaseUrl, { max: 20 });
  const workerPrisma = createPrisma(databaseUrl, { max: 20 });
  await prisma.organization.create({ data: { id: DEFAULT_ORGANIZATION_ID, name: 'Bench org' } });
  const connection = await Connection.connect({ address: temporalAddress });
  const temporal = new Client({ connection, namespace: 'default' });
  const instantly = createInstantlyAccounts({ prisma, env });
  server.on('request', createApp({ prisma, temporal, env, logger, instantly }));
  const { worker, connection: workerConnection } = await createWorker({
    address: temporalAddress,
    namespace: 'default',
    taskQueue: env.TEMPORAL_TASK_QUEUE,
    deps: { prisma: workerPrisma, logger, env, instantly: createInstantlyAccounts({ prisma: workerPrisma, env }) },
  });
  const running = process.env.BENCH_NO_WORKER ? Promise.resolve() : worker.run();
  return {
    env,
    apiUrl,
    prisma,
    temporal,
    databaseUrl,
    async stop() {
      stopWorker(worker);
      await running;
      await workerConnection.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await connection.close();
      await prisma.$disconnect();
      await workerPrisma.$disconnect();
      for (const stop of stops) await stop();
    },
  };
}

function stopWorker(worker: Worker): void {
  if (worker.getState() === 'RUNNING') worker.shutdown();
}

/** p-th percentile (0–100) of a list of numbers. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}
