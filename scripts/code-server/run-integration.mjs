// Runs the extension's tests in a real VS Code (code-server 4.139.1 = VS Code 1.139.1), offline:
//   1. integration: out/test/integration/index.js (mocha, inside the Node extension host) against a temp copy of seeds/;
//   2. web: out/test/web/index.js (mocha's browser build, inside the *web worker* extension host, as in VS Code for the
//      Web) with the extension loaded from a manifest that has `browser` and no `main`, so only dist/web/extension.js
//      can run; the runner also answers the suite's questions about the page (test/web/workbench.ts);
//   3. ui: test/ui/*.ui.mjs (workbench.ui.mjs, screens.ui.mjs) drive the workbench in headless Chromium with
//      the extension installed as a user has it, and save screenshots to test-results/.
// Run `node scripts/build.mjs` first (npm run test:integration does).
//
// Usage: node scripts/code-server/run-integration.mjs [--no-ui | --ui-only] [--no-web | --web-only] [--vsix FILE]
//                                                     [--keep] [--verbose] [--timeout SECONDS]
//   --web-only    only the web worker suite (npm run test:web); --ui-only: only the UI tests (both: both).
//   --vsix FILE   test a packaged extension: it is installed with --install-extension into the extensions dir
//                 instead of being loaded from the repo (env MARGINALIA_VSIX works too); the web suite runs the
//                 package's own browser bundle.
//   --keep        keep the temp workspace and code-server state (printed at the end).
//   --verbose     copy code-server's own log to stderr.
//   --timeout S   limit for each in-host suite (default 300).
// Env: MARGINALIA_EXTENSION_PATH (default: the repo) to load another unpacked extension folder; MOCHA_GREP (the Node
// suite only: a web worker has no environment).
import { spawn } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { format, parseArgs } from 'node:util';
import { REPO_ROOT, assertPrerequisites, ensureCodeServer } from './install.mjs';
import { copySeeds, installVsix, launchChromium, provideExtension, startCodeServer, workbenchUrl } from './server.mjs';

const { values: opt } = parseArgs({
  options: {
    'no-ui': { type: 'boolean', default: false },
    'ui-only': { type: 'boolean', default: false },
    'no-web': { type: 'boolean', default: false },
    'web-only': { type: 'boolean', default: false },
    vsix: { type: 'string', default: process.env.MARGINALIA_VSIX || undefined },
    keep: { type: 'boolean', default: false },
    verbose: { type: 'boolean', default: !!process.env.MARGINALIA_VERBOSE },
    timeout: { type: 'string', default: '300' },
  },
});
const vsix = opt.vsix ? resolve(opt.vsix) : undefined;
const extensionPath = resolve(process.env.MARGINALIA_EXTENSION_PATH || REPO_ROOT);
const testsEntry = join(REPO_ROOT, 'out', 'test', 'integration', 'index.js');
const webTestsDir = join(REPO_ROOT, 'out', 'test', 'web');
const resultsDir = join(REPO_ROOT, 'test-results');
// Workbench chatter that can interleave with the suite's output (kept in test-results/integration.log, web.log).
const NOISE = /^(Ignoring fetching additional builtin extensions|Updating additional builtin extensions cache|\[AccountPolicyGate\]|\[AgentHost|Creating a socket|Creation of workbench contribution)/;
const sec = (t0) => ((Date.now() - t0) / 1000).toFixed(1) + ' s';

/** An empty extension (manifest only) to carry the test run when the extension under test is installed from a .vsix. */
function standInExtension(root) {
  const dir = join(root, 'test-runner-extension');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'marginalia-test-runner', publisher: 'marginalia-tests',
    version: '0.0.0', engines: { vscode: '*' } }, null, 2));
  return dir;
}

/**
 * The extension as VS Code for the Web has it: a folder whose manifest keeps `browser` and has no `main` (so no Node
 * host can run it, and the workbench picks the web worker extension host), holding the browser bundle and the files it
 * reads (symlinks), and the web suite: VS Code runs extensionTestsPath in the host of the extension that contains it.
 * `source`: the repo, or a packaged extension unpacked by --install-extension.
 */
