import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { bundleWorkflowCode } from '@temporalio/worker';
import os from 'node:os';
import path from 'node:path';
import { startEmbeddedPostgres } from '../tools/local/postgres';
import { freePort } from '../lib/ports';
import { startTemporalDevServer } from '../tools/local/temporal-server';

/**
 * Starts the real engines once per jest run: an embedded PostgreSQL (unless DATABASE_URL points at one) and
 * the Temporal CLI dev server (unless TEMPORAL_ADDRESS points at one). If either cannot start, the whole run
 * fails here with the reason; no test is silently skipped.
 */
export default async function globalSetup(): Promise<void> {
  const started = Date.now();
  const handles: { stop(): Promise<void> }[] = [];
  (globalThis as { __ENGINES__?: unknown }).__ENGINES__ = handles;
  if (!process.env.TEST_DATABASE_URL) {
    if (process.env.DATABASE_URL) {
      process.env.TEST_DATABASE_URL = process.env.DATABASE_URL;
    } else {
      const parent = mkdtempSync(path.join(os.tmpdir(), 'ib-test-pg-'));
      chmodSync(parent, 0o755); // PostgreSQL runs as the OS user `postgres` when we are root
      const dataDir = path.join(parent, 'data');
      const pg = await startEmbeddedPostgres({ dataDir, port: await freePort(), persistent: false });
      handles.push(pg);
      process.env.TEST_DATABASE_URL = pg.url;
    }
  }
  if (!process.env.TEMPORAL_ADDRESS) {
    const temporal = await startTemporalDevServer({ cliPath: process.env.TEMPORAL_CLI_PATH });
    handles.push(temporal);
    process.env.TEMPORAL_ADDRESS = temporal.address;
  }
  // One workflow bundle per run: every test worker reuses it instead of bundling again.
  const { code } = await bundleWorkflowCode({
    workflowsPath: require.resolve('../workflows'),
    logger: quietLogger,
  });
  const bundlePath = path.join(mkdtempSync(path.join(os.tmpdir(), 'ib-bundle-')), 'workflows.js');
  writeFileSync(bundlePath, code);
  process.env.WORKFLOW_BUNDLE_PATH = bundlePath;
  process.env.LOG_LEVEL ??= 'warn';
  console.log(`\n[engines] PostgreSQL + Temporal ready in ${Date.now() - started} ms`);
}

const noop = (): void => undefined;
const quietLogger = { log: noop, trace: noop, debug: noop, info: noop, warn: noop, error: console.error };
