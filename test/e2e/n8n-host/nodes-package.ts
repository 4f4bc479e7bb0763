/**
 * Builds the community package (n8n-nodes/) for the real-n8n e2e tests ONCE per source version, without
 * touching n8n-nodes/dist (which `npm install`'s postinstall and developers own).
 *
 * Two test files (n8n-harness.test.ts, n8n.test.ts) may run at the same time in different jest workers; if
 * each ran `npm run build` in place, one could copy dist/ into its n8n user folder while the other's tsc is
 * rewriting it. Instead the package is compiled into `<tmp>/instantly-bridge-n8n-nodes-<hash>/` where the hash
 * covers every input of the build (sources, icons, tsconfig, package.json, copy-assets.js): a lock folder
 * makes concurrent callers wait for one build, the build goes to a temp sibling that is renamed into place
 * when complete, and an unchanged source tree reuses the finished folder (no tsc at all).
 */
import { createHash } from 'node:crypto';
import {
  cpSync,
  existsSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';

import { withDirLock } from './dir-lock';
import { run } from './n8n-process';

export const NODES_PACKAGE_DIR = resolve(__dirname, '..', '..', '..', 'n8n-nodes');

const BUILD_TIMEOUT_MS = 120_000;
const INPUTS = ['credentials', 'nodes', 'icons', 'scripts', 'package.json', 'tsconfig.json'];
const READY = '.e2e-build-complete';

function filesUnder(path: string): string[] {
  if (!existsSync(path)) return [];
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path)
    .sort()
    .flatMap((name) => filesUnder(join(path, name)));
}

/** sha256 over the relative path + bytes of every build input (12 hex chars). */
export function nodesSourceHash(packageDir = NODES_PACKAGE_DIR): string {
  const hash = createHash('sha256');
  for (const input of INPUTS) {
    for (const file of filesUnder(join(packageDir, input))) {
      hash.update(relative(packageDir, file)).update('\0').update(readFileSync(file)).update('\0');
    }
  }
  return hash.digest('hex').slice(0, 12);
}

async function mustRun(cmd: string, args: string[]): Promise<void> {
  const res = await run(cmd, args, { cwd: NODES_PACKAGE_DIR, env: process.env, timeoutMs: BUILD_TIMEOUT_MS });
  if (res.code !== 0)
    throw new Error(
      `${cmd} ${args.join(' ')} failed (exit ${String(res.code)}):\n${res.stdout}\n${res.stderr}`,
    );
}

/**
 * Returns a folder laid out like the published package (package.json + dist/) compiled from the CURRENT
 * sources; builds it (tsc + assets, a few seconds) only when no build of these exact sources exists yet.
 */
export async function buildNodesPackage(): Promise<string> {
  const finalDir = join(tmpdir(), `instantly-bridge-n8n-nodes-${nodesSourceHash()}`);
  if (existsSync(join(finalDir, READY))) return finalDir;
  return await withDirLock(
    `${finalDir}.lock`,
    { staleMs: BUILD_TIMEOUT_MS, waitMs: 2 * BUILD_TIMEOUT_MS, pollMs: 200, what: 'the n8n-nodes build' },
    async () => {
      if (existsSync(join(finalDir, READY))) return finalDir;
      const staging = `${finalDir}.tmp-${process.pid}-${Date.now()}`;
      try {
        const tsc = join(NODES_PACKAGE_DIR, 'node_modules', 'typescript', 'bin', 'tsc');
        if (!existsSync(tsc))
          throw new Error(`${tsc} is missing: run npm ci in n8n-nodes (root postinstall does)`);
        const dist = join(staging, 'dist');
        await mustRun(process.execPath, [tsc, '-p', 'tsconfig.json', '--outDir', dist]);
        await mustRun(process.execPath, [join('scripts', 'copy-assets.js'), dist]);
        cpSync(join(NODES_PACKAGE_DIR, 'package.json'), join(staging, 'package.json'));
        writeFileSync(join(staging, READY), `${new Date().toISOString()}\n`);
        rmSync(finalDir, { recursive: true, force: true });
        renameSync(staging, finalDir);
        return finalDir;
      } finally {
        rmSync(staging, { recursive: true, force: true });
      }
    },
  );
}
