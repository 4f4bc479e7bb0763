import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { SEARCH_ATTRIBUTE_NAMES } from '../../contracts/search-attributes';
import { findTemporalCli, MISSING_CLI_MESSAGE } from './temporal-cli';
import { freePort, waitForPort } from '../../lib/ports';

export interface TemporalDevServer {
  address: string;
  uiUrl: string | null;
  pid: number;
  stop(): Promise<void>;
}

export interface TemporalDevServerOptions {
  cliPath?: string;
  /** Persist state here (omitted = in memory). */
  dbFile?: string;
  port?: number;
  /** null = headless (no Web UI). */
  uiPort?: number | null;
  onLog?: (line: string) => void;
}

/** Starts the official Temporal CLI dev server and waits until its gRPC port accepts connections. */
export async function startTemporalDevServer(
  opts: TemporalDevServerOptions = {},
): Promise<TemporalDevServer> {
  const cli = findTemporalCli(opts.cliPath);
  if (!cli) throw new Error(MISSING_CLI_MESSAGE);
  const port = opts.port ?? (await freePort());
  const args = ['server', 'start-dev', '--ip', '127.0.0.1', '--port', String(port), '--log-level', 'warn'];
  if (opts.dbFile) {
    mkdirSync(path.dirname(opts.dbFile), { recursive: true });
    args.push('--db-filename', opts.dbFile);
  }
  if (opts.uiPort === null || opts.uiPort === undefined) args.push('--headless');
  else args.push('--ui-port', String(opts.uiPort));
  for (const name of SEARCH_ATTRIBUTE_NAMES) args.push('--search-attribute', `${name}=Keyword`);
  const child = spawn(cli, args, { stdio: ['ignore', 'pipe', 'pipe'], detached: false });
  const logs: string[] = [];
  const onData = (d: Buffer) => {
    const text = d.toString();
    logs.push(text);
    if (logs.length > 50) logs.shift();
    opts.onLog?.(text);
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  const exited = new Promise<never>((_, reject) =>
    child.once('exit', (code) =>
      reject(new Error(`temporal dev server exited (${code}): ${logs.join('').slice(-2000)}`)),
    ),
  );
  await Promise.race([waitForPort(port, 60_000), exited]);
  exited.catch(() => undefined);
  return {
    address: `127.0.0.1:${port}`,
    uiUrl: opts.uiPort ? `http://localhost:${opts.uiPort}` : null,
    pid: child.pid!,
    stop: () => stopChild(child),
  };
}

/** SIGTERM, then SIGKILL after a grace period; resolves when the process is gone. */
export async function stopChild(child: ChildProcess, graceMs = 10_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await gone;
  clearTimeout(timer);
}
