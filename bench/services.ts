import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startEmbeddedPostgres } from '../tools/local/postgres';
import { freePort } from '../lib/ports';

export const ROOT = path.resolve(__dirname, '..');

/** A throwaway embedded PostgreSQL for one benchmark run, its data in a fresh temporary folder (`dir`). */
export async function startBenchPostgres(prefix: string) {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  chmodSync(dir, 0o755); // PostgreSQL runs as the OS user `postgres` when we are root
  const pg = await startEmbeddedPostgres({
    dataDir: path.join(dir, 'pg'),
    port: await freePort(),
    persistent: false,
  });
  return { dir, url: pg.url, stop: () => pg.stop() };
}

/**
 * Runs `node <nodeArgs>` (the API or the worker) as its own process, as in production, and resolves once its
 * output contains `ready`; fails with that output if it exits first or takes more than 120 s.
 */
export async function spawnService(
  nodeArgs: string[],
  env: Record<string, string>,
  ready: string,
): Promise<ChildProcess> {
  const child = spawn(process.execPath, nodeArgs, {
    cwd: ROOT,
    env: { ...process.env, ...env, LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const onData = (d: Buffer) => {
    if (output.length < 100_000) output += d.toString();
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  const deadline = Date.now() + 120_000;
  while (!output.includes(ready)) {
    if (child.exitCode !== null) throw new Error(`${nodeArgs.join(' ')} exited early: ${output}`);
    if (Date.now() > deadline) throw new Error(`${nodeArgs.join(' ')} did not start in 120 s: ${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return child;
}

/** SIGTERM, then SIGKILL after 15 s; resolves when the process has exited. */
export async function stopService(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await gone;
  clearTimeout(timer);
}
