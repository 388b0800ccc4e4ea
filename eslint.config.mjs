// ESLint (flat config): `npm run lint`, also a step of `npm test`. typescript-eslint's recommended rules without type
// information (no type-checked rules: `npm run typecheck` does the types, and lint stays a few seconds).
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Node's built-in modules under their bare names (fs, path, os, child_process, worker_threads, fs/promises, …). */
const NODE_BUILTINS = builtinModules.filter((m) => !m.startsWith('_'));
const CORE_ONLY = 'src/core runs in every host (Node, the web worker, the CLI): no vscode or Node built-ins there; '
  + 'pass what it needs in, or put the code under src/vscode or src/node.';
/** require('fs'), import('node:path'), require('fs/promises'), require('vscode'), … (esquery's /regex/ cannot hold a '/'). */
const FORBIDDEN_IN_CORE = `^(vscode|node:.*|(${NODE_BUILTINS.filter((m) => !m.includes('/')).join('|')})(\\x2F.*)?)$`;

export default defineConfig(
  {
    ignores: ['node_modules/', 'dist/', 'out/', '.vscode-test/', 'test-results/', '.bench/', 'media/', 'models/',
      'seeds/', 'l10n/', 'schemas/'],
  },
  {
    files: ['**/*.{ts,mjs}'],
    extends: [js.configs.recommended, tseslint.configs.recommended],
    languageOptions: { ecmaVersion: 2022, sourceType: 'module' },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      eqeqeq: ['error', 'always'],
      'prefer-const': 'error',
      'no-unused-vars': 'off',
      '@typescript-eslint/no-unused-vars': ['error', {
        args: 'after-used', argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none',
        destructuredArrayIgnorePattern: '^_', ignoreRestSiblings: true,
      }],
    },
  },
  // Scripts and the UI tests are plain Node ES modules (the .ts files get their globals from @types/node).
  { files: ['**/*.mjs'], languageOptions: { globals: { ...globals.node } } },
  // The Playwright drivers of the workbench (code-server runs, UI tests): their page.evaluate() callbacks run in the
  // browser page, where document, NodeFilter, … exist.
  { files: ['scripts/code-server/**/*.mjs', 'test/ui/**/*.mjs'], languageOptions: { globals: { ...globals.node, ...globals.browser } } },
  // The extension and the CLI never print with console.*: the extension logs to its Marginalia output channel
  // (src/vscode/log), the CLI writes to stdout/stderr through its own helpers. test/unit/l10n.test.ts checks it too.
  { files: ['src/**/*.ts'], rules: { 'no-console': 'error' } },
  // The analysis core imports neither vscode nor Node: it is bundled for the web worker extension host as well.
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: ['vscode', ...NODE_BUILTINS].map((name) => ({ name, message: CORE_ONLY })),
        patterns: [{ group: ['node:*'], message: CORE_ONLY }],
      }],
      'no-restricted-syntax': ['error',
        { selector: `CallExpression[callee.name='require'] > Literal.arguments[value=/${FORBIDDEN_IN_CORE}/]`, message: CORE_ONLY },
        { selector: `ImportExpression > Literal.source[value=/${FORBIDDEN_IN_CORE}/]`, message: CORE_ONLY },
      ],
      'no-restricted-globals': ['error',
        ...['process', 'Buffer', '__dirname', '__filename'].map((name) => ({ name, message: CORE_ONLY }))],
    },
  },
);
