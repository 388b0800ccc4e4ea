// Bundles the extension (Node and browser hosts), the CLI and the compiled tests with esbuild.
// Usage: node scripts/build.mjs [--tests-only | --extension-only] [--production]
//   --production      minified bundles without source maps (what the .vsix ships; `npm run package`)
//   --extension-only  only dist/ (the extension and the CLI), no tests or scripts
import { build } from 'esbuild';
import { readdirSync, existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const args = new Set(process.argv.slice(2));
const production = args.has('--production');
const testsOnly = args.has('--tests-only');
const extensionOnly = args.has('--extension-only');

const common = {
  bundle: true,
  sourcemap: !production,
  minify: production,
  target: 'es2022',
  logLevel: 'warning',
  legalComments: 'none',
};

/** Every file under dir whose name matches re, as paths relative to the repo. */
function filesUnder(dir, re) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true })
    .map(String)
    .filter((f) => re.test(f))
    .map((f) => join(dir, f));
}

/** Options for code that runs in VS Code's web worker extension host (the browser bundle and its in-host tests). */
const WEB_WORKER = { platform: 'browser', format: 'cjs', external: ['vscode'], mainFields: ['browser', 'module', 'main'],
  conditions: ['worker'] };

/** Fails the build when a web-worker bundle reaches a global a worker lacks (scripts/worker-globals.mjs). */
async function checkWorkerBundle(file) {
  const { workerIncompatibleReferences, describe } = await import('./worker-globals.mjs');
  const refs = workerIncompatibleReferences(file);
  if (refs.length) {
    console.error(`✘ [ERROR] ${describe(file, refs)}`);
    process.exitCode = 1;
  }
}

/**
 * `import { loadSpecs } from 'web-specs'` in test/web/index.ts: a function that loads every *.spec.ts under test/web
 * (bundled in; there is no file system to list in a web worker), called once mocha has defined suite()/test().
 */
const webSpecs = {
  name: 'web-specs',
  setup(b) {
    b.onResolve({ filter: /^web-specs$/ }, () => ({ path: 'web-specs', namespace: 'web-specs' }));
    b.onLoad({ filter: /.*/, namespace: 'web-specs' }, () => {
      const specs = filesUnder('test/web', /\.spec\.ts$/).sort();
      return {
        resolveDir: process.cwd(),
        loader: 'js',
        contents: `export const specFiles = ${JSON.stringify(specs.map((f) => f.replace(/^test\/web\//, '')))};\n`
          + `export function loadSpecs() {\n${specs.map((f) => `  require(${JSON.stringify(`./${f}`)});`).join('\n')}\n}\n`,
      };
    });
  },
};

const jobs = [];
if (!testsOnly) {
  // dist/ is not deleted first: esbuild replaces each bundle whole, and a build started while tests run from the same
  // checkout (a second terminal, a watch) must not pull the bundles out from under them. A production build has no
  // source maps, so the maps of an earlier development build go (they would no longer match, and must not ship).
  if (production) for (const f of filesUnder('dist', /\.map$/)) rmSync(f, { force: true });
  // Desktop / code-server extension host (Node).
  jobs.push(build({ ...common, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js',
    platform: 'node', format: 'cjs', external: ['vscode'] }));
  // Browser extension host: same entry, but no Node built-ins may be reached (esbuild fails if one is). VS Code for the
  // Web runs it in a web *worker*: no DOM either. The `worker` export condition picks a package's worker build over its
  // DOM one (decode-named-character-reference, under remark-parse, has an `index.dom.js` that calls document.createElement),
  // and the bundle is then checked for any DOM-only or Node-only global it still reaches.
  jobs.push(build({ ...common, ...WEB_WORKER, entryPoints: ['src/extension.ts'], outfile: 'dist/web/extension.js' })
    .then(() => checkWorkerBundle('dist/web/extension.js')));
  jobs.push(build({ ...common, entryPoints: ['src/cli.ts'], outfile: 'dist/cli.js',
    platform: 'node', format: 'cjs', banner: { js: '#!/usr/bin/env node' } }));
  // The sidecar merge driver alone, shipped in the .vsix for repositories set up from VS Code (no model, no analysis).
  jobs.push(build({ ...common, entryPoints: ['src/merge-driver.ts'], outfile: 'dist/merge-driver.js',
    platform: 'node', format: 'cjs' }));
}
// Unit tests and scripts: one bundle each, run by node's own test runner.
const nodeEntries = [
  ...filesUnder('test/unit', /\.test\.ts$/),
  ...filesUnder('scripts', /\.ts$/),
];
if (nodeEntries.length && !extensionOnly) {
  jobs.push(build({ ...common, entryPoints: nodeEntries, outdir: 'out', outbase: '.',
    platform: 'node', format: 'cjs', external: ['vscode'] }));
}
// Tests (and the bench's in-host part) that run inside the VS Code extension host (vscode and mocha come from the host / node_modules).
const hostEntries = [...filesUnder('test/integration', /\.ts$/), ...filesUnder('test/bench', /\.ts$/)];
if (hostEntries.length && !testsOnly && !extensionOnly) {
  jobs.push(build({ ...common, entryPoints: hostEntries, outdir: 'out', outbase: '.',
    platform: 'node', format: 'cjs', external: ['vscode', 'mocha'] }));
}
// The in-host suite for VS Code's web worker extension host (test/web): one browser bundle, mocha's browser build included.
if (existsSync('test/web/index.ts') && !testsOnly && !extensionOnly) {
  jobs.push(build({ ...common, ...WEB_WORKER, entryPoints: ['test/web/index.ts'], outfile: 'out/test/web/index.js',
    plugins: [webSpecs] }));
}
await Promise.all(jobs);
