/**
 * Drives a real n8n (installed by ensure-n8n.ts) headlessly for e2e tests, following the measured recipe in
 * /work/shared/docs/n8n-e2e.md: a fresh user folder per test file, our community package copied in as a
 * user would install it, CLI import/publish/execute, and `n8n start` for webhooks. Every child process is
 * async (so in-process stub servers keep answering) and bounded by a timeout; failures throw with n8n's output.
 */
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { type CliResult, freePort, n8nEnv, run, sleep, stopChild } from './n8n-process';
import { envWithNode } from './npm-ci';
import { enablePublicApi, type PublicApi } from './n8n-public-api';

export { type CliResult, freePort, n8nEnv, waitUntil } from './n8n-process';
export { type N8nExecution, type PublicApi } from './n8n-public-api';
export { buildNodesPackage, NODES_PACKAGE_DIR } from './nodes-package';

export const NODES_PACKAGE_NAME = 'n8n-nodes-instantly-bridge';
/** Node type prefixes as n8n registers them for a package installed under `.n8n/nodes/node_modules`. */
export const ACTION_NODE_TYPE = `${NODES_PACKAGE_NAME}.instantlyBridge`;
export const TRIGGER_NODE_TYPE = `${NODES_PACKAGE_NAME}.instantlyBridgeTrigger`;

const CLI_TIMEOUT_MS = 240_000;

/** A new empty N8N_USER_FOLDER under the OS temp dir (n8n keeps its sqlite DB in `<folder>/.n8n`). */
export function createN8nUserFolder(): string {
  return mkdtempSync(join(tmpdir(), 'n8n-e2e-'));
}

/**
 * Copies package.json + dist/ of `packageDir` (what buildNodesPackage() returned) to
 * `<userFolder>/.n8n/nodes/node_modules/n8n-nodes-instantly-bridge/`, as a user's community-node install.
 */
export function installPackageInto(userFolder: string, packageDir: string): string {
  const dist = join(packageDir, 'dist');
  if (!existsSync(join(dist, 'nodes')))
    throw new Error(`${dist} is missing: build n8n-nodes first (buildNodesPackage)`);
  const target = join(userFolder, '.n8n', 'nodes', 'node_modules', NODES_PACKAGE_NAME);
  rmSync(target, { recursive: true, force: true });
  mkdirSync(target, { recursive: true });
  cpSync(join(packageDir, 'package.json'), join(target, 'package.json'));
  cpSync(dist, join(target, 'dist'), { recursive: true });
  return target;
}

/** Parses `n8n execute --rawOutput` stdout: the JSON starts at the first line beginning with "{". */
export function parseExecuteOutput(stdout: string): N8nRunResult {
  const start = stdout.startsWith('{') ? 0 : stdout.indexOf('\n{') + 1;
  if (start === 0 && !stdout.startsWith('{')) throw new Error(`n8n execute printed no JSON:\n${stdout}`);
  return JSON.parse(stdout.slice(start)) as N8nRunResult;
}

/** Killed by a crash signal (not a timeout kill or a normal failure exit). */
function crashed(res: CliResult): boolean {
  return res.signal === 'SIGSEGV' || res.signal === 'SIGBUS' || res.signal === 'SIGABRT';
}

/** The run `n8n execute --rawOutput` printed, when it printed a whole one that finished; else null. */
function finishedRun(stdout: string): N8nRunResult | null {
  try {
    const run = parseExecuteOutput(stdout) as N8nRunResult & { finished?: unknown };
    return run.finished === true ? run : null;
  } catch {
    return null;
  }
}

export interface N8nRunResult {
  status?: string;
  data: {
    resultData: {
      runData: Record<string, Array<{ data?: { main: Array<Array<{ json: Record<string, unknown> }>> } }>>;
      error?: unknown;
    };
  };
}

/** Output items (json) of `nodeName`'s first run, first output. */
export function nodeOutput(result: N8nRunResult, nodeName: string): Array<Record<string, unknown>> {
  const runs = result.data.resultData.runData[nodeName];
  return (runs?.[0]?.data?.main[0] ?? []).map((item) => item.json);
}

export interface StartedN8n {
  url: string;
  port: number;
  /** Everything n8n printed so far (for assertions and failure messages). */
  logs(): string;
  stop(): Promise<void>;
}

/** How to run one installed n8n: its CLI script and the node binary it runs on (ensureN8n's result). */
export interface N8nInstall {
  bin: string;
  node: string;
}

/** One n8n install + one user folder. Methods map 1:1 to the CLI steps of the recipe. */
export class N8nRunner {
  constructor(
    readonly n8n: N8nInstall,
    readonly userFolder: string,
  ) {}

  /** n8n's environment with the host's node first on PATH (n8n spawns its task runner with it). */
  private env(extra: Record<string, string>): NodeJS.ProcessEnv {
    return envWithNode(this.n8n.node, n8nEnv(this.userFolder, extra));
  }

  /** Runs an n8n CLI command on its own task-runner broker port (so it can run beside `n8n start`). */
  async cli(args: string[], timeoutMs = CLI_TIMEOUT_MS): Promise<CliResult> {
    const env = this.env({ N8N_RUNNERS_BROKER_PORT: String(await freePort()) });
    return await run(this.n8n.node, [this.n8n.bin, ...args], { env, timeoutMs });
  }

