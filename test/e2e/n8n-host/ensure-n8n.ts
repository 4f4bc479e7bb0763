/**
 * Makes sure a real n8n (one of hosts.ts: 2.8.4 on the machine's Node, 2.41.1 on Node 24) is installed in a cache
 * folder OUTSIDE the repo and returns how to run it.
 *
 * The folder is keyed by the n8n version, the Node it is built for (Node-24 hosts) and the host's package.json +
 * package-lock.json (sha256), so a lockfile change gets a fresh install and an unchanged one is reused across runs
 * (`npm ci` of n8n takes 2.5–6 min and 2.2–2.9 GB; see n8n-nodes/README.md "Compatibility"). The install goes
 * to a sibling temp folder that is renamed into place only when `n8n --version` answers, so an interrupted
 * install never leaves a half-populated cache behind; a lock folder makes concurrent callers wait for one install.
 *
 * CLI: `npx tsx test/e2e/n8n-host/ensure-n8n.ts [n8n version]` prints `{ bin, node, installedNow, seconds }`.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { withDirLock } from './dir-lock';
import { hostNodeBinary, N8N_HOST_2_8, N8N_HOSTS, type N8nHost } from './hosts';
import { npmCi } from './npm-ci';

export interface EnsureN8nResult {
  /** Absolute path of n8n's CLI script (`node_modules/n8n/bin/n8n`); run it as `<node> <bin> …`. */
  bin: string;
  /** Absolute path of the node binary this host runs on. */
  node: string;
  /** True when this call ran `npm ci`. */
  installedNow: boolean;
  /** Wall time of this call in seconds. */
  seconds: number;
}

export interface EnsureN8nOptions {
  /** Which n8n + Node (default: 2.8.4 on the machine's Node). */
  host?: N8nHost;
  /** Parent folder of the cache; default `$XDG_CACHE_HOME/instantly-bridge` or `~/.cache/instantly-bridge`. */
  cacheRoot?: string;
  /** Called with npm's output lines while installing (default: silent). */
  log?: (line: string) => void;
}

function nodeVersion(node: string): string {
  return spawnSync(node, ['-v'], { encoding: 'utf8', timeout: 30_000 }).stdout.trim();
}

/**
 * Cache folder: `<cacheRoot>/n8n-host-<n8n>-<12 hex>` (machine Node; the name 2.8.4 always had) or
 * `<cacheRoot>/n8n-host-<n8n>-node<v>-<12 hex>` (pinned Node: sqlite3 is compiled for that Node's ABI).
 */
export function n8nHostCacheDir(host: N8nHost, node: string, cacheRoot = defaultCacheRoot()): string {
  const hash = createHash('sha256');
  for (const file of ['package.json', 'package-lock.json']) hash.update(readFileSync(join(host.dir, file)));
  const runtime = host.node === 'machine' ? '' : `-node${nodeVersion(node).replace(/^v/, '')}`;
  return join(cacheRoot, `n8n-host-${host.n8nVersion}${runtime}-${hash.digest('hex').slice(0, 12)}`);
}

function defaultCacheRoot(): string {
  const xdg = process.env['XDG_CACHE_HOME'];
  return join(xdg !== undefined && xdg !== '' ? xdg : join(homedir(), '.cache'), 'instantly-bridge');
}

const binIn = (dir: string): string => join(dir, 'node_modules', 'n8n', 'bin', 'n8n');

function installedVersion(dir: string, node: string): string | undefined {
  const bin = binIn(dir);
  if (!existsSync(bin)) return undefined;
  const res = spawnSync(node, [bin, '--version'], { encoding: 'utf8', timeout: 60_000 });
  return res.status === 0 ? res.stdout.trim() : undefined;
}

/** Returns whether it ran `npm ci` (false when another process finished the install while we waited). */
async function install(host: N8nHost, node: string, finalDir: string, log: (line: string) => void) {
  if (installedVersion(finalDir, node) === host.n8nVersion) return false;
  const tmpDir = `${finalDir}.tmp-${process.pid}-${Date.now()}`;
  mkdirSync(tmpDir, { recursive: true });
  try {
    for (const file of ['package.json', 'package-lock.json'])
      copyFileSync(join(host.dir, file), join(tmpDir, file));
    await npmCi(tmpDir, node, host.installMinutes * 60_000, log);
    const version = installedVersion(tmpDir, node);
    if (version !== host.n8nVersion)
      throw new Error(`n8n --version after npm ci is ${String(version)}, not ${host.n8nVersion}`);
    rmSync(finalDir, { recursive: true, force: true });
    renameSync(tmpDir, finalDir); // .bin symlinks are relative, so the tree survives the move
    return true;
  } finally {
    rmSync(tmpDir, { recursive: true, force: true });
  }
}

/** Installs the host's n8n into the cache when needed; see the file comment. Throws with npm's output. */
export async function ensureN8n(options: EnsureN8nOptions = {}): Promise<EnsureN8nResult> {
  const started = Date.now();
  const host = options.host ?? N8N_HOST_2_8;
  const node = hostNodeBinary(host);
  const finalDir = n8nHostCacheDir(host, node, options.cacheRoot);
  const seconds = (): number => Math.round((Date.now() - started) / 100) / 10;
  if (installedVersion(finalDir, node) === host.n8nVersion)
    return { bin: binIn(finalDir), node, installedNow: false, seconds: seconds() };
  // One installer at a time per cache folder (parallel jest workers on a cold machine would otherwise both run
  // `npm ci`); a lock older than the install timeout is abandoned.
  const timeoutMs = host.installMinutes * 60_000;
  const installedNow = await withDirLock(
    `${finalDir}.lock`,
    { staleMs: timeoutMs, waitMs: timeoutMs + 60_000, pollMs: 2000, what: 'another n8n install' },
    () => install(host, node, finalDir, options.log ?? (() => undefined)),
  );
  if (installedVersion(finalDir, node) !== host.n8nVersion)
    throw new Error(`n8n ${host.n8nVersion} not usable in ${finalDir}`);
  return { bin: binIn(finalDir), node, installedNow, seconds: seconds() };
}

if (typeof require !== 'undefined' && require.main === module) {
  const wanted = process.argv[2] ?? N8N_HOST_2_8.n8nVersion;
  const host = N8N_HOSTS.find((h) => h.n8nVersion === wanted);
  if (host === undefined)
    throw new Error(`no host for n8n ${wanted}; known: ${N8N_HOSTS.map((h) => h.n8nVersion).join(', ')}`);
  ensureN8n({ host, log: (line) => process.stderr.write(`${line}\n`) }).then(
    (res) => process.stdout.write(`${JSON.stringify(res)}\n`),
    (err: unknown) => {
      process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
      process.exitCode = 1;
    },
  );
}
