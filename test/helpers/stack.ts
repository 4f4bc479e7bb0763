import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Client } from '@temporalio/client';
import { createApp } from '../../api/app';
import { createInstantlyAccounts } from '../../lib/instantly-accounts';
import { createLogger } from '../../lib/logger';
import { startSimulator, type Simulator } from '../../simulator';
import { createTestDatabase, type TestDatabase } from './db';
import { startTestWorker, testClient, testDeps, uniqueQueue, type RunningWorker } from './temporal';

export const TEST_API_TOKEN = 'test-api-token-0123456789';

export interface TestStack {
  db: TestDatabase;
  sim: Simulator;
  temporal: Client;
  taskQueue: string;
  apiKey: string;
  apiUrl: string;
  env: Record<string, string>;
  worker: RunningWorker | null;
  startWorker(): Promise<RunningWorker>;
  request(
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; body: any; headers: Headers }>;
  stop(): Promise<void>;
}

/**
 * The whole service on real engines for one test file: a migrated database, the Instantly simulator, a worker
 * on its own task queue and the HTTP API listening on 127.0.0.1 (real HTTP, as Instantly's webhooks need).
 */
export async function startTestStack(opts: {
  name: string;
  env?: Record<string, string>;
  worker?: boolean;
}): Promise<TestStack> {
  const db = await createTestDatabase();
  const sim = await startSimulator({ port: 0 });
  const temporal = await testClient();
  const taskQueue = uniqueQueue(opts.name);
  const apiKey = `sim-key-${randomBytes(6).toString('hex')}`;
  const env: Record<string, string> = {
    INSTANTLY_API_URL: sim.apiUrl,
    INSTANTLY_API_KEY: apiKey,
    TEMPORAL_TASK_QUEUE: taskQueue,
    API_TOKEN: TEST_API_TOKEN,
    EXPORT_UPLOAD_CONCURRENCY: '4',
    ...opts.env,
  };
  const deps = testDeps(db.prisma, env);
  let server!: Server;
  await new Promise<void>((resolve) => {
    server = createApp({
      ...deps,
      temporal,
      instantly: createInstantlyAccounts({ prisma: db.prisma, env: deps.env }),
      logger: createLogger({ level: 'warn' }),
    }).listen(0, '127.0.0.1', () => resolve());
  });
  const apiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const stack: TestStack = {
    db,
    sim,
    temporal,
    taskQueue,
    apiKey,
    apiUrl,
    env,
    worker: null,
    async startWorker() {
      stack.worker = await startTestWorker({
        taskQueue,
        deps: testDeps(db.prisma, { ...env, PUBLIC_URL: apiUrl }),
      });
      return stack.worker;
    },
    async request(method, path, body) {
      const res = await fetch(`${apiUrl}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${TEST_API_TOKEN}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : null, headers: res.headers };
    },
    async stop() {
      await stack.worker?.stop();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await temporal.connection.close();
      await sim.close();
      await db.drop();
    },
  };
  if (opts.worker !== false) await stack.startWorker();
  return stack;
}

/** Polls GET /api/exports/:id until it is no longer running (bounded). */
export async function waitForExport(stack: TestStack, exportId: string, timeoutMs = 120_000): Promise<any> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { body } = await stack.request('GET', `/api/exports/${exportId}`);
    if (body.status !== 'running') return body;
    if (Date.now() > deadline)
      throw new Error(
        `export ${exportId} still running after ${timeoutMs} ms: ${JSON.stringify(body.progress)}`,
      );
    await new Promise((r) => setTimeout(r, 250));
  }
}
