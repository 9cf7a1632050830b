// ESLint flat config. The import rules enforce the rooms of ARCHITECTURE.md: the core and the
// shared contract have no side effects, and only main/app imports electron.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

const SIDE_EFFECT_MODULES = [
  'electron',
  'electron-log',
  'electron-log/*',
  'fs',
  'node:fs',
  'fs/promises',
  'node:fs/promises',
  'net',
  'node:net',
  'http',
  'node:http',
  'https',
  'node:https',
  'child_process',
  'node:child_process',
  'worker_threads',
  'node:worker_threads',
  'systeminformation',
  'nodemailer',
  'fastify',
];

const noSideEffects = (extra = []) => ({
  'no-restricted-imports': [
    'error',
    {
      paths: SIDE_EFFECT_MODULES.filter((m) => !m.includes('*')).map((name) => ({
        name,
        message:
          'main/core and main/shared are pure: pass effects in through ports (main/core/ports.ts).',
      })),
      patterns: [
        { group: ['electron-log/*'], message: 'Pure code does not log; emit events instead.' },
        ...extra,
      ],
    },
  ],
});

export default tseslint.config(
  {
    ignores: [
      '.tmp/**',
      'dist/**',
      'release/**',
      'node_modules/**',
      'coverage/**',
      'docs/**',
      '**/*.mjs',
      '**/*.cjs',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': [
        'error',
        { checksVoidReturn: { attributes: false } },
      ],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  // Everything outside main/app: no electron.
  {
    files: ['main/**/*.ts', 'renderer/**/*.{ts,tsx}'],
    ignores: ['main/app/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'electron', message: 'Only main/app imports electron.' }] },
      ],
    },
  },
  {
    files: ['main/core/**/*.ts'],
    rules: noSideEffects([
      {
        group: ['../adapters/*', '../app/*', '../agent*'],
        message: 'core imports only main/shared.',
      },
    ]),
  },
  {
    files: ['main/shared/**/*.ts'],
    rules: noSideEffects([
      {
        group: ['../core/*', '../adapters/*', '../app/*'],
        message: 'shared imports nothing of ours.',
      },
    ]),
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          paths: SIDE_EFFECT_MODULES.filter((m) => !m.includes('*')).map((name) => ({
            name,
            message: 'The renderer talks to the engine only through renderer/api.',
          })),
          patterns: [
            {
              group: ['**/main/core/*', '**/main/adapters/*', '**/main/app/*', '**/main/agent*'],
              message: 'The renderer imports main/shared only.',
            },
          ],
        },
      ],
    },
  },
  // Raw IPC only in the one wrapper file.
  {
    files: ['main/app/**/*.ts'],
    ignores: ['main/app/ipc.ts', 'main/app/preload.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "ImportSpecifier[imported.name='ipcMain']",
          message: 'Use main/app/ipc.ts, derived from the contract.',
        },
        {
          selector: "ImportSpecifier[imported.name='ipcRenderer']",
          message: 'Only the preload touches ipcRenderer.',
        },
      ],
    },
  },
  {
    files: ['test/**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },
);
