import { spawnSync } from 'node:child_process';
import path from 'node:path';

/**
 * `npm run bench [export|intake|apply|all] [-- flags]`: runs the benchmarks one after another (each starts its
 * own engines). export and intake build first and run the compiled services (the worker as `npm run
 * worker:prod` does); apply (issue 15: apply cost vs the export's history) runs in-process on the sources.
 * Figures print as JSON; docs/benchmarks.md records them.
 */
const [which = 'all', ...flags] = process.argv.slice(2);
const root = path.resolve(__dirname, '..');
const run = (cmd: string, args: string[]) => {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
};
const tsx = (file: string, args: string[]) =>
  run(process.execPath, ['--import', 'tsx', path.join(root, 'bench', file), ...args]);

if (!['export', 'intake', 'apply', 'all'].includes(which)) {
  console.error(`unknown benchmark ${which}: use export, intake, apply or all`);
  process.exit(2);
}
if (which === 'export' || which === 'all') {
  run('npm', ['run', 'build', '--silent']);
  tsx('export-pipeline.ts', ['--compiled', ...flags]);
}
if (which === 'intake' || which === 'all') {
  if (which === 'intake') run('npm', ['run', 'build', '--silent']);
  process.env.BENCH_COMPILED = '1';
  tsx('webhook-intake.ts', flags);
}
if (which === 'apply' || which === 'all') tsx('engagement-apply.ts', flags);
