// Bundles the extension (Node and browser hosts), the CLI and the compiled tests with esbuild.
// Usage: node scripts/build.mjs [--tests-only | --extension-only] [--production] [--watch]
//   --production      minified bundles without source maps (what the .vsix ships; `npm run package`)
//   --extension-only  only dist/ (the extension and the CLI), no tests or scripts
//   --watch           build, then rebuild each bundle when a file it includes changes, until Ctrl+C (`npm run watch`);
//                     the web bundle's worker check runs after each of its rebuilds. A new test or script file is
//                     picked up on the next start.
import { build, context } from 'esbuild';
import { readdirSync, existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const args = new Set(process.argv.slice(2));
const production = args.has('--production');
const testsOnly = args.has('--tests-only');
const extensionOnly = args.has('--extension-only');
const watch = args.has('--watch');

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

/**
 * In the browser bundles, a module of src/vscode with a `.web.ts` twin beside it is replaced by the twin: the few files
 * that differ between the two extension hosts (analysis/spawn: a worker_threads Worker or a Web Worker; store/atomic:
 * the Node writer or workspace.fs).
 */
const webSpawn = {
  name: 'web-twins',
  setup(b) {
    b.onResolve({ filter: /^\.\.?\/[\w./-]+$/ }, (args) => {
      const twin = join(args.resolveDir, `${args.path}.web.ts`);
      return /[\\/]src[\\/]vscode[\\/]/.test(args.resolveDir) && existsSync(twin) ? { path: twin } : undefined;
    });
  },
};

/** Options for code that runs in VS Code's web worker extension host (the browser bundle and its in-host tests). */
const WEB_WORKER = { platform: 'browser', format: 'cjs', external: ['vscode'], mainFields: ['browser', 'module', 'main'],
  conditions: ['worker'], plugins: [webSpawn] };

/** Fails the build when a web-worker bundle reaches a global a worker lacks (scripts/worker-globals.mjs); false then. */
async function checkWorkerBundle(file) {
  const { workerIncompatibleReferences, describe } = await import('./worker-globals.mjs');
  const refs = workerIncompatibleReferences(file);
  if (!refs.length) return true;
  console.error(`✘ [ERROR] ${describe(file, refs)}`);
  if (!watch) process.exitCode = 1;
  return false;
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

/** The bundles to build: esbuild options, and what checks a finished build (given its output file). */
const jobs = [];
const job = (options, after) => jobs.push({ options, after });
if (!testsOnly) {
  // dist/ is not deleted first: esbuild replaces each bundle whole, and a build started while tests run from the same
  // checkout (a second terminal, a watch) must not pull the bundles out from under them. A production build has no
  // source maps, so the maps of an earlier development build go (they would no longer match, and must not ship).
  if (production) for (const f of filesUnder('dist', /\.map$/)) rmSync(f, { force: true });
  // Desktop / code-server extension host (Node).
  job({ ...common, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js',
    platform: 'node', format: 'cjs', external: ['vscode'] });
  // Browser extension host: same entry, but no Node built-ins may be reached (esbuild fails if one is). VS Code for the
  // Web runs it in a web *worker*: no DOM either. The `worker` export condition picks a package's worker build over its
  // DOM one (decode-named-character-reference, under remark-parse, has an `index.dom.js` that calls document.createElement),
  // and the bundle is then checked for any DOM-only or Node-only global it still reaches.
  job({ ...common, ...WEB_WORKER, entryPoints: ['src/extension.ts'], outfile: 'dist/web/extension.js' },
    checkWorkerBundle);
  // The analysis worker (src/worker): the core bundled once for each host. The extension's own bundles above hold no
  // analysis (activation stays small); they start one of these. The web one is a classic script (VS Code's web
  // worker host starts a nested worker through importScripts), checked like the extension's web bundle.
  job({ ...common, entryPoints: ['src/worker/node.ts'], outfile: 'dist/worker.js', platform: 'node', format: 'cjs' });
  job({ ...common, ...WEB_WORKER, plugins: [], external: [], format: 'iife', entryPoints: ['src/worker/web.ts'],
    outfile: 'dist/web/worker.js' }, checkWorkerBundle);
  job({ ...common, entryPoints: ['src/cli.ts'], outfile: 'dist/cli.js',
    platform: 'node', format: 'cjs', banner: { js: '#!/usr/bin/env node' } });
  // The sidecar merge driver alone, shipped in the .vsix for repositories set up from VS Code (no model, no analysis).
  job({ ...common, entryPoints: ['src/merge-driver.ts'], outfile: 'dist/merge-driver.js',
    platform: 'node', format: 'cjs' });
}
// Unit tests, the CLI's tests and scripts: one bundle each, run by node's own test runner.
const nodeEntries = [
  ...filesUnder('test/unit', /\.test\.ts$/),
  ...filesUnder('test/cli', /\.test\.ts$/),
  ...filesUnder('scripts', /\.ts$/),
];
if (nodeEntries.length && !extensionOnly) {
  job({ ...common, entryPoints: nodeEntries, outdir: 'out', outbase: '.',
    platform: 'node', format: 'cjs', external: ['vscode'] });
}
// Tests (and the bench's in-host part) that run inside the VS Code extension host (vscode and mocha come from the host / node_modules).
const hostEntries = [...filesUnder('test/integration', /\.ts$/), ...filesUnder('test/bench', /\.ts$/)];
if (hostEntries.length && !testsOnly && !extensionOnly) {
  job({ ...common, entryPoints: hostEntries, outdir: 'out', outbase: '.',
    platform: 'node', format: 'cjs', external: ['vscode', 'mocha'] });
}
// The in-host suite for VS Code's web worker extension host (test/web): one browser bundle, mocha's browser build included.
if (existsSync('test/web/index.ts') && !testsOnly && !extensionOnly) {
  job({ ...common, ...WEB_WORKER, entryPoints: ['test/web/index.ts'], outfile: 'out/test/web/index.js',
    plugins: [webSpawn, webSpecs] });
}

if (!watch) {
  await Promise.all(jobs.map(({ options, after }) => build(options).then(() => after?.(options.outfile))));
} else {
  let building = jobs.length; // first builds still running
  /** After each (re)build of a job: its check, and one line saying what was rebuilt (esbuild prints the errors). */
  const rebuilt = ({ options, after }) => ({
    name: 'rebuilt',
    setup(b) {
      let t0 = 0;
      b.onStart(() => { t0 = Date.now(); });
      b.onEnd(async (result) => {
        const n = result.errors.length;
        const checked = n ? true : ((await after?.(options.outfile)) ?? true);
        const what = options.outfile ?? `${options.outdir}/ (${options.entryPoints.length} files)`;
        const how = n ? `failed (${n} error${n > 1 ? 's' : ''})` : checked ? 'built' : 'built, but its check failed (above)';
        console.log(`[watch] ${new Date().toLocaleTimeString()} ${what} ${how} in ${Date.now() - t0} ms`);
        if (building && !--building) console.log('[watch] watching for changes (Ctrl+C stops)');
      });
    },
  });
  const contexts = await Promise.all(jobs.map((j) =>
    context({ ...j.options, plugins: [...(j.options.plugins ?? []), rebuilt(j)] })));
  await Promise.all(contexts.map((c) => c.watch()));
  const stop = () => Promise.all(contexts.map((c) => c.dispose())).then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
