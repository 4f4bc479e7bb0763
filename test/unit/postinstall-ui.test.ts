import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

// `npm ci --omit=dev` has no Vite: the install must still succeed, saying why the dashboard was not built.
describe('postinstall: dashboard build step', () => {
  it('skips with a clear message (exit 0) when vite is not installed', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'postinstall-ui-'));
    mkdirSync(path.join(root, 'scripts'));
    mkdirSync(path.join(root, 'node_modules'));
    writeFileSync(path.join(root, 'package.json'), '{}');
    copyFileSync(
      path.join(__dirname, '..', '..', 'scripts', 'postinstall.mjs'),
      path.join(root, 'scripts', 'postinstall.mjs'),
    );
    const r = spawnSync(process.execPath, [path.join(root, 'scripts', 'postinstall.mjs'), 'ui'], {
      encoding: 'utf8',
    });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('vite not installed');
    expect(r.stdout).toContain('npm run build:ui');
  });
});
