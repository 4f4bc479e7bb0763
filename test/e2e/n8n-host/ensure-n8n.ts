/**
 * Makes sure a real n8n 2.8.4 is installed in a cache folder OUTSIDE the repo and returns its binary.
 *
 * The folder is keyed by this host's package.json + package-lock.json (sha256), so a lockfile change gets a fresh
 * install and an unchanged one is reused across runs (`npm ci` of n8n takes ~2.5 min and ~2.2 GB; see
 * /work/shared/docs/n8n-e2e.md). The install goes to a sibling temp folder that is renamed into place only when
 * `n8n --version` answers, so an interrupted install never leaves a half-populated cache behind; a lock
 * folder makes concurrent callers wait for one install instead of running their own.
 *
 * CLI: `npx tsx test/e2e/n8n-host/ensure-n8n.ts` prints `{ bin, installedNow, seconds }` as JSON.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { withDirLock } from './dir-lock';

export const N8N_VERSION = '2.8.4';

const HOST_DIR = __dirname;
const INSTALL_TIMEOUT_MS = 15 * 60_000;

export interface EnsureN8nResult {
  /** Absolute path of the `n8n` executable. */
  bin: string;
  /** True when this call ran `npm ci`. */
  installedNow: boolean;
  /** Wall time of this call in seconds. */
  seconds: number;
}

export interface EnsureN8nOptions {
  /** Parent folder of the cache; default `$XDG_CACHE_HOME/instantly-bridge` or `~/.cache/instantly-bridge`. */
  cacheRoot?: string;
  /** Called with npm's output lines while installing (default: silent). */
  log?: (line: string) => void;
}

/** Cache folder for the current lockfile: `<cacheRoot>/n8n-host-2.8.4-<12 hex of sha256(package.json + lock)>`. */
export function n8nHostCacheDir(cacheRoot = defaultCacheRoot()): string {
  const hash = createHash('sha256');
  for (const file of ['package.json', 'package-lock.json']) hash.update(readFileSync(join(HOST_DIR, file)));
  return join(cacheRoot, `n8n-host-${N8N_VERSION}-${hash.digest('hex').slice(0, 12)}`);
}

function defaultCacheRoot(): string {
  const xdg = process.env['XDG_CACHE_HOME'];
  return join(xdg !== undefined && xdg !== '' ? xdg : join(homedir(), '.cache'), 'instantly-bridge');
}

function binIn(dir: string): string {
  return join(dir, 'node_modules', '.bin', 'n8n');
}

function installedVersion(dir: string): string | undefined {
  const bin = binIn(dir);
  if (!existsSync(bin)) return undefined;
  const res = spawnSync(bin, ['--version'], { encoding: 'utf8', timeout: 30_000 });
  return res.status === 0 ? res.stdout.trim() : undefined;
}

/**
 * Node's own headers for node-gyp (sqlite3 is compiled from source offline; without them node-gyp tries to
 * download headers, fails, and a failed rebuild deletes the old binary — n8n-e2e.md pitfall 4). Official
 * Node builds and Debian's nodejs both ship `<prefix>/include/node/node.h` next to `<prefix>/bin/node`.
 */
function nodeHeadersDir(): string | undefined {
  const prefix = dirname(dirname(process.execPath));
  return existsSync(join(prefix, 'include', 'node', 'node.h')) ? prefix : undefined;
}

/** `npm ci` as an async child (the caller's event loop keeps running); throws with npm's output on failure. */
function npmCi(dir: string, log: (line: string) => void): Promise<void> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    npm_config_nodedir: process.env['npm_config_nodedir'] ?? nodeHeadersDir(),
  };
  delete env['NODE_ENV']; // jest's NODE_ENV=test must not change what npm installs
  return new Promise((resolveCi, reject) => {
    // --strict-allow-scripts: only sqlite3's install script may run (package.json allowScripts), see pitfall 3.
    const child = spawn('npm', ['ci', '--no-audit', '--no-fund', '--strict-allow-scripts'], {
      cwd: dir,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const onData = (chunk: Buffer): void => {
      const text = chunk.toString('utf8');
      output = (output + text).slice(-20_000);
      for (const line of text.split('\n')) if (line.trim() !== '') log(line);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    const timer = setTimeout(() => child.kill('SIGKILL'), INSTALL_TIMEOUT_MS);
    child.once('error', reject);
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolveCi();
      else
        reject(
          new Error(`npm ci in ${dir} failed (exit ${String(code)}, signal ${String(signal)}):\n${output}`),
        );
    });
  });
}

/** Returns whether it ran `npm ci` (false when another process finished the install while we waited). */
async function install(finalDir: string, log: (line: string) => void): Promise<boolean> {
  if (installedVersion(finalDir) === N8N_VERSION) return false;
  const tmpDir = `${finalDir}.tmp-${process.pid}-${Date.now()}`;
  mkdirSync(tmpDir, { recursive: true });
  try {
    for (const file of ['package.json', 'package-lock.json'])
      copyFileSync(join(HOST_DIR, file), join(tmpDir, file));
    await npmCi(tmpDir, log);
    const version = installedVersion(tmpDir);
    if (version !== N8N_VERSION)
      throw new Error(`n8n --version after npm ci is ${String(version)}, not ${N8N_VERSION}`);
    rmSync(finalDir, { recursive: true, force: true });
    renameSync(tmpDir, finalDir); // .bin symlinks are relative, so the tree survives the move
    return true;
  } finally {
    rmSync(tmpDir, { recursive: true, force: true });
  }
}

/** Installs n8n into the cache when needed; see the file comment. Throws with npm's output when `npm ci` fails. */
export async function ensureN8n(options: EnsureN8nOptions = {}): Promise<EnsureN8nResult> {
  const started = Date.now();
  const finalDir = n8nHostCacheDir(options.cacheRoot);
  const seconds = (): number => Math.round((Date.now() - started) / 100) / 10;
  if (installedVersion(finalDir) === N8N_VERSION) {
    return { bin: binIn(finalDir), installedNow: false, seconds: seconds() };
  }
  // One installer at a time per cache folder (parallel jest workers on a cold machine would otherwise both run
  // `npm ci`); a lock older than the install timeout is abandoned.
  const installedNow = await withDirLock(
    `${finalDir}.lock`,
    {
      staleMs: INSTALL_TIMEOUT_MS,
      waitMs: INSTALL_TIMEOUT_MS + 60_000,
      pollMs: 2000,
      what: 'another n8n install',
    },
    () => install(finalDir, options.log ?? (() => undefined)),
  );
  if (installedVersion(finalDir) !== N8N_VERSION)
    throw new Error(`n8n ${N8N_VERSION} not usable in ${finalDir}`);
  return { bin: binIn(finalDir), installedNow, seconds: seconds() };
}

if (typeof require !== 'undefined' && require.main === module) {
  ensureN8n({ log: (line) => process.stderr.write(`${line}\n`) }).then(
    (res) => process.stdout.write(`${JSON.stringify(res)}\n`),
    (err: unknown) => {
      process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
      process.exitCode = 1;
    },
  );
}