function webExtension(root, source) {
  const dir = join(root, 'web-extension');
  mkdirSync(join(dir, 'dist'), { recursive: true });
  mkdirSync(join(dir, 'out', 'test'), { recursive: true });
  const pkg = JSON.parse(readFileSync(join(source, 'package.json'), 'utf8'));
  delete pkg.main;
  // extensionKind ["workspace", "ui"] would send it to code-server's remote (Node) host, which has no `main` to run;
  // without it the kind is deduced from the manifest: `browser` only means web.
  delete pkg.extensionKind;
  writeFileSync(join(dir, 'package.json'), JSON.stringify(pkg, null, 2));
  for (const f of readdirSync(source)) {
    if (/^package\.nls(\..+)?\.json$/.test(f) || ['media', 'models', 'l10n', 'README.md', 'LICENSE'].includes(f)) symlinkSync(join(source, f), join(dir, f));
  }
  symlinkSync(join(source, 'dist', 'web'), join(dir, 'dist', 'web'), 'dir');
  symlinkSync(webTestsDir, join(dir, 'out', 'test', 'web'), 'dir');
  return { dir, testsEntry: join(dir, 'out', 'test', 'web', 'index.js') };
}

/**
 * Answers a `web-probe: <id> <kind> [<screenshot>]` line of the web suite (test/web/workbench.ts): looks at the page
 * and writes the answer to `<workspace>/../web-probe/<id>.json`.
 */
async function answerProbe(page, folder, line, logFile) {
  const [id, kind, screenshot] = line.split(' ');
  let answer;
  if (kind === 'decorations') {
    answer = await page.evaluate(() => {
      const group = document.querySelector('.part.editor .editor-group-container.active');
      const editor = group?.querySelector('.editor-container .monaco-editor');
      if (!editor) return { tab: null, count: 0, classes: [] };
      // Decorations with a background or border render in the view overlays; colours inside the line spans.
      const els = [...editor.querySelectorAll('.view-overlays [class*="ced-"], .view-lines [class*="ced-"]')];
      const classes = new Set(els.flatMap((e) => [...e.classList].filter((c) => c.startsWith('ced-'))));
      const tab = group.querySelector('.tab.active')?.getAttribute('data-resource-name') ?? null; // the file name
      return { tab, count: els.length, classes: [...classes].sort() };
    });
  } else answer = { error: `unknown probe ${kind}` };
  if (screenshot) await page.screenshot({ path: join(resultsDir, `web-${screenshot.replace(/[^\w-]/g, '')}.png`) });
  const dir = join(dirname(folder), 'web-probe');
  mkdirSync(dir, { recursive: true });
  appendFileSync(logFile, `[probe ${id}] ${JSON.stringify(answer)}\n`);
  writeFileSync(join(dir, `${id}.json.tmp`), JSON.stringify(answer));
  renameSync(join(dir, `${id}.json.tmp`), join(dir, `${id}.json`)); // never read half-written
}

/**
 * Runs a mocha suite inside an extension host. Resolves to { code, passed, failed }.
 * `name` is the suite's log prefix (`<name>: running …`, `<name>: N passed, M failed`) and its file names in test-results/.
 * @param {{ name: string, extensionDevelopmentPath: string, testsEntry: string, folder: string,
 *   beforeStart?: (dirs: object) => unknown, probes?: boolean }} suite
 */
