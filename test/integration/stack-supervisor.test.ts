import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, isPortOpen } from '../../lib/ports';
import { readMigrations } from '../../tools/migrate';
import { spawnScript } from '../helpers/spawn-script';

const migrations = readMigrations().length;

async function waitFor(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

const ok = async (url: string) => {
  try {
    return (await fetch(url)).status === 200;
  } catch {
    return false;
  }
};

/** Processes whose command line mentions `needle` (the per-test data directory). */
function processesMentioning(needle: string): string[] {
  const out: string[] = [];
  for (const pid of readdirSync('/proc').filter((d: string) => /^\d+$/.test(d))) {
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
      if (cmd.includes(needle)) out.push(`${pid}: ${cmd}`);
    } catch {
      // process ended while we looked
    }
  }
  return out;
}

/** Direct children of `pid` with their command lines (the stack's worker, API, ...). */
function childrenOf(pid: number): { pid: number; cmd: string }[] {
  const out: { pid: number; cmd: string }[] = [];
  for (const p of readdirSync('/proc').filter((d: string) => /^\d+$/.test(d))) {
    try {
      const stat = readFileSync(`/proc/${p}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid !== pid) continue;
      out.push({ pid: Number(p), cmd: readFileSync(`/proc/${p}/cmdline`, 'utf8').replace(/\0/g, ' ') });
    } catch {
      // process ended while we looked
    }
  }
  return out;
}

const alive = (pid: number) =>
  existsSync(`/proc/${pid}`) && !readFileSync(`/proc/${pid}/stat`, 'utf8').includes(') Z');

/** The pid of the stack's child running `entry` (e.g. worker/main.ts), once there is exactly one. */
async function serviceChild(stackPid: number, entry: string, not?: number): Promise<number> {
  let found: number | undefined;
  await waitFor(
    async () => {
      const hits = childrenOf(stackPid).filter((c) => c.cmd.includes(entry) && c.pid !== not);
      found = hits.length === 1 ? hits[0]!.pid : undefined;
      return found !== undefined;
    },
    30_000,
    `a running ${entry} under the stack`,
  );
  return found!;
}

describe('npm start (scripts/stack.ts): one terminal, every service, Ctrl-C stops all of it', () => {
  it('starts PostgreSQL, Temporal + Web UI, migrations, worker and API; restarts a SIGKILLed worker and API; SIGINT/SIGTERM leave nothing behind; data survives a restart', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'ib-stack-'));
    chmodSync(dataDir, 0o755);
    const ports = {
      PORT: await freePort(),
      EMBEDDED_PG_PORT: await freePort(),
      TEMPORAL_PORT: await freePort(),
      TEMPORAL_UI_PORT: await freePort(),
    };
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      ...Object.fromEntries(Object.entries(ports).map(([k, v]) => [k, String(v)])),
    };
    delete env.DATABASE_URL;
    delete env.TEMPORAL_ADDRESS;
    // As a user runs `npm start`: no NODE_ENV (jest sets test) and no secrets; the stack picks development.
    for (const name of [
      'NODE_ENV',
      'API_TOKEN',
      'WEBHOOK_SECRET',
      'SETTINGS_ENCRYPTION_KEY',
      'SETTINGS_ENCRYPTION_KEYS',
    ])
      delete env[name];
    for (let round = 1; round <= 2; round++) {
      // Its own process group, so round 1 can press Ctrl-C the way a terminal does (SIGINT to every process).
      const { child, exited, output } = spawnScript('scripts/stack.ts', env, process.execPath, {
        detached: true,
      });
      await waitFor(
        () => ok(`http://127.0.0.1:${ports.PORT}/readyz`),
        120_000,
        `readyz (output: ${output()})`,
      );
      await waitFor(() => ok(`http://127.0.0.1:${ports.TEMPORAL_UI_PORT}/`), 30_000, 'the Temporal Web UI');
      await waitFor(async () => output().includes('Press Ctrl-C'), 10_000, 'the URL banner');
      expect(output()).toContain(`http://localhost:${ports.TEMPORAL_UI_PORT}`);
      // the banner says the stack runs in development mode, with the public development secrets
      expect(output()).toMatch(/Mode {11}development \(NODE_ENV=development\)/);
      expect(output()).toContain(
        'public development values in use for API_TOKEN, WEBHOOK_SECRET, SETTINGS_ENCRYPTION_KEY',
      );
      expect(output()).toContain(
        round === 1
          ? `migrations: ${migrations} applied`
          : `migrations: 0 applied, ${migrations} already there`,
      );
      const restarted: number[] = [];
      if (round === 1) {
        // kill -9 of the worker, then of the API: each is restarted (and says so), the rest keeps running.
        for (const [name, entry] of [
          ['worker', 'worker/main.ts'],
          ['api', 'api/main.ts'],
        ] as const) {
          const before = await serviceChild(child.pid!, entry);
          process.kill(before, 'SIGKILL');
          await waitFor(
            async () => output().includes(`${name} exited (SIGKILL)`),
            10_000,
            `${name} crash log`,
          );
          const after = await serviceChild(child.pid!, entry, before);
          expect(after).not.toBe(before);
          expect(output()).toMatch(
            new RegExp(`${name} exited \\(SIGKILL\\) after \\d+ ms; restarting it in \\d+ ms`),
          );
          restarted.push(after);
          await waitFor(
            () => ok(`http://127.0.0.1:${ports.PORT}/readyz`),
            60_000,
            `readyz after ${name} restart`,
          );
          expect(child.exitCode).toBeNull();
        }
        expect(output()).not.toContain('stopping the stack');
      }
      // Round 1 stops with a terminal's Ctrl-C (SIGINT to the whole process group: the children exit on their own
      // while the stack stops them, and must not be restarted), round 2 with SIGTERM to the stack only.
      if (round === 1) process.kill(-child.pid!, 'SIGINT');
      else child.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(output().match(/restarting it in/g) ?? []).toHaveLength(round === 1 ? 2 : 0);
      for (const pid of restarted) expect(alive(pid)).toBe(false);
      for (const port of Object.values(ports)) expect(await isPortOpen(port)).toBe(false);
      expect(processesMentioning(dataDir)).toEqual([]);
      expect(existsSync(path.join(dataDir, 'temporal.db'))).toBe(true);
    }
  }, 300_000);
});
