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

const jobs = [];
if (!testsOnly) {
  // dist/ is not deleted first: esbuild replaces each bundle whole, and a build started while tests run from the same
  // checkout (a second terminal, a watch) must not pull the bundles out from under them. A production build has no
  // source maps, so the maps of an earlier development build go (they would no longer match, and must not ship).
  if (production) for (const f of filesUnder('dist', /\.map$/)) rmSync(f, { force: true });
  // Desktop / code-server extension host (Node).
  jobs.push(build({ ...common, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js',
    platform: 'node', format: 'cjs', external: ['vscode'] }));
  // Browser extension host: same entry, but no Node built-ins may be reached (esbuild fails if one is).
  jobs.push(build({ ...common, entryPoints: ['src/extension.ts'], outfile: 'dist/web/extension.js',
    platform: 'browser', format: 'cjs', external: ['vscode'], mainFields: ['browser', 'module', 'main'] }));
  jobs.push(build({ ...common, entryPoints: ['src/cli.ts'], outfile: 'dist/cli.js',
    platform: 'node', format: 'cjs', banner: { js: '#!/usr/bin/env node' } }));
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
await Promise.all(jobs);
