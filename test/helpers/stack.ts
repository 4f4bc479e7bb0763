import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Client } from '@temporalio/client';
import { createApp } from '../../api/app';
import { closeServer } from './close-server';
import { DEFAULT_ORGANIZATION_ID, DEFAULT_ORGANIZATION_NAME } from '../../contracts/organization';
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
 * The whole service on real engines for one test file: a migrated database (with the default organization,
 * as api/main.ts creates it), the Instantly simulator, a worker on its own task queue and the HTTP API
 * listening on 127.0.0.1 (real HTTP, as Instantly's webhooks need). The API listens before it is built, so
 * PUBLIC_URL (the webhook target Instantly calls, the statusUrl of exports) is its real address.
 * `onRequest` sees every request the API receives, before the app handles it (e.g. to count calls).
 */
export async function startTestStack(opts: {
  name: string;
  env?: Record<string, string>;
  worker?: boolean;
  onRequest?: (req: IncomingMessage) => void;
}): Promise<TestStack> {
  const db = await createTestDatabase();
  await db.prisma.organization.upsert({
    where: { id: DEFAULT_ORGANIZATION_ID },
    create: { id: DEFAULT_ORGANIZATION_ID, name: DEFAULT_ORGANIZATION_NAME },
    update: {},
  });
  const sim = await startSimulator({ port: 0 });
  const temporal = await testClient();
  const taskQueue = uniqueQueue(opts.name);
  const apiKey = `sim-key-${randomBytes(6).toString('hex')}`;
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const apiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const env: Record<string, string> = {
    INSTANTLY_API_URL: sim.apiUrl,
    INSTANTLY_API_KEY: apiKey,
    TEMPORAL_TASK_QUEUE: taskQueue,
    API_TOKEN: TEST_API_TOKEN,
    EXPORT_UPLOAD_CONCURRENCY: '4',
    PUBLIC_URL: apiUrl,
    // Test subscribers (and n8n) listen on 127.0.0.1: allow loopback targets (never the default outside
    // development). A test that checks the refusal passes SUBSCRIPTION_ALLOW_PRIVATE_TARGETS=false.
    SUBSCRIPTION_ALLOW_PRIVATE_TARGETS: 'loopback',
    ...opts.env,
  };
  const deps = testDeps(db.prisma, env);
  const app = createApp({
    ...deps,
    temporal,
    instantly: createInstantlyAccounts({ prisma: db.prisma, env: deps.env }),
    logger: createLogger({ level: 'warn' }),
  });
  server.on('request', (req: IncomingMessage, res) => {
    opts.onRequest?.(req);
    app(req, res);
  });
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
      stack.worker = await startTestWorker({ taskQueue, deps: testDeps(db.prisma, env) });
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
      // Order matters: stop Instantly's deliveries, let in-flight API requests finish (they call Temporal),
      // then the worker, then the Temporal connection — a call retried after close crashes the jest worker.
      await sim.close();
      await closeServer(server);
      await stack.worker?.stop();
      await temporal.connection.close();
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
