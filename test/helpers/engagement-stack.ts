import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Client } from '@temporalio/client';
import { createApp } from '../../api/app';
import { engagementWorkflowId } from '../../contracts/workflow-ids';
import { campaignEngagementWorkflow } from '../../workflows';
import { closeServer } from './close-server';
import { DEFAULT_ORGANIZATION_ID } from '../../contracts/organization';
import { createInstantlyClient, type InstantlyClient } from '../../lib/instantly';
import { createLogger } from '../../lib/logger';
import { createPrisma, type PrismaClient } from '../../lib/prisma';
import { startSimulator, type Simulator, type SimulatorOptions } from '../../simulator';
import { createTestDatabase, type TestDatabase } from './db';
import { startTestWorker, testClient, testDeps, uniqueQueue, type RunningWorker } from './temporal';

export const ENGAGEMENT_API_TOKEN = 'engagement-api-token-0123456789';
export const ENGAGEMENT_WEBHOOK_SECRET = 'engagement-webhook-secret-0123456789';

/** The engagement side of the service on real engines: database, simulator, worker, API on 127.0.0.1. */
export interface EngagementStack {
  db: TestDatabase;
  /** The pool the API uses (the worker has its own, as in production). */
  prisma: PrismaClient;
  sim: Simulator;
  temporal: Client;
  taskQueue: string;
  apiUrl: string;
  env: Record<string, string>;
  /** Our Instantly client on the simulator workspace (test setup). */
  instantly: InstantlyClient;
  request(method: string, path: string, body?: unknown): Promise<{ status: number; body: any }>;
  stop(): Promise<void>;
}

/**
 * Starts the stack with the API listening first, so PUBLIC_URL (the webhook target Instantly calls) is known
 * before the app is built. Polls every 2 s unless `env` says otherwise.
 */
export async function startEngagementStack(opts: {
  name: string;
  env?: Record<string, string>;
  sim?: SimulatorOptions;
}): Promise<EngagementStack> {
  const db = await createTestDatabase();
  const sim = await startSimulator({ port: 0, webhookRetryDelayMs: 20, rateLimit: false, ...opts.sim });
  const temporal = await testClient();
  const taskQueue = uniqueQueue(opts.name);
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const apiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const apiKey = `sim-key-${randomBytes(6).toString('hex')}`;
  const env: Record<string, string> = {
    INSTANTLY_API_URL: sim.apiUrl,
    INSTANTLY_API_KEY: apiKey,
    TEMPORAL_TASK_QUEUE: taskQueue,
    API_TOKEN: ENGAGEMENT_API_TOKEN,
    WEBHOOK_SECRET: ENGAGEMENT_WEBHOOK_SECRET,
    PUBLIC_URL: apiUrl,
    ENGAGEMENT_POLL_INTERVAL: '2s',
    // Test subscribers (and n8n) listen on 127.0.0.1: allow loopback targets (never the default outside
    // development). A test that checks the refusal passes SUBSCRIPTION_ALLOW_PRIVATE_TARGETS=false.
    SUBSCRIPTION_ALLOW_PRIVATE_TARGETS: 'loopback',
    ...opts.env,
  };
  const prisma = createPrisma(db.url, { max: 10 });
  // api/main.ts creates the default organization on start-up; so does this stack.
  await prisma.organization.create({ data: { id: DEFAULT_ORGANIZATION_ID, name: 'Test org' } });
  const workerPrisma = createPrisma(db.url, { max: 10 });
  const apiDeps = testDeps(prisma, env);
  server.on('request', createApp({ ...apiDeps, temporal, logger: createLogger({ level: 'error' }) }));
  const worker: RunningWorker = await startTestWorker({ taskQueue, deps: testDeps(workerPrisma, env) });
  return {
    db,
    prisma,
    sim,
    temporal,
    taskQueue,
    apiUrl,
    env,
    instantly: createInstantlyClient({ apiKey, baseUrl: sim.apiUrl }),
    async request(method, path, body) {
      const res = await fetch(`${apiUrl}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${ENGAGEMENT_API_TOKEN}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : null };
    },
    async stop() {
      await sim.close();
      await closeServer(server);
      await worker.stop();
      await temporal.connection.close();
      await prisma.$disconnect();
      await workerPrisma.$disconnect();
      await db.drop();
    },
  };
}

/** Starts the engagement workflow of a seeded export on the stack's task queue (polling every 2 s). */
export function startEngagementWorkflow(
  stack: EngagementStack,
  s: { exportId: string; instantlyCampaignId: string },
  pollIntervalMs = 2000,
  completionQuietMs?: number,
) {
  return stack.temporal.workflow.start(campaignEngagementWorkflow, {
    taskQueue: stack.taskQueue,
    workflowId: engagementWorkflowId(s.instantlyCampaignId),
    args: [
      {
        instantlyCampaignId: s.instantlyCampaignId,
        exportId: s.exportId,
        pollIntervalMs,
        ...(completionQuietMs === undefined ? {} : { completionQuietMs }),
      },
    ],
  });
}

/** Polls `check` until it returns a value other than undefined (bounded). */
export async function eventually<T>(
  check: () => Promise<T | undefined>,
  what: string,
  timeoutMs = 60_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Waits until every stored event of the export is applied and the last run of its workflow id closed. */
export function settled(
  stack: EngagementStack,
  s: { exportId: string; instantlyCampaignId: string },
  timeoutMs = 90_000,
) {
  return eventually(
    async () => {
      const unapplied = await stack.prisma.instantlyEvent.count({
        where: { exportId: s.exportId, appliedAt: null },
      });
      if (unapplied > 0) return undefined;
      const d = await stack.temporal.workflow.getHandle(`engagement/${s.instantlyCampaignId}`).describe();
      return d.status.name === 'RUNNING' ? undefined : d;
    },
    'the engagement workflow to settle',
    timeoutMs,
  );
}
