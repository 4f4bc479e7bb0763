import { execFileSync } from 'node:child_process';
import { readFileSync, readlinkSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { freePort } from '../../lib/ports';
import { stopChild } from '../../tools/local/temporal-server';
import { waitForHttp } from '../../scripts/stack';
import { makeBusinesses, exportBody } from '../fixtures/businesses';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { spawnScript } from '../helpers/spawn-script';
import { temporalAddress } from '../helpers/temporal';

const NODE_24 = '24.21.0';

/** Node 24 from the npm registry via scripts/node24.mjs (the same binary .ci/run's Node-24 pass uses). */
function ensureNode24(): string {
  const script = path.resolve(__dirname, '..', '..', 'scripts', 'node24.mjs');
  return execFileSync(process.execPath, [script, NODE_24], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  }).trim();
}

/** Every process below `pid` (Linux /proc). */
function descendants(pid: number): number[] {
  const read = (p: number) => {
    try {
      return readFileSync(`/proc/${p}/task/${p}/children`, 'utf8').split(' ').filter(Boolean).map(Number);
    } catch {
      return [];
    }
  };
  const out: number[] = [];
  for (let todo = read(pid); todo.length > 0;) {
    const next = todo.shift()!;
    out.push(next);
    todo.push(...read(next));
  }
  return out;
}

const cmdline = (pid: number): string => {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
  } catch {
    return '';
  }
};

/**
 * Node 20 is end-of-life: the service must run on Node 24 too. This runs the real stack supervisor (worker, API,
 * simulator) under Node 24 against the test engines and does a whole export through the HTTP API.
 */
describe('the service on Node 24', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => db?.drop());

  it('runs the worker, the API and the simulator on Node 24 and completes an export', async () => {
    const node = ensureNode24();
    expect(execFileSync(node, ['-v'], { encoding: 'utf8' }).trim()).toBe(`v${NODE_24}`);
    const [port, simPort] = [await freePort(), await freePort()];
    const token = 'node24-api-token-0123456789';
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: 'development',
      NODE_OPTIONS: '',
      LOG_LEVEL: 'warn',
      DATABASE_URL: db.url,
      TEMPORAL_ADDRESS: temporalAddress(),
      TEMPORAL_TASK_QUEUE: `node24-${port}`,
      PORT: String(port),
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      API_TOKEN: token,
      START_SIMULATOR: 'true',
      SIMULATOR_PORT: String(simPort),
      INSTANTLY_API_URL: `http://127.0.0.1:${simPort}/api/v2`,
      INSTANTLY_API_KEY: 'node24-key',
      WORKFLOW_BUNDLE_PATH: process.env.WORKFLOW_BUNDLE_PATH,
    };
    const { child, output } = spawnScript('scripts/stack.ts', env, node);
    try {
      await waitForHttp(`http://127.0.0.1:${port}/readyz`, 120_000).catch((err: unknown) => {
        throw new Error(`${String(err)}\n${output()}`);
      });
      // /healthz no longer tells anyone the Node version: ask the OS which binary runs the API process.
      expect(await (await fetch(`http://127.0.0.1:${port}/healthz`)).json()).toEqual({ status: 'ok' });
      const api = descendants(child.pid!).find((pid) => cmdline(pid).includes('api/main.ts'));
      expect(api).toBeDefined();
      expect(readlinkSync(`/proc/${api}/exe`)).toBe(realpathSync(node));
      const call = async (method: string, p: string, body?: unknown) => {
        const res = await fetch(`http://127.0.0.1:${port}${p}`, {
          method,
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
        return (await res.json()) as any;
      };
      const businesses = makeBusinesses(50, 'n24').map((b) => ({
        ...b,
        reviews_count: b.reviewsCount,
        subject_line: b.subjectLine,
        reviewsCount: undefined,
        subjectLine: undefined,
      }));
      const campaign = await call('POST', '/api/campaigns', { name: 'Node 24', businesses });
      const started = await call('POST', `/api/campaigns/${campaign.id}/export-to-instantly`, exportBody());
      let doc: any;
      for (let i = 0; i < 240; i++) {
        doc = await call('GET', `/api/exports/${started.exportId}`);
        if (doc.status !== 'running') break;
        await new Promise((r) => setTimeout(r, 250));
      }
      expect(doc.status).toBe('completed');
      expect(doc.result.counters).toMatchObject({ eligible: 50, sent: 50, uploaded: 50 });
    } finally {
      await stopChild(child, 20_000);
    }
  }, 240_000);
});
