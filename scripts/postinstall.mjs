// Runs after `npm install` (plain Node, no dev tools needed):
//   1. prisma generate, offline (Prisma's CLI wants its schema engine even for generate, which does not use it);
//   2. provisions the Temporal CLI: TEMPORAL_CLI_PATH, `temporal` on PATH, .tools/bin/temporal, else builds the
//      official CLI from the Go module proxy into .tools/bin (never downloads from anywhere but the registries);
//   3. installs and builds the n8n community node package (n8n-nodes/, its own package.json);
//   4. builds the dashboard (ui/ → ui/dist) with Vite; skipped with a message when Vite is absent
//      (`npm ci --omit=dev`: serve a ui/dist built elsewhere, or the API answers / with how to build it).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const TEMPORAL_CLI_MODULE = 'github.com/temporalio/cli/cmd/temporal@v1.5.1';
const log = (msg) => console.log(`[postinstall] ${msg}`);

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', cwd: root, ...opts });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (exit ${r.status})`);
}

function prismaGenerate() {
  const enginesDir = path.join(root, 'node_modules', '@prisma', 'engines');
  const hasEngine =
    existsSync(enginesDir) && readdirSync(enginesDir).some((f) => f.startsWith('schema-engine'));
  const env = { ...process.env };
  // generate never runs the schema engine; point the CLI at any file so it does not try to download one.
  if (!hasEngine && !env.PRISMA_SCHEMA_ENGINE_BINARY) env.PRISMA_SCHEMA_ENGINE_BINARY = process.execPath;
  run(process.execPath, [path.join(root, 'node_modules', 'prisma', 'build', 'index.js'), 'generate'], {
    env,
  });
}

function which(bin) {
  try {
    return execFileSync('sh', ['-c', `command -v ${bin}`], { encoding: 'utf8' }).trim() || null;
  } catch {
    return null;
  }
}

function provisionTemporal() {
  const local = path.join(root, '.tools', 'bin', 'temporal');
  const explicit = process.env.TEMPORAL_CLI_PATH;
  if (explicit && existsSync(explicit)) return log(`Temporal CLI: ${explicit} (TEMPORAL_CLI_PATH)`);
  if (which('temporal')) return log(`Temporal CLI: ${which('temporal')} (PATH)`);
  if (existsSync(local)) return log(`Temporal CLI: ${local}`);
  const go = which('go');
  if (!go) {
    return log(
      'WARNING: no Temporal CLI and no Go toolchain. Set TEMPORAL_CLI_PATH, put `temporal` on PATH, install Go ' +
        'and run `npm run setup:temporal`, or use TEMPORAL_ADDRESS with a running cluster. Tests and `npm start` need one.',
    );
  }
  log(`building the Temporal CLI: GOBIN=.tools/bin go install ${TEMPORAL_CLI_MODULE}`);
  log(
    '(first build downloads Go modules through the Go module proxy and compiles for a few minutes on 2 cores)',
  );
  const started = Date.now();
  run(go, ['install', TEMPORAL_CLI_MODULE], { env: { ...process.env, GOBIN: path.dirname(local) } });
  const mb = (statSync(local).size / 1024 / 1024).toFixed(0);
  log(`Temporal CLI built in ${((Date.now() - started) / 1000).toFixed(0)} s: ${local} (${mb} MiB)`);
}

function buildN8nNodes() {
  const dir = path.join(root, 'n8n-nodes');
  if (!existsSync(path.join(dir, 'package-lock.json'))) return log('n8n-nodes: no lockfile yet, skipped');
  log('n8n-nodes: npm ci + build');
  run('npm', ['ci', '--no-audit', '--no-fund', '--ignore-scripts'], { cwd: dir });
  run('npm', ['run', 'build'], { cwd: dir });
}

function buildUi() {
  const vite = path.join(root, 'node_modules', 'vite', 'bin', 'vite.js');
  if (!existsSync(vite) || !existsSync(path.join(root, 'node_modules', '@preact', 'preset-vite')))
    return log(
      'dashboard: vite not installed (dev dependencies omitted?), ui/dist not built; run `npm run build:ui` where they are',
    );
  log('dashboard: vite build ui → ui/dist');
  run(process.execPath, [vite, 'build', 'ui', '--logLevel', 'warn']);
}

const step = process.argv[2];
if (!step || step === 'prisma') prismaGenerate();
if (!step || step === 'temporal') provisionTemporal();
if (!step || step === 'n8n') buildN8nNodes();
if (!step || step === 'ui') buildUi();