  /**
   * Runs a CLI command that must succeed. n8n 2.41 on Node 24 was seen to crash (SIGSEGV) while tearing the
   * process down after `execute` had printed its finished run. The commands run through here (import, publish)
   * are safe to repeat, so one that crashed like that is run once more, saying so; `execute` is not repeated
   * (see executeWorkflow). Any other failure throws.
   */
  private async cliOk(args: string[]): Promise<CliResult> {
    let res = await this.cli(args);
    if (res.code !== 0 && crashed(res)) {
      console.warn(`n8n ${args.join(' ')} crashed (${String(res.signal)}); running it once more`);
      res = await this.cli(args);
    }
    if (res.code !== 0)
      throw new Error(
        `n8n ${args.join(' ')} exited ${String(res.code)} (signal ${String(res.signal)}):\n${res.stdout}\n${res.stderr}`,
      );
    return res;
  }

  private async importFile(kind: 'credentials' | 'workflow', data: unknown): Promise<void> {
    const file = join(
      this.userFolder,
      `import-${kind}-${Date.now()}-${Math.random().toString(36).slice(2)}.json`,
    );
    writeFileSync(file, JSON.stringify(data));
    try {
      await this.cliOk([`import:${kind}`, `--input=${file}`]);
    } finally {
      rmSync(file, { force: true });
    }
  }

  /** `n8n import:credentials`; `data` is stored encrypted with the fixed e2e encryption key. */
  async importCredentials(
    credentials: Array<{ id: string; name: string; type: string; data: Record<string, unknown> }>,
  ): Promise<void> {
    await this.importFile('credentials', credentials);
  }

  /** `n8n import:workflow` of one workflow (id ≤ 21 chars, `active: false`). */
  async importWorkflow(workflow: Record<string, unknown>): Promise<void> {
    await this.importFile('workflow', workflow);
  }

  /** Several workflows in ONE CLI process (each n8n CLI start costs ~1.5–2 s). */
  async importWorkflows(workflows: Array<Record<string, unknown>>): Promise<void> {
    await this.importFile('workflow', workflows);
  }

  /** `n8n publish:workflow` (2.x activation); takes effect at the next `n8n start`. */
  async publishWorkflow(id: string): Promise<void> {
    await this.cliOk(['publish:workflow', `--id=${id}`]);
  }

  /** `n8n execute --id --rawOutput`; throws on exit ≠ 0, returns the parsed run JSON. */
  async executeWorkflow(id: string): Promise<N8nRunResult> {
    const args = ['execute', `--id=${id}`, '--rawOutput'];
    const res = await this.cli(args);
    if (res.code !== 0 && crashed(res)) {
      const printed = finishedRun(res.stdout);
      if (printed !== null) {
        console.warn(`n8n ${args.join(' ')} crashed (${String(res.signal)}) after printing its finished run`);
        return printed;
      }
    }
    if (res.code !== 0)
      throw new Error(
        `n8n ${args.join(' ')} exited ${String(res.code)} (signal ${String(res.signal)}):\n${res.stdout}\n${res.stderr}`,
      );
    return parseExecuteOutput(res.stdout);
  }

  /** `n8n start` on 127.0.0.1; resolves when /healthz/readiness answers 200 (bounded by `readyTimeoutMs`). */
  async startN8n(
    opts: { port?: number; brokerPort?: number; readyTimeoutMs?: number } = {},
  ): Promise<StartedN8n> {
    const port = opts.port ?? (await freePort());
    let brokerPort = opts.brokerPort ?? (await freePort());
    while (brokerPort === port) brokerPort = await freePort(); // the two must differ (pitfall 14)
    const url = `http://127.0.0.1:${port}`;
    const env = this.env({
      N8N_LISTEN_ADDRESS: '127.0.0.1',
      N8N_HOST: '127.0.0.1',
      N8N_PROTOCOL: 'http',
      N8N_PORT: String(port),
      N8N_SECURE_COOKIE: 'false',
      N8N_RUNNERS_BROKER_PORT: String(brokerPort),
      WEBHOOK_URL: `${url}/`,
    });
    const child = spawn(this.n8n.node, [this.n8n.bin, 'start'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (output += c.toString('utf8')));
    const exited = new Promise<void>((r) => child.once('exit', () => r()));
    const started: StartedN8n = { url, port, logs: () => output, stop: () => stopChild(child, exited) };
    const deadline = Date.now() + (opts.readyTimeoutMs ?? 180_000);
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`n8n start exited with ${child.exitCode}:\n${output}`);
      const status = await fetch(`${url}/healthz/readiness`).then(
        (r) => r.status,
        () => 0,
      );
      if (status === 200) return started;
      await sleep(200);
    }
    await started.stop();
    throw new Error(`n8n start not ready within ${opts.readyTimeoutMs ?? 180_000} ms:\n${output}`);
  }

  /** Owner setup + API key on the running instance; see n8n-public-api.ts. */
  async enablePublicApi(n8n: StartedN8n): Promise<PublicApi> {
    return await enablePublicApi(n8n.url);
  }

  /** Deletes the user folder (sqlite DB, copied package, static files). */
  cleanup(): void {
    rmSync(this.userFolder, { recursive: true, force: true });
  }
}
