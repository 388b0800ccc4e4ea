// `npm run package`: the .vsix a user installs, with `vsce package`, which first runs the production build
// (`vscode:prepublish`: minified bundles, no source maps). Offline: `"vsce": {"dependencies": false}` in
// package.json (the bundles need no node_modules); .vscodeignore is an allow-list. Prints the package's size
// and file count; fails on any vsce warning, on a source map left in dist/, and over 3 MB.
//
// Usage: node scripts/package.mjs [--out FILE]   (default: marginalia-<version>.vsix in the repo)
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const { values: opt } = parseArgs({ options: { out: { type: 'string' } } });
const out = resolve(opt.out ?? join(root, `${pkg.name}-${pkg.version}.vsix`));
const vsce = join(root, 'node_modules', '@vscode', 'vsce', 'vsce');
if (!existsSync(vsce)) {
  console.error('[package] @vscode/vsce is not installed: run `npm install` first.');
  process.exit(1);
}

function run(args, what) {
  const r = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' } });
  return { ...r, what };
}

const t0 = Date.now();
// vsce runs the `vscode:prepublish` script first: `node scripts/build.mjs --production --extension-only`
// (minified bundles, no source maps), so a bare `npx vsce package` makes the same package.
// vsce package. Its warnings are printed with "WARNING"; a published extension should have none.
const pack = run([vsce, 'package', '--out', out], 'vsce package');
process.stdout.write(pack.stdout);
process.stderr.write(pack.stderr);
if (pack.status !== 0) {
  console.error(`[package] vsce package failed (exit ${pack.status})`);
  process.exit(pack.status ?? 1);
}
const maps = readdirSync(join(root, 'dist'), { recursive: true }).map(String).filter((f) => f.endsWith('.map'));
if (maps.length) {
  console.error(`[package] source maps in dist/ after the production build: ${maps.join(', ')}`);
  process.exit(1);
}
const warnings = `${pack.stdout}\n${pack.stderr}`.split('\n').filter((l) => /\bWARNING\b/i.test(l));
if (warnings.length) {
  console.error(`[package] vsce printed ${warnings.length} warning(s); fix them:\n  ${warnings.join('\n  ')}`);
  process.exit(1);
}
const files = /Packaged: .*\((\d+) files?, ([^)]+)\)/.exec(pack.stdout);
const bytes = statSync(out).size;
console.log(`[package] ${relative(process.cwd(), out) || out}: ${(bytes / 1024 / 1024).toFixed(2)} MB (${bytes} bytes)${files ? `, ${files[1]} files` : ''} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
const LIMIT = 3 * 1024 * 1024;
if (bytes > LIMIT) {
  console.error(`[package] the package is over 3 MB: check .vscodeignore (\`npx vsce ls\`)`);
  process.exit(1);
}
