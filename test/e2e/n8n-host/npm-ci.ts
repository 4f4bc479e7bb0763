/**
 * `npm ci` of an n8n host folder with a chosen Node.js: that Node first on PATH (so npm, node-gyp and every
 * install script run on it) and its headers as `nodedir`, so sqlite3 — compiled from source offline — is built
 * for the ABI n8n will load it with (n8n-e2e.md pitfall 4: without headers node-gyp tries a download and fails).
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';

/** `<prefix>` of a node binary when `<prefix>/include/node/node.h` exists (official builds, Debian, npm pkg). */
export function nodeHeadersDir(nodeBinary: string): string | undefined {
  const prefix = dirname(dirname(nodeBinary));
  return existsSync(join(prefix, 'include', 'node', 'node.h')) ? prefix : undefined;
}

/** Environment that makes `nodeBinary` THE node for a child and everything it spawns. */
export function envWithNode(nodeBinary: string, base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  return { ...base, PATH: `${dirname(nodeBinary)}${delimiter}${base['PATH'] ?? ''}` };
}

/** `npm ci` as an async child (the caller's event loop keeps running); throws with npm's output on failure. */
export function npmCi(
  dir: string,
  nodeBinary: string,
  timeoutMs: number,
  log: (line: string) => void,
): Promise<void> {
  const env = envWithNode(nodeBinary, {
    ...process.env,
    npm_config_nodedir: nodeHeadersDir(nodeBinary) ?? process.env['npm_config_nodedir'],
  });
  delete env['NODE_ENV']; // jest's NODE_ENV=test must not change what npm installs
  delete env['NODE_OPTIONS'];
  return new Promise((resolveCi, reject) => {
    // --strict-allow-scripts: only the scripts the host's package.json allows (sqlite3) may run (pitfall 3).
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
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
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
