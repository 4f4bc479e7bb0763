import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, isPortOpen } from '../../lib/local/ports';
import { readMigrations } from '../../lib/migrate';
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

describe('npm start (scripts/stack.ts): one terminal, every service, Ctrl-C stops all of it', () => {
  it('starts PostgreSQL, Temporal + Web UI, migrations, worker and API; SIGINT leaves nothing behind; data survives a restart', async () => {
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
    for (let round = 1; round <= 2; round++) {
      const { child, exited, output } = spawnScript('scripts/stack.ts', env);
      await waitFor(
        () => ok(`http://127.0.0.1:${ports.PORT}/readyz`),
        120_000,
        `readyz (output: ${output()})`,
      );
      await waitFor(() => ok(`http://127.0.0.1:${ports.TEMPORAL_UI_PORT}/`), 30_000, 'the Temporal Web UI');
      await waitFor(async () => output().includes('Press Ctrl-C'), 10_000, 'the URL banner');
      expect(output()).toContain(`http://localhost:${ports.TEMPORAL_UI_PORT}`);
      expect(output()).toContain(
        round === 1
          ? `migrations: ${migrations} applied`
          : `migrations: 0 applied, ${migrations} already there`,
      );
      child.kill('SIGINT');
      expect(await exited).toBe(0);
      for (const port of Object.values(ports)) expect(await isPortOpen(port)).toBe(false);
      expect(processesMentioning(dataDir)).toEqual([]);
      expect(existsSync(path.join(dataDir, 'temporal.db'))).toBe(true);
    }
  }, 300_000);
});
