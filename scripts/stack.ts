import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { loadEnvWith, type Env } from '../lib/env';
import { migrate } from '../tools/migrate';
import { startEmbeddedPostgres } from '../tools/local/postgres';
import { DEFAULT_RESTART_POLICY, supervise, type RestartPolicy } from '../tools/local/supervisor';
import { startTemporalDevServer } from '../tools/local/temporal-server';
import { PROJECT_ROOT } from '../lib/project-root';
import { modeBanner, stackMode } from './stack-mode';

/**
 * `npm start`: the whole local stack in one terminal. PostgreSQL (embedded under DATA_DIR unless DATABASE_URL),
 * the Temporal dev server with its Web UI (state in DATA_DIR/temporal.db unless TEMPORAL_ADDRESS), migrations,
 * the worker and the API (and the Instantly simulator when START_SIMULATOR=true). A crashed worker or API is
 * restarted with backoff (and logged); Ctrl-C / SIGTERM stops everything.
 */
export interface Stack {
  env: Env;
  databaseUrl: string;
  temporalAddress: string;
  apiUrl: string;
  stop(): Promise<void>;
  /** Resolves when a service keeps crashing although it was restarted (the stack is then stopped). */
  died: Promise<string>;
}

type Stoppable = { name: string; stop(): Promise<void>; halt?(): void };

export async function startStack(
  env: Env,
  log: (msg: string) => void = console.log,
  childEnvOverrides: Record<string, string> = {},
  policy: RestartPolicy = DEFAULT_RESTART_POLICY,
): Promise<Stack> {
  const stoppers: Stoppable[] = [];
  const stop = async () => {
    // Ctrl-C also reaches the children (one process group): none may be restarted while we stop in order.
    for (const s of stoppers) s.halt?.();
    for (const s of stoppers.reverse()) {
      log(`stopping ${s.name}`);
      await s.stop().catch((err: unknown) => log(`  ${s.name}: ${String(err)}`));
    }
    stoppers.length = 0;
  };
  try {
    let databaseUrl = env.DATABASE_URL;
    if (!databaseUrl) {
      const pg = await startEmbeddedPostgres({
        dataDir: path.resolve(env.DATA_DIR, 'pg'),
        port: env.EMBEDDED_PG_PORT,
      });
      stoppers.push({ name: 'postgres', stop: () => pg.stop() });
      databaseUrl = pg.url;
    }
    let temporalAddress = env.TEMPORAL_ADDRESS;
    if (!temporalAddress) {
      const t = await startTemporalDevServer({
        cliPath: env.TEMPORAL_CLI_PATH,
        dbFile: path.resolve(env.DATA_DIR, 'temporal.db'),
        port: env.TEMPORAL_PORT,
        uiPort: env.TEMPORAL_UI_PORT,
      });
      stoppers.push({ name: 'temporal', stop: () => t.stop() });
      temporalAddress = t.address;
    }
    const report = await migrate(databaseUrl);
    if (report.modified.length)
      throw new Error(`migration edited after it was applied: ${report.modified[0]!.name}`);
    log(`migrations: ${report.applied.length} applied, ${report.alreadyApplied.length} already there`);
    const childEnv = {
      ...process.env,
      ...childEnvOverrides,
      DATABASE_URL: databaseUrl,
      TEMPORAL_ADDRESS: temporalAddress,
    };
    const children: [string, string][] = [
      ['worker', 'worker/main.ts'],
      ['api', 'api/main.ts'],
    ];
    if (env.START_SIMULATOR) children.unshift(['simulator', 'simulator/main.ts']);
    let died!: (name: string) => void;
    const diedPromise = new Promise<string>((resolve) => (died = resolve));
    for (const [name, file] of children) {
      // A crashed worker/API/simulator is restarted with backoff (tools/local/supervisor.ts); only a crash loop
      // stops the stack.
      stoppers.push(supervise({ name, spawn: () => spawnTs(file, childEnv), log, onGiveUp: died, policy }));
    }
    return {
      env,
      databaseUrl,
      temporalAddress,
      apiUrl: env.PUBLIC_URL,
      stop,
      died: diedPromise,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}

/** Runs a TypeScript entry point with tsx's loader in a child Node process sharing this terminal. */
function spawnTs(file: string, env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', path.join(PROJECT_ROOT, file)], {
    cwd: PROJECT_ROOT,
    env,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
}

/** Polls GET url until it answers 2xx (bounded). */
export async function waitForHttp(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    try {
      const res = await fetch(url);
      if (res.ok) return;
      last = `HTTP ${res.status}: ${await res.text()}`;
    } catch (err) {
      last = String(err);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} not ready after ${timeoutMs} ms (${last})`);
}

export async function runStackUntilSignal(
  onReady?: (stack: Stack) => Promise<void>,
  extra: Record<string, string> = {},
): Promise<void> {
  const overrides = { ...stackMode(), ...extra };
  const env = loadEnvWith(overrides);
  const stack = await startStack(env, console.log, overrides);
  let stopping = false;
  const shutdown = async (why: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${why}: stopping the stack`);
    await stack.stop();
    console.log('stopped');
    process.exit(why.includes('exited') ? 1 : 0);
  };
  // process.on, not once: tsx's loader exits with 130 when a SIGINT finds no listener left.
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(sig, () => void shutdown(sig));
  void stack.died.then((why) => shutdown(why));
  await waitForHttp(`${stack.apiUrl}/readyz`, 120_000);
  console.log(
    [
      '',
      'Instantly Bridge is up:',
      ...modeBanner(env),
      `  Dashboard      ${stack.apiUrl}/   (sign in with API_TOKEN)`,
      `  API            ${stack.apiUrl}   (Authorization: Bearer <API_TOKEN>)`,
      `  Ready check    ${stack.apiUrl}/readyz`,
      `  Temporal       ${stack.temporalAddress}`,
      env.TEMPORAL_ADDRESS ? '' : `  Temporal UI    ${env.TEMPORAL_UI_URL}`,
      `  PostgreSQL     ${stack.databaseUrl.replace(/:[^:@/]+@/, ':***@')}`,
      env.START_SIMULATOR ? `  Simulator      http://127.0.0.1:${env.SIMULATOR_PORT}/api/v2` : '',
      'Press Ctrl-C to stop everything.',
      '',
    ]
      .filter((l) => l !== '')
      .join('\n'),
  );
  if (onReady) await onReady(stack);
}

if (require.main === module) {
  runStackUntilSignal().catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
