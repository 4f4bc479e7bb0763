import { spawn } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');

/**
 * Runs one of this repository's TypeScript entry points (through tsx) as its own OS process, with exactly `env`,
 * collecting its stdout and stderr. `node` picks another Node binary (the Node 24 test); `detached` gives it its
 * own process group, so a test can signal the group as a terminal's Ctrl-C does.
 */
export function spawnScript(
  entry: string,
  env: NodeJS.ProcessEnv,
  node = process.execPath,
  opts: { detached?: boolean } = {},
) {
  const child = spawn(node, ['--import', 'tsx', path.join(ROOT, entry)], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: opts.detached ?? false,
  });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, exited, output: () => output };
}
