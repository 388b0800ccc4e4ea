// Runs the extension's tests in a real VS Code (code-server 4.139.1 = VS Code 1.139.1, Node extension host), offline:
//   1. integration: out/test/integration/index.js (mocha, inside the extension host) against a temp copy of seeds/;
//   2. ui: test/ui/*.ui.mjs (workbench.ui.mjs, screens.ui.mjs) drive the workbench in headless Chromium with
//      the extension installed as a user has it, and save screenshots to test-results/.
// Run `node scripts/build.mjs` first (npm run test:integration does).
//
// Usage: node scripts/code-server/run-integration.mjs [--no-ui | --ui-only] [--vsix FILE] [--keep] [--verbose]
//                                                     [--timeout SECONDS]
//   --vsix FILE   test a packaged extension: it is installed with --install-extension into the extensions dir
//                 instead of being loaded from the repo (env MARGINALIA_VSIX works too).
//   --keep        keep the temp workspace and code-server state (printed at the end).
//   --verbose     copy code-server's own log to stderr.
//   --timeout S   limit for the in-host suite (default 300).
// Env: MARGINALIA_EXTENSION_PATH (default: the repo) to load another unpacked extension folder; MOCHA_GREP.
import { spawn } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { format, parseArgs } from 'node:util';
import { REPO_ROOT, assertPrerequisites, ensureCodeServer } from './install.mjs';
import { copySeeds, launchChromium, provideExtension, startCodeServer, workbenchUrl } from './server.mjs';

const { values: opt } = parseArgs({
  options: {
    'no-ui': { type: 'boolean', default: false },
    'ui-only': { type: 'boolean', default: false },
    vsix: { type: 'string', default: process.env.MARGINALIA_VSIX || undefined },
    keep: { type: 'boolean', default: false },
    verbose: { type: 'boolean', default: !!process.env.MARGINALIA_VERBOSE },
    timeout: { type: 'string', default: '300' },
  },
});
const vsix = opt.vsix ? resolve(opt.vsix) : undefined;
const extensionPath = resolve(process.env.MARGINALIA_EXTENSION_PATH || REPO_ROOT);
const testsEntry = join(REPO_ROOT, 'out', 'test', 'integration', 'index.js');
const resultsDir = join(REPO_ROOT, 'test-results');
// Workbench chatter that can interleave with the suite's output (kept in test-results/integration.log).
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

/** Runs the mocha suite inside the extension host. Resolves to { code, passed, failed }. */
async function runInHost(tmpRoot) {
  if (!existsSync(testsEntry)) throw new Error(`${testsEntry} is missing: run \`node scripts/build.mjs\` first`);
  const folder = copySeeds(join(tmpRoot, 'integration'));
  const server = await startCodeServer({
    smokeTestDriver: true, // the payload (extensionDevelopmentPath / extensionTestsPath) is honoured only with it
    folder,
    scratchDir: join(tmpRoot, 'integration-state'),
    verbose: opt.verbose,
    beforeStart: vsix ? (dirs) => provideExtension({ ...dirs, vsix }) : undefined,
  });
  let browser;
  let passed = 0;
  let failed = 0;
  let started = false;
  let summarised = false;
  let epilogue = false;
  const preamble = [];
  const logFile = join(resultsDir, 'integration.log');
  writeFileSync(logFile, '');
  rmSync(join(resultsDir, 'integration-logs'), { recursive: true, force: true });
  rmSync(join(resultsDir, 'integration-timeout.png'), { force: true });
  const dumpPreamble = () => {
    if (!preamble.length) return;
    console.error(`[integration] workbench log before the suite started:\n${preamble.join('\n')}`);
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
        if (!started && /^integration: running /.test(text.trim())) started = true;
        if (!started && !opt.verbose) {
          preamble.push(text);
          return;
        }
        if (!opt.verbose && level !== 'error' && NOISE.test(text)) return;
        const m = /^integration: (\d+) passed, (\d+) failed/m.exec(text);
        if (m) {
          [passed, failed] = [Number(m[1]), Number(m[2])];
          summarised = true;
        } else if (!summarised) {
          // Live counts from mocha's spec reporter, in case the run never gets to its summary (time-out).
          for (const line of text.split('\n')) {
            if (/^\s+\d+ passing/.test(line)) epilogue = true;
            if (epilogue) continue;
            if (/^\s+✔ /.test(line)) passed++;
            else if (/^\s+\d+\) /.test(line)) failed++;
          }
        }
        (level === 'error' ? process.stderr : process.stdout).write(text + '\n');
      });
      page.exposeFunction('codeAutomationExit', (code, logs) => {
        if (code !== 0 && Array.isArray(logs)) {
          const dir = join(resultsDir, 'integration-logs');
          for (const { relativePath, contents } of logs) {
            const p = join(dir, relativePath);
            mkdirSync(dirname(p), { recursive: true });
            writeFileSync(p, contents);
          }
          console.error(`[integration] VS Code logs saved to ${dir}`);
        }
        if (code !== 0 && !started) dumpPreamble(); // the suite never started: the workbench log tells why
        res(code);
      });
    });
    page.on('pageerror', (e) => opt.verbose && console.error(`[page error] ${e.message}`));
    const url = workbenchUrl(server, {
      folder,
      // VS Code runs extensionTestsPath only together with a development extension. With --vsix the extension under
      // test is the installed one, so a manifest-only stand-in takes the development slot.
      extensionDevelopmentPath: vsix ? standInExtension(tmpRoot) : extensionPath,
      extensionTestsPath: testsEntry,
    });
    console.log(`[integration] ${vsix ? `installed ${vsix}` : `extension ${extensionPath}`}; workspace ${folder}`);
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
      await page.screenshot({ path: join(resultsDir, 'integration-timeout.png') }).catch(() => {});
      console.error(`[integration] TIMED OUT after ${limit / 1000} s: the extension host never reported an exit code`
        + (started ? ' (the suite started, then went silent: a test that never settles and ignores mocha\'s timeout,'
          + ' or a blocked extension host, e.g. a long synchronous loop; see the last lines above).' : '.')
        + ` Screenshot: test-results/integration-timeout.png; code-server log: ${server.logFile} (use --keep to keep it).`);
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
  if (!opt['ui-only']) {
    const t1 = Date.now();
    console.log('[integration] running the mocha suite inside VS Code 1.139.1 (code-server)…');
    const r = await runInHost(tmpRoot);
    console.log(`[integration] ${r.code === 0 ? 'passed' : 'FAILED'} (${r.passed} passed, ${r.failed} failed) in ${sec(t1)}`);
    results.push(r);
  }
  if (!opt['no-ui']) {
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
