import { randomBytes } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, Runtime, type Worker } from '@temporalio/worker';
import type { ActivityDeps } from '../../activities';
import { loadEnv } from '../../lib/env';
import { createInstantlyAccounts } from '../../lib/instantly-accounts';
import { createLogger } from '../../lib/logger';
import type { PrismaClient } from '../../lib/prisma';
import { createWorker } from '../../worker/create-worker';

// Keep test output readable: SDK logs at ERROR only (expected failures are asserted, not printed). Install once per jest worker process.
try {
  Runtime.install({ logger: new DefaultLogger('ERROR') });
} catch {
  // already installed by an earlier test file in this worker process
}

export function temporalAddress(): string {
  const address = process.env.TEMPORAL_ADDRESS;
  if (!address) throw new Error('TEMPORAL_ADDRESS is not set: jest global setup did not start Temporal');
  return address;
}

export async function testClient(): Promise<Client> {
  const connection = await Connection.connect({ address: temporalAddress() });
  return new Client({ connection, namespace: 'default' });
}

export const uniqueQueue = (name: string): string => `test-${name}-${randomBytes(4).toString('hex')}`;

export function testDeps(prisma: PrismaClient, overrides: Record<string, string> = {}): ActivityDeps {
  const env = loadEnv({ NODE_ENV: 'test', LOG_LEVEL: 'warn', ...overrides });
  return {
    prisma,
    logger: createLogger({ level: 'warn' }),
    env,
    instantly: createInstantlyAccounts({ prisma, env }),
  };
}

export interface RunningWorker {
  worker: Worker;
  stop(): Promise<void>;
}

/** Starts a real worker on its own task queue, using the bundle global-setup built. */
export async function startTestWorker(opts: {
  taskQueue: string;
  deps: ActivityDeps;
}): Promise<RunningWorker> {
  const codePath = process.env.WORKFLOW_BUNDLE_PATH;
  const { worker, connection } = await createWorker({
    address: temporalAddress(),
    namespace: 'default',
    taskQueue: opts.taskQueue,
    deps: opts.deps,
    ...(codePath ? { workflowBundle: { codePath } } : {}),
  });
  const running = worker.run();
  return {
    worker,
    stop: async () => {
      if (worker.getState() === 'RUNNING') worker.shutdown();
      await running;
      await connection.close();
    },
  };
}
