import type { ChildProcess } from 'node:child_process';
import { freePort } from '../../lib/ports';
import { spawnScript } from './spawn-script';
import { temporalAddress } from './temporal';

export interface ApiProcess {
  child: ChildProcess;
  url: string;
  metricsPort: number;
  output(): string;
  /** SIGTERM and wait for the exit code. */
  stop(): Promise<number | null>;
}

/** Runs the real API entry point (api/main.ts) as its own OS process on free ports; resolves once it listens. */
export async function startApiProcess(env: Record<string, string>, databaseUrl: string): Promise<ApiProcess> {
  const port = await freePort();
  const metricsPort = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const { child, exited, output } = spawnScript('api/main.ts', {
    ...process.env,
    NODE_ENV: 'test',
    PUBLIC_URL: url,
    ...env,
    HOST: '127.0.0.1',
    PORT: String(port),
    METRICS_PORT: String(metricsPort),
    DATABASE_URL: databaseUrl,
    TEMPORAL_ADDRESS: temporalAddress(),
    LOG_LEVEL: 'info',
  });
  // generous: several processes start at once on a shared 2-core machine
  const deadline = Date.now() + 180_000;
  while (!output().includes('api listening')) {
    if (child.exitCode !== null) throw new Error(`api process exited early: ${output()}`);
    if (Date.now() > deadline) throw new Error(`api process did not start in 180 s: ${output()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    child,
    url,
    metricsPort,
    output,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}