async function runInHost(tmpRoot, { name, extensionDevelopmentPath, testsEntry, folder, beforeStart, probes }) {
  if (!existsSync(testsEntry)) throw new Error(`${testsEntry} is missing: run \`node scripts/build.mjs\` first`);
  const server = await startCodeServer({
    smokeTestDriver: true, // the payload (extensionDevelopmentPath / extensionTestsPath) is honoured only with it
    folder,
    scratchDir: join(tmpRoot, `${name}-state`),
    verbose: opt.verbose,
    beforeStart,
  });
  let browser;
  let passed = 0;
  let failed = 0;
  let started = false;
  let summarised = false;
  let epilogue = false;
  const preamble = [];
  const logFile = join(resultsDir, `${name}.log`);
  writeFileSync(logFile, '');
  rmSync(join(resultsDir, `${name}-logs`), { recursive: true, force: true });
  rmSync(join(resultsDir, `${name}-timeout.png`), { force: true });
  const running = new RegExp(`^${name}: running `);
  const summary = new RegExp(`^${name}: (\\d+) passed, (\\d+) failed`, 'm');
  const dumpPreamble = () => {
    if (!preamble.length) return;
    console.error(`[${name}] workbench log before the suite started:\n${preamble.join('\n')}`);
    preamble.length = 0;
  };
  try {
    browser = await launchChromium();
    const { page } = browser;
    const exit = new Promise((res) => {
      // VS Code calls these when the workbench runs with the smoke-test driver: the extension host's log lines,
      // then the exit code of the test run (with the host's log files).
      page.exposeFunction('codeAutomationLog', (level, message) => {
        const text = Array.isArray(message) ? format(...message) : String(message);
        appendFileSync(logFile, `[${level}] ${text}\n`);
        // Workbench start-up chatter comes through here too; show it only with --verbose, or when the run fails.
        if (probes && text.startsWith('web-probe: ')) {
          answerProbe(page, folder, text.slice('web-probe: '.length).trim(), logFile)
            .catch((e) => console.error(`[${name}] could not answer ${text}: ${e.message}`));
          return;
        }
        if (!started && running.test(text.trim())) started = true;
        if (!started && !opt.verbose) {
          preamble.push(text);
          return;
        }
        if (!opt.verbose && level !== 'error' && NOISE.test(text)) return;
        const m = summary.exec(text);
        if (m) {
          [passed, failed] = [Number(m[1]), Number(m[2])];
          summarised = true;
        } else if (!summarised) {
          // Live counts from mocha's spec reporter, in case the run never gets to its summary (time-out).
          for (const line of text.split('\n')) {
            if (/^\s+\d+ passing/.test(line)) epilogue = true;
            if (epilogue) continue;
            if (/^\s+(✔|✅) /.test(line)) passed++; // ✅: mocha's browser build (web suite)
            else if (/^\s+\d+\) /.test(line)) failed++;
          }
        }
        (level === 'error' ? process.stderr : process.stdout).write(text + '\n');
      });
      page.exposeFunction('codeAutomationExit', (code, logs) => {
        if (code !== 0 && Array.isArray(logs)) {
          const dir = join(resultsDir, `${name}-logs`);
          for (const { relativePath, contents } of logs) {
            const p = join(dir, relativePath);
            mkdirSync(dirname(p), { recursive: true });
            writeFileSync(p, contents);
          }
          console.error(`[${name}] VS Code logs saved to ${dir}`);
        }
        if (code !== 0 && !started) dumpPreamble(); // the suite never started: the workbench log tells why
        res(code);
      });
    });
    page.on('pageerror', (e) => opt.verbose && console.error(`[page error] ${e.message}`));
    const url = workbenchUrl(server, { folder, extensionDevelopmentPath, extensionTestsPath: testsEntry });
    await page.goto(url, { waitUntil: 'domcontentloaded' });
    const limit = Number(opt.timeout) * 1000;
    let timer;
    const timeout = new Promise((res) => {
      timer = setTimeout(() => res('timeout'), limit);
    });
    const code = await Promise.race([exit, timeout]);
    clearTimeout(timer);
    if (code === 'timeout') {
      if (!started) dumpPreamble();
      mkdirSync(resultsDir, { recursive: true });
      await page.screenshot({ path: join(resultsDir, `${name}-timeout.png`) }).catch(() => {});
      console.error(`[${name}] TIMED OUT after ${limit / 1000} s: the extension host never reported an exit code`
        + (started ? ' (the suite started, then went silent: a test that never settles and ignores mocha\'s timeout,'
          + ' or a blocked extension host, e.g. a long synchronous loop; see the last lines above).' : '.')
        + ` Screenshot: test-results/${name}-timeout.png; code-server log: ${server.logFile} (use --keep to keep it).`);
      return { code: 1, passed, failed: failed + 1 }; // + the test that never finished
    }
    if (code !== 0 && failed === 0) failed = 1; // the run itself failed (e.g. a spec did not load)
    return { code, passed, failed };
  } finally {
    await browser?.close();
    await server.stop();
  }
}

/** Runs the UI test in its own node process (node's test runner). Resolves to { code, passed, failed }. */
function runUi() {
  return new Promise((res) => {
    const env = { ...process.env };
    if (vsix) env.MARGINALIA_VSIX = vsix;
    if (opt.keep) env.MARGINALIA_KEEP = '1';
    // Every test/ui/*.ui.mjs, one after the other (each starts its own code-server and browser).
    const files = readdirSync(join(REPO_ROOT, 'test', 'ui')).filter((f) => f.endsWith('.ui.mjs')).sort().map((f) => join(REPO_ROOT, 'test', 'ui', f));
    const child = spawn(process.execPath, ['--test', '--test-reporter=spec', '--test-concurrency=1', ...files],
      { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      process.stdout.write(d);
    });
    child.on('exit', (code) => {
      const num = (re) => Number(re.exec(out)?.[1] ?? 0);
      const passed = num(/^ℹ pass (\d+)/m);
      let failed = num(/^ℹ fail (\d+)/m) + num(/^ℹ cancelled (\d+)/m);
      if (code !== 0 && failed === 0) failed = 1;
      res({ code: code ?? 1, passed, failed });
    });
  });
}

