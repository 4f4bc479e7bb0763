import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

const PACKAGE_DIR = join(__dirname, '..', '..', '..', 'n8n-nodes');
const SCRIPT = join(PACKAGE_DIR, 'scripts', 'verify-package.js');

const run = (dir?: string) =>
  spawnSync(process.execPath, dir === undefined ? [SCRIPT] : [SCRIPT, dir], { encoding: 'utf8' });

/** A package that breaks every scanner rule the script knows. Written at test time: no tool lints it. */
function writeBadPackage(dir: string): void {
  const pkg = {
    name: 'instantly-helper',
    license: 'ISC',
    keywords: ['n8n'],
    scripts: { postinstall: 'node x.js' },
    dependencies: { axios: '1.0.0' },
    peerDependencies: { 'n8n-workflow': '>=2', 'n8n-core': '*' },
    files: ['lib'],
    n8n: {
      n8nNodesApiVersion: 1,
      nodes: ['dist/nodes/Bad/Bad.node.js', 'dist/nodes/Missing/Missing.node.js'],
    },
  };
  writeFileSync(join(dir, 'package.json'), JSON.stringify(pkg));
  mkdirSync(join(dir, 'nodes', 'Bad'), { recursive: true });
  const code = [
    "import axios from 'axios';",
    "import { exec } from 'child_process';",
    "import { NodeOperationError } from 'n8n-workflow';",
    "import { helper } from './helper';",
    '// process, setTimeout and globalThis in a comment do not count',
    "const text = 'process.env in a string does not count';",
    'const obj = { process: 1, setTimeout: 2 };',
    'export function run(): void {',
    '  setTimeout(() => undefined, 10);',
    '  const key = process.env.API_KEY;',
    '  (globalThis as { x?: number }).x = obj.process;',
    "  const lib = require('fs');",
    "  eval('1 + 1');",
    '}',
  ].join('\n');
  writeFileSync(join(dir, 'nodes', 'Bad', 'Bad.node.ts'), code);
}

describe('npm run verify (offline n8n scanner checks)', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'verify-bad-'));
    writeBadPackage(dir);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('passes on this package', () => {
    const result = run();
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('pass the offline scanner checks');
  });

  it('fails on a bad fixture and names every problem with its file and line', () => {
    const result = run(dir);
    expect(result.status).toBe(1);
    const lines = result.stderr.trim().split('\n');
    const expected = [
      /name "instantly-helper" must be n8n-nodes-/,
      /keywords must include "n8n-community-node-package"/,
      /license must be "MIT", got "ISC"/,
      /no runtime "dependencies"/,
      /peerDependencies must be exactly/,
      /"repository" .* is required/,
      /"homepage" is required/,
      /"author" needs/,
      /lifecycle script "postinstall"/,
      /"files" must list "dist"/,
      /Missing\.node\.js" must be .* existing nodes\/Missing\/Missing\.node\.ts/,
      /Bad\.node\.ts:1: imports "axios"/,
      /Bad\.node\.ts:2: imports "child_process"/,
      /Bad\.node\.ts:9: uses the global "setTimeout"/,
      /Bad\.node\.ts:10: uses the global "process"/,
      /Bad\.node\.ts:11: uses the global "globalThis"/,
      /Bad\.node\.ts:12: imports "fs"/,
      /Bad\.node\.ts:13: calls eval\(\)/,
    ];
    for (const pattern of expected) expect(lines.some((line) => pattern.test(line))).toBe(true);
    // n8n-workflow, relative files, and the words inside comments, strings and property names are fine
    expect(lines).toHaveLength(expected.length);
  });
});
