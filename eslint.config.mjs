// Lint rules: typescript-eslint with type information everywhere (no floating promises), plus the
// determinism rules from Temporal's samples for workflows/ and contracts/ (code that runs in the workflow sandbox).
import tseslint from 'typescript-eslint';

const nodeBuiltins = [
  'assert',
  'buffer',
  'child_process',
  'cluster',
  'crypto',
  'dgram',
  'dns',
  'events',
  'fs',
  'fs/promises',
  'http',
  'http2',
  'https',
  'net',
  'os',
  'path',
  'perf_hooks',
  'process',
  'readline',
  'stream',
  'timers',
  'tls',
  'url',
  'util',
  'v8',
  'vm',
  'worker_threads',
  'zlib',
];

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      'lib/generated/**',
      'n8n-nodes/dist/**',
      'n8n-nodes/node_modules/**',
      'n8n-nodes/scripts/**',
      'n8n-nodes/eslint.config.mjs',
      '.data/**',
      '.tools/**',
      'coverage/**',
      'dist/**',
      'ui/dist/**',
      'test-artifacts/**',
      'eslint.config.mjs',
      'jest.config.js',
      'scripts/*.mjs',
      'test/helpers/noop.js',
    ],
  },
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false } }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/restrict-template-expressions': [
        'error',
        { allowNumber: true, allowBoolean: true },
      ],
      'no-restricted-syntax': ['error', { selector: 'TSAnyKeyword', message: 'Use unknown, not any.' }],
    },
  },
  {
    files: ['test/**/*.ts', 'bench/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/restrict-template-expressions': 'off',
      'no-restricted-syntax': 'off',
    },
  },
  {
    // lib/concurrency.ts is the one lib/ module workflows use: it is held to the same rules.
    files: ['workflows/**/*.ts', 'contracts/**/*.ts', 'lib/concurrency.ts'],
    ignores: ['contracts/schemas/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            ...nodeBuiltins
              .flatMap((name) => [name, `node:${name}`])
              .map((name) => ({
                name,
                message: 'Workflow code is deterministic: no Node builtins.',
              })),
            { name: '@prisma/client', message: 'Workflows never touch the database.' },
            { name: 'pino', message: 'Use log from @temporalio/workflow.' },
            { name: 'express', message: 'Not in workflow code.' },
            {
              name: 'zod',
              message: 'Validate in api/ and activities/; workflows only import types.',
              allowTypeImports: true,
            },
          ],
          patterns: [
            {
              // Every lib/ import except lib/concurrency (pure, and held to these same rules).
              regex: '(^|/)lib(/(?!concurrency$).*)?$',
              message: 'lib/ is Node-only infrastructure.',
            },
            {
              group: ['**/activities', '**/activities/**'],
              message: 'Import activities as types only.',
              allowTypeImports: true,
            },
            { group: ['**/generated/**'], message: 'Workflows never touch the database.' },
          ],
        },
      ],
    },
  },
  {
    // zod schemas shared by api/ and activities/ (workflows may only import their types)
    files: ['contracts/schemas/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: nodeBuiltins.flatMap((name) => [name, `node:${name}`]),
          patterns: [
            { group: ['**/lib/**', '**/lib', '**/activities', '**/activities/**', '**/generated/**'] },
          ],
        },
      ],
    },
  },
  {
    files: ['workflows/**/*.ts', 'contracts/**/*.ts', 'lib/concurrency.ts'],
    rules: {
      'no-restricted-globals': [
        'error',
        { name: 'setTimeout', message: 'Use sleep() from @temporalio/workflow.' },
        { name: 'setInterval', message: 'Use sleep() from @temporalio/workflow.' },
        { name: 'process', message: 'No process in workflows.' },
      ],
    },
  },
);
