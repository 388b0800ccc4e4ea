// The guard scripts/build.mjs runs on the browser bundle (scripts/worker-globals.mjs): VS Code for the Web runs that
// bundle in a web worker, which has neither a DOM nor Node. It must catch what broke activation there ("document is
// not defined": the DOM build of decode-named-character-reference, a dependency of remark-parse), and must not cry
// wolf at feature tests, member names or local bindings that merely share a global's name.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '../../..');
// Not bundled into this test: esbuild runs from node_modules, as scripts/build.mjs runs it.
const esbuild = createRequire(join(root, 'package.json'))('esbuild') as typeof import('esbuild');

type Ref = { name: string; line: number; module?: string };
type Guard = { workerIncompatibleReferences(file: string): Ref[]; workerMissingGlobals(): Set<string> };
const guard = (): Promise<Guard> => import(join(root, 'scripts/worker-globals.mjs'));

const dir = mkdtempSync(join(tmpdir(), 'marginalia-worker-globals-'));
test.after(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, code: string): string {
  const p = join(dir, name);
  writeFileSync(p, code);
  return p;
}

/** Bundles a one-line use of decode-named-character-reference for the browser, as scripts/build.mjs does. */
async function bundleDecoder(name: string, conditions: string[]): Promise<string> {
  const outfile = join(dir, name);
  await esbuild.build({
    stdin: { contents: `import { decodeNamedCharacterReference } from 'decode-named-character-reference';\nexport const amp = decodeNamedCharacterReference('amp');\n`, resolveDir: root },
    bundle: true, outfile, platform: 'browser', format: 'cjs', mainFields: ['browser', 'module', 'main'], conditions, logLevel: 'silent',
  });
  return outfile;
}

test('the DOM-only globals come from TypeScript’s libs: a worker lacks document and window, and has self and fetch', async () => {
  const missing = (await guard()).workerMissingGlobals();
  for (const n of ['document', 'window', 'localStorage', 'HTMLElement', 'DOMParser', 'process', 'Buffer']) assert.ok(missing.has(n), n);
  for (const n of ['self', 'fetch', 'setTimeout', 'TextDecoder', 'URL', 'navigator', 'console', 'importScripts']) assert.ok(!missing.has(n), n);
});

test('the DOM build of decode-named-character-reference is caught; its worker build (the `worker` condition) passes', async () => {
  const { workerIncompatibleReferences } = await guard();
  const dom = workerIncompatibleReferences(await bundleDecoder('dom.js', []));
  assert.deepEqual(dom.map((r) => r.name), ['document']);
  assert.match(dom[0].module ?? '', /decode-named-character-reference\/index\.dom\.js$/);
  assert.deepEqual(workerIncompatibleReferences(await bundleDecoder('worker.js', ['worker'])), []);
});

test('flags free DOM and Node globals and require() of anything but vscode', async () => {
  const refs = (await guard()).workerIncompatibleReferences(file('bad.js', [
    'const vscode = require("vscode");',
    'localStorage.setItem("a", "b");',
    'const w = window.innerWidth;',
    'if (process.env.DEBUG) console.log(w);',
    'const fs = require("fs");',
    'function f() { return new DOMParser(); }',
    'module.exports = { f, fs, vscode };',
  ].join('\n')));
  assert.deepEqual(refs.map((r) => `${r.name}@${r.line}`), ['localStorage@2', 'window@3', 'process@4', 'require("fs")@5', 'DOMParser@6']);
});

test('does not flag typeof feature tests, member names, object keys or local bindings named like a global', async () => {
  const refs = (await guard()).workerIncompatibleReferences(file('good.js', [
    'const hasDom = typeof document !== "undefined" && typeof window === "object";',
    'const o = { document: 1, window() { return 2; } };',
    'const d = o.document + self.location.href.length;',
    'function g(document) { return document.length; }',
    'class C { process = 1; get window() { return 1; } }',
    'let process = 3; process++;',
    'const { localStorage } = o; console.log(localStorage, { localStorage });',
    'module.exports = { hasDom, d, g, C, process };',
  ].join('\n')));
  assert.deepEqual(refs, []);
});