const t0 = Date.now();
let tmpRoot;
try {
  assertPrerequisites({ needBuild: false, needBrowser: true });
  await ensureCodeServer();
  if (vsix && !existsSync(vsix)) throw new Error(`--vsix ${vsix}: no such file`);
  tmpRoot = mkdtempSync(join(tmpdir(), 'marginalia-it-'));
  if (!opt.keep) process.on('exit', () => rmSync(tmpRoot, { recursive: true, force: true })); // also after Ctrl+C
  mkdirSync(resultsDir, { recursive: true });
  const results = [];
  // --x-only: only the phases named so; otherwise every phase but the --no-x ones.
  const only = ['web', 'ui'].filter((p) => opt[`${p}-only`]);
  const runs = (phase) => (only.length ? only.includes(phase) : !opt[`no-${phase}`]);
  if (runs('integration')) {
    const t1 = Date.now();
    console.log('[integration] running the mocha suite inside VS Code 1.139.1 (code-server)…');
    const folder = copySeeds(join(tmpRoot, 'integration'));
    console.log(`[integration] ${vsix ? `installed ${vsix}` : `extension ${extensionPath}`}; workspace ${folder}`);
    const r = await runInHost(tmpRoot, {
      name: 'integration',
      folder,
      // VS Code runs extensionTestsPath only together with a development extension. With --vsix the extension under
      // test is the installed one, so a manifest-only stand-in takes the development slot.
      extensionDevelopmentPath: vsix ? standInExtension(tmpRoot) : extensionPath,
      testsEntry,
      beforeStart: vsix ? (dirs) => provideExtension({ ...dirs, vsix }) : undefined,
    });
    console.log(`[integration] ${r.code === 0 ? 'passed' : 'FAILED'} (${r.passed} passed, ${r.failed} failed) in ${sec(t1)}`);
    results.push(r);
  }
  if (runs('web')) {
    const t1 = Date.now();
    console.log('[web] running the mocha suite inside the web worker extension host of VS Code 1.139.1 (code-server)…');
    let source = extensionPath;
    if (vsix) {
      // The package's own files, unpacked by code-server into a scratch extensions dir.
      const extensionsDir = join(tmpRoot, 'web-vsix', 'extensions');
      await installVsix(vsix, { extensionsDir, scratchDir: join(tmpRoot, 'web-vsix'), userDataDir: join(tmpRoot, 'web-vsix', 'user-data') });
      source = join(extensionsDir, readdirSync(extensionsDir).find((f) => f.startsWith('marginalia.marginalia-')));
    }
    const ext = webExtension(join(tmpRoot, 'web'), source);
    const folder = copySeeds(join(tmpRoot, 'web'));
    console.log(`[web] ${vsix ? `browser bundle of ${vsix}` : `extension ${source}`} (manifest without main: ${ext.dir}); workspace ${folder}`);
    const r = await runInHost(tmpRoot, { name: 'web', folder, extensionDevelopmentPath: ext.dir, testsEntry: ext.testsEntry, probes: true });
    console.log(`[web] ${r.code === 0 ? 'passed' : 'FAILED'} (${r.passed} passed, ${r.failed} failed) in ${sec(t1)}`);
    results.push(r);
  }
  if (runs('ui')) {
    const t2 = Date.now();
    console.log('[ui] driving the workbench in headless Chromium…');
    const r = await runUi();
    console.log(`[ui] ${r.code === 0 ? 'passed' : 'FAILED'} (${r.passed} passed, ${r.failed} failed) in ${sec(t2)}; screenshots in test-results/`);
    results.push(r);
  }
  const passed = results.reduce((n, r) => n + r.passed, 0);
  const failed = results.reduce((n, r) => n + r.failed, 0);
  const ok = results.every((r) => r.code === 0);
  console.log(`[vscode] total ${sec(t0)}${opt.keep ? `; kept ${tmpRoot}` : ''}`);
  console.log(`vscode: ${passed} passed, ${failed} failed`);
  process.exitCode = ok ? 0 : 1;
} catch (e) {
  console.error(`\n[vscode] ${e.message}`);
  process.exitCode = 1;
} finally {
  if (tmpRoot && !opt.keep) rmSync(tmpRoot, { recursive: true, force: true, maxRetries: 3 });
}
