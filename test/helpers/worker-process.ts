import type { ChildProcess } from 'node:child_process';
import { freePort } from '../../lib/ports';
import { spawnScript } from './spawn-script';
import { temporalAddress } from './temporal';

export interface WorkerProcess {
  child: ChildProcess;
  /** Its /metrics port (METRICS_PORT from `env`, else a free one). */
  metricsPort: number;
  output(): string;
  /** SIGKILL: the process dies mid-activity, no graceful shutdown. */
  kill(): Promise<void>;
  stop(): Promise<void>;
}

/** Runs the real worker entry point (worker/main.ts) as a separate OS process, so a test can really kill it. */
export async function startWorkerProcess(
  env: Record<string, string>,
  databaseUrl: string,
): Promise<WorkerProcess> {
  const metricsPort = Number(env.METRICS_PORT ?? (await freePort()));
  const { child, exited, output } = spawnScript('worker/main.ts', {
    ...process.env,
    NODE_ENV: 'test', // explicit mode: the worker refuses development secrets otherwise
    ...env,
    METRICS_PORT: String(metricsPort),
    DATABASE_URL: databaseUrl,
    TEMPORAL_ADDRESS: temporalAddress(),
    LOG_LEVEL: 'info',
  });
  // bounded wait for worker/main.ts to log that it polls;
  // generous: several processes start at once on a shared 2-core machine
  const deadline = Date.now() + 180_000;
  while (!output().includes('worker started')) {
    if (child.exitCode !== null) throw new Error(`worker process exited early: ${output()}`);
    if (Date.now() > deadline) throw new Error(`worker process did not start in 180 s: ${output()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    child,
    metricsPort,
    output,
    kill: async () => {
      child.kill('SIGKILL');
      await exited;
    },
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
