import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { VERSION } from '../../src/version';

const root = resolve(__dirname, '../../..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

test('README tables of commands and settings agree with package.json', async () => {
  const { render } = await import(join(root, 'scripts/readme-tables.mjs'));
  let nls = {};
  try {
    nls = JSON.parse(readFileSync(join(root, 'package.nls.json'), 'utf8'));
  } catch {
    // none yet
  }
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  assert.equal(render(readme, pkg, nls), readme, 'run: node scripts/readme-tables.mjs');
});

test('the version recorded in sidecars is the package version', () => {
  assert.equal(VERSION, pkg.version);
});

test('every command the code registers is declared, and every declared command is registered', () => {
  // src/extension.ts and every feature folder src/vscode/<feature>/index.ts.
  const features = readdirSync(join(root, 'src', 'vscode')).filter((f) => existsSync(join(root, 'src', 'vscode', f, 'index.ts')));
  const src = ['extension.ts', ...features.map((f) => `vscode/${f}/index.ts`)]
    .map((f) => readFileSync(join(root, 'src', f), 'utf8'))
    .join('\n');
  const registered = new Set([...src.matchAll(/(?:registerCommand|register)\(\s*'(marginalia\.[^']+)'/g)].map((m) => m[1]));
  const declared = new Set<string>(pkg.contributes.commands.map((c: { command: string }) => c.command));
  for (const r of registered) assert.ok(declared.has(r), `${r} is registered but not declared`);
  for (const d of declared) assert.ok(registered.has(d), `${d} is declared but not registered`);
});

test('every theme colour is defined for light, dark and both high-contrast themes', () => {
  for (const c of pkg.contributes.colors) {
    for (const theme of ['light', 'dark', 'highContrast', 'highContrastLight']) assert.ok(theme in c.defaults, `${c.id} has no ${theme} default`);
  }
});
