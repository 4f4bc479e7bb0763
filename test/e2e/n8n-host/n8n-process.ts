/**
 * Process plumbing for the n8n e2e harness: bounded async child processes, free ports, n8n's environment.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

const ENCRYPTION_KEY = 'instantly-bridge-e2e-encryption-key-0123456789';

export interface CliResult {
  code: number | null;
  /** The signal that ended the process, when one did (e.g. SIGKILL from the OS under memory pressure). */
  signal?: string | null;
  stdout: string;
  stderr: string;
}

/** A free TCP port on 127.0.0.1 (n8n's HTTP port and task-runner broker port must not collide). */
export async function freePort(): Promise<number> {
  return await new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

export function run(
  cmd: string,
  args: string[],
  opts: { cwd?: string; env: NodeJS.ProcessEnv; timeoutMs: number },
): Promise<CliResult> {
  return new Promise((resolveRun, reject) => {
    const child = spawn(cmd, args, { cwd: opts.cwd, env: opts.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(
        new Error(`${cmd} ${args.join(' ')} timed out after ${opts.timeoutMs} ms\n${stdout}\n${stderr}`),
      );
    }, opts.timeoutMs);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      resolveRun({ code, signal, stdout, stderr });
    });
  });
}

/** Environment for every n8n process of one user folder (see n8n-e2e.md §4). */
export function n8nEnv(userFolder: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  // jest sets NODE_ENV=test, with which n8n 2.8.4 prints nothing and `n8n start` exits 1 at once;
  // tooling flags (NODE_OPTIONS, JEST_*) must not leak into n8n either.
  for (const name of Object.keys(env)) {
    if (name === 'NODE_ENV' || name === 'NODE_OPTIONS' || name.startsWith('JEST_')) delete env[name];
  }
  return {
    ...env,
    N8N_USER_FOLDER: userFolder,
    N8N_ENCRYPTION_KEY: ENCRYPTION_KEY,
    N8N_DIAGNOSTICS_ENABLED: 'false',
    N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
    N8N_TEMPLATES_ENABLED: 'false',
    N8N_PERSONALIZATION_ENABLED: 'false',
    N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'true',
    N8N_LOG_LEVEL: 'info', // execute prints its JSON at info level (pitfall 9)
    DB_TYPE: 'sqlite',
    GENERIC_TIMEZONE: 'UTC',
    ...extra,
  };
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export /** SIGTERM, then SIGKILL after 15 s; resolves once the process is gone (n8n stops its task runner itself). */
async function stopChild(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}

/** Polls `probe` every 200 ms until it returns true or `timeoutMs` passes (then throws `what`). */
export async function waitUntil(
  what: string,
  probe: () => Promise<boolean>,
  timeoutMs = 90_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await probe()) return;
    await sleep(200);
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}
