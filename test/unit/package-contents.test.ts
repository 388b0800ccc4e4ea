// What goes into the .vsix: vsce's own file list (the same code as `vsce ls`) with the repo's .vscodeignore,
// (1) on a scratch tree holding every kind of file the repo has or makes (sources, tests, seeds with sidecars,
// caches, node_modules, source maps, the CLI bundle) next to the files the extension needs, and (2) on the repo
// itself. Fails if something that does not run gets in, or if something the extension loads at run time is left out.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

const root = resolve(__dirname, '../../..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
// Not bundled into this test: vsce is loaded from node_modules as it is.
const vsce = createRequire(join(root, 'package.json'))('@vscode/vsce') as {
  listFiles(o: { cwd: string; packageManager: string; ignoreFile?: string }): Promise<string[]>;
  PackageManager: { None: string };
};

/** Files the extension reads from its own folder at run time: `joinPath(…extensionUri, 'a', 'b')` in src/. */
function runtimeAssets(): string[] {
  const out = new Set<string>();
  const walk = (dir: string) => {
    for (const f of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, f.name);
      if (f.isDirectory()) walk(p);
      else if (p.endsWith('.ts')) {
        const src = readFileSync(p, 'utf8');
        for (const m of src.matchAll(/joinPath\(\s*[\w.]*extensionUri\s*,\s*((?:'[^']+'\s*,?\s*)+)\)/g)) {
          out.add([...m[1].matchAll(/'([^']+)'/g)].map((x) => x[1]).join('/'));
        }
      }
    }
  };
  walk(join(root, 'src'));
  return [...out];
}

/** Files the manifest points at: entry points, icons, walkthrough media, the l10n bundle. */
function manifestAssets(): string[] {
  const strip = (p: string) => p.replace(/^\.\//, '');
  const out = [strip(pkg.main) + (pkg.main.endsWith('.js') ? '' : '.js'), strip(pkg.browser) + (pkg.browser.endsWith('.js') ? '' : '.js'), pkg.icon, 'l10n/bundle.l10n.json', 'package.nls.json'];
  for (const c of pkg.contributes.viewsContainers?.activitybar ?? []) if (typeof c.icon === 'string' && !c.icon.startsWith('$(')) out.push(c.icon);
  for (const w of pkg.contributes.walkthroughs ?? []) {
    for (const s of w.steps) {
      const m = s.media ?? {};
      for (const v of [m.image, m.svg, m.markdown]) {
        if (typeof v === 'string') out.push(v);
        else if (v && typeof v === 'object') out.push(...(Object.values(v) as string[]));
      }
    }
  }
  return out.map(strip);
}

const REQUIRED = ['package.json', 'README.md', 'CHANGELOG.md', 'LICENSE', ...new Set([...runtimeAssets(), ...manifestAssets()])];

/** Paths that must never be packed (what does not run, and what a user's folder or a build leaves behind). */
const FORBIDDEN: [RegExp, string][] = [
  [/^src\//, 'sources'],
  [/^test\//, 'tests'],
  [/^out\//, 'compiled tests and scripts'],
  [/^scripts\//, 'build and test scripts'],
  [/^seeds\//, 'seed articles and their annotations'],
  [/\.annotations\.json$/, 'annotation sidecars'],
  [/(^|\/)node_modules\//, 'node_modules (the bundles need none)'],
  [/^\.vscode-test\//, 'the test VS Code'],
  [/^test-results\//, 'test results'],
  [/^\.bench\//, 'bench caches'],
  [/(^|\/)\.cache\//, 'caches'],
  [/\.map$/, 'source maps'],
  [/\.ts$/, 'TypeScript sources'],
  [/\.vsix$/, 'packages'],
  [/\.cpuprofile$/, 'profiles'],
  [/^dist\/cli\.js$/, 'the CLI bundle (it runs from a checkout, not from VS Code)'],
  [/^\.ci\//, 'CI'],
  [/^schemas\//, 'schemas (not read at run time)'],
  [/^tsconfig\.json$|^package-lock\.json$|^\.gitignore$|^\.vscodeignore$/, 'build configuration'],
];

function check(files: string[]): void {
  for (const f of files) {
    for (const [re, what] of FORBIDDEN) assert.ok(!re.test(f), `${f} would be packed (${what}): fix .vscodeignore`);
  }
  for (const r of REQUIRED) assert.ok(files.includes(r), `${r} is needed at run time but is not packed: fix .vscodeignore`);
}

test('the manifest and the sources name the files the extension needs at run time, the model among them', () => {
  assert.ok(REQUIRED.includes('models/ner-conll.bin'), `the model is not found as a run-time asset (src/extension.ts joinPath): ${REQUIRED.join(', ')}`);
  for (const r of REQUIRED) {
    if (r.startsWith('dist/')) continue; // built
    assert.ok(existsSync(join(root, r)), `${r} is missing from the repo`);
  }
});

test('.vscodeignore packs what runs and nothing else (scratch tree with every kind of file)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'marginalia-pack-'));
  try {
    const put = (p: string, body = 'x') => {
      mkdirSync(dirname(join(dir, p)), { recursive: true });
      writeFileSync(join(dir, p), body);
    };
    for (const f of ['package.json', 'package.nls.json', '.vscodeignore', 'README.md', 'CHANGELOG.md', 'LICENSE']) copyFileSync(join(root, f), join(dir, f));
    for (const r of REQUIRED) if (!existsSync(join(dir, r))) put(r);
    const decoys = [
      'src/extension.ts', 'src/core/analyze.ts', 'test/unit/a.test.ts', 'test/fixtures/gold/x.json', 'out/test/unit/a.test.js',
      'scripts/build.mjs', 'scripts/icon/icon.svg', 'seeds/001.txt', 'seeds/001.txt.annotations.json', 'seeds/002.md.annotations.json',
      'media/sample.txt.annotations.json', 'node_modules/compromise/index.js', 'node_modules/.cache/esbuild/x', '.cache/x',
      '.vscode-test/code-server/x.js', 'test-results/shot.png', '.bench/cache.json', 'dist/extension.js.map', 'dist/web/extension.js.map',
      'dist/cli.js', 'dist/cli.js.map', 'marginalia-0.0.9.vsix', 'profile.cpuprofile', '.ci/run', 'schemas/sidecar.schema.json',
      'tsconfig.json', 'package-lock.json', '.gitignore', 'models/train-cache.bin.tmp',
    ];
    for (const d of decoys) put(d);
    const files = await vsce.listFiles({ cwd: dir, packageManager: vsce.PackageManager.None });
    check(files);
    assert.ok(!files.includes('models/train-cache.bin.tmp'), 'only the shipped model goes into the package, not other files in models/');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('vsce ls on the repo: only what runs, and everything that runs', { skip: !existsSync(join(root, 'dist', 'extension.js')) && 'dist/ is not built' }, async () => {
  const files = await vsce.listFiles({ cwd: root, packageManager: vsce.PackageManager.None });
  check(files);
  // The bundle that runs really loads the model by that name.
  const bundle = readFileSync(join(root, 'dist', 'extension.js'), 'utf8');
  assert.match(bundle, /ner-conll\.bin/, 'dist/extension.js does not name the model file it loads');
});
