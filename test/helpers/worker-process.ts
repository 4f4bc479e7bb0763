import type { ChildProcess } from 'node:child_process';
import { spawnScript } from './spawn-script';
import { temporalAddress } from './temporal';

export interface WorkerProcess {
  child: ChildProcess;
  /** SIGKILL: the process dies mid-activity, no graceful shutdown. */
  kill(): Promise<void>;
  stop(): Promise<void>;
}

/** Runs the real worker entry point (worker/main.ts) as a separate OS process, so a test can really kill it. */
export async function startWorkerProcess(
  env: Record<string, string>,
  databaseUrl: string,
): Promise<WorkerProcess> {
  const { child, exited, output } = spawnScript('worker/main.ts', {
    ...process.env,
    ...env,
    DATABASE_URL: databaseUrl,
    TEMPORAL_ADDRESS: temporalAddress(),
    LOG_LEVEL: 'info',
  });
  // bounded wait for worker/main.ts to log that it polls
  const deadline = Date.now() + 60_000;
  while (!output().includes('worker started')) {
    if (child.exitCode !== null) throw new Error(`worker process exited early: ${output()}`);
    if (Date.now() > deadline) throw new Error(`worker process did not start in 60 s: ${output()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    child,
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
