// Starts code-server (real VS Code, Node extension host) on 127.0.0.1 with scratch state, and opens headless Chromium.
// Used by run-integration.mjs (tests), the UI test and start.mjs (`npm start`).
import { spawn, execFile } from 'node:child_process';
import { cpSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync, createWriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ensureCodeServer, CHROMIUM_PATH, REPO_ROOT, assertPrerequisites } from './install.mjs';

/** Settings for a calm, offline, deterministic workbench. */
export const CALM_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'workbench.editor.enablePreview': false,
  'editor.wordWrap': 'on',
  'editor.occurrencesHighlight': 'off',
  'editor.selectionHighlight': false,
  'editor.minimap.enabled': false,
  'editor.hover.delay': 300,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'update.showReleaseNotes': false,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'npm.fetchOnlinePackageInfo': false,
  'security.workspace.trust.enabled': false,
  'git.enabled': false,
  'git.openRepositoryInParentFolders': 'never',
  'chat.disableAIFeatures': true,
  'chat.commandCenter.enabled': false,
  'files.autoSave': 'off',
  'files.hotExit': 'off',
  'window.restoreWindows': 'none',
  'workbench.colorTheme': 'Default Dark Modern',
};

const signal = (pid, sig) => {
  try {
    process.kill(pid, sig);
    return true;
  } catch {
    return false; // already gone
  }
};
const alive = (pid) => signal(pid, 0);

/** [pid, pgid, ppid] of every process, from /proc (Linux). */
function processTable() {
  const rows = [];
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' '); // after "pid (comm) ": state ppid pgrp …
      rows.push([Number(d), Number(f[2]), Number(f[1])]);
    } catch {
      /* exited meanwhile */
    }
  }
  return rows;
}

/** `root` and all its descendants. */
function processTree(root) {
  const table = processTable();
  const out = [root];
  for (let i = 0; i < out.length; i++) for (const [pid, , ppid] of table) if (ppid === out[i]) out.push(pid);
  return out;
}

/** Sends `sig` to `root`, its descendants and their process groups (never to this process's own group). */
function signalTree(root, sig) {
  const table = processTable();
  const pgidOf = new Map(table.map(([pid, pgid]) => [pid, pgid]));
  const own = pgidOf.get(process.pid);
  const tree = processTree(root);
  for (const g of new Set(tree.map((p) => pgidOf.get(p)).filter((g) => g && g !== own))) signal(-g, sig);
  for (const p of tree) signal(p, sig);
}

let signalsHandled = false;
/**
 * Node skips 'exit' handlers when a signal kills it, and the server runs in its own process group (so that stop()
 * reaches its helpers): turn SIGINT/SIGTERM/SIGHUP into a normal exit so the 'exit' handler kills the group.
 */
function exitOnSignals() {
  if (signalsHandled) return;
  signalsHandled = true;
  for (const [sig, n] of [['SIGINT', 2], ['SIGTERM', 15], ['SIGHUP', 1]]) {
    process.on(sig, () => {
      console.error(`\n[code-server] ${sig}: stopping`);
      process.exit(128 + n);
    });
  }
}

/** Free TCP port on 127.0.0.1 (`preferred` first when given and free). */
export async function freePort(preferred) {
  const net = await import('node:net');
  const tryPort = (p) => new Promise((res) => {
    const srv = net.createServer();
    srv.unref();
    srv.once('error', () => res(null));
    srv.listen({ host: '127.0.0.1', port: p }, () => {
      const { port } = srv.address();
      srv.close(() => res(port));
    });
  });
  if (preferred) {
    const p = await tryPort(preferred);
    if (p) return p;
  }
  return tryPort(0);
}

async function waitForHealthz(url, child, deadlineMs) {
  const until = Date.now() + deadlineMs;
  let lastErr;
  while (Date.now() < until) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`code-server exited during start-up (${child.exitCode ?? child.signalCode})`);
    }
    try {
      const r = await fetch(new URL('healthz', url), { signal: AbortSignal.timeout(2000) });
      if (r.ok) return;
      lastErr = new Error(`HTTP ${r.status}`);
    } catch (e) {
      lastErr = e;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`code-server did not answer ${url}healthz within ${deadlineMs / 1000} s (${lastErr?.message ?? ''})`);
}

function tail(file, lines = 40) {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

/** Common arguments and environment for every code-server invocation with the given state dirs. */
function invocation(paths, { scratchDir, userDataDir, extensionsDir }) {
  const env = {
    ...process.env,
    XDG_CONFIG_HOME: join(scratchDir, 'xdg', 'config'),
    XDG_DATA_HOME: join(scratchDir, 'xdg', 'data'),
    XDG_CACHE_HOME: join(scratchDir, 'xdg', 'cache'),
    XDG_STATE_HOME: join(scratchDir, 'xdg', 'state'),
    XDG_RUNTIME_DIR: join(scratchDir, 'xdg', 'runtime'),
    // No extension marketplace: there is no network, and the tests must not depend on one.
    EXTENSIONS_GALLERY: process.env.EXTENSIONS_GALLERY ?? '{}',
    // The extension host must not inherit options meant for the outer Node (e.g. --test, loaders).
    NODE_OPTIONS: '',
  };
  delete env.PORT; // code-server reads $PORT itself; we always pass --bind-addr.
  delete env.ELECTRON_RUN_AS_NODE;
  for (const k of ['config', 'data', 'cache', 'state', 'runtime']) mkdirSync(join(scratchDir, 'xdg', k), { recursive: true, mode: 0o700 });
  const args = [paths.entry, '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir,
    '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override'];
  return { env, args };
}

/**
 * Installs a packaged extension (.vsix) into extensionsDir with code-server's own CLI (about a second).
 * @returns {Promise<string>} the CLI output
 */
export async function installVsix(vsix, { extensionsDir, scratchDir, userDataDir }) {
  const paths = await ensureCodeServer({ log: () => {} });
  const { env, args } = invocation(paths, { scratchDir, userDataDir, extensionsDir });
  return new Promise((res, rej) => {
    execFile(paths.nodeBin, [...args, '--force', '--install-extension', resolve(vsix)], { env, timeout: 120_000 },
      (err, stdout, stderr) => (err ? rej(new Error(`--install-extension ${vsix} failed: ${err.message}\n${stdout}${stderr}`)) : res(stdout + stderr)));
  });
}

/**
 * Starts code-server. Returns { url, port, folder, scratchDir, userDataDir, extensionsDir, logFile, stop() }.
 * @param {{
 *   folder?: string,            // folder to open (also passed in the URL by callers that need it)
 *   port?: number,              // preferred port; a free one is chosen if it is taken or absent
 *   smokeTestDriver?: boolean,  // --vscode-option enable-smoke-test-driver (needed for extensionDevelopmentPath/extensionTestsPath payloads)
 *   extensionsDir?: string,     // default: <scratch>/extensions
 *   userDataDir?: string,       // default: <scratch>/user-data (calm settings are written there)
 *   scratchDir?: string,        // default: a new temp dir, removed by stop() unless keepScratch
 *   keepScratch?: boolean,
 *   settings?: object,          // merged over CALM_SETTINGS
 *   verbose?: boolean,          // also copy code-server's output to stderr
 *   startTimeoutMs?: number,
 *   handleSignals?: boolean,    // default true: Ctrl+C / SIGTERM exit the process, which kills the server (see exitOnSignals)
 *   beforeStart?: (dirs: {scratchDir: string, userDataDir: string, extensionsDir: string}) => Promise<void> | void,
 * }} [opts]
 */
export async function startCodeServer(opts = {}) {
  const paths = await ensureCodeServer();
  const ownScratch = !opts.scratchDir;
  const scratchDir = opts.scratchDir ?? mkdtempSync(join(tmpdir(), 'marginalia-cs-'));
  const userDataDir = opts.userDataDir ?? join(scratchDir, 'user-data');
  const extensionsDir = opts.extensionsDir ?? join(scratchDir, 'extensions');
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  mkdirSync(extensionsDir, { recursive: true });
  const settingsFile = join(userDataDir, 'User', 'settings.json');
  if (!existsSync(settingsFile) || opts.settings) {
    writeFileSync(settingsFile, JSON.stringify({ ...CALM_SETTINGS, ...(opts.settings ?? {}) }, null, 2) + '\n');
  }
  await opts.beforeStart?.({ scratchDir, userDataDir, extensionsDir });

  const port = await freePort(opts.port);
  const { env, args } = invocation(paths, { scratchDir, userDataDir, extensionsDir });
  args.push('--auth', 'none', '--bind-addr', `127.0.0.1:${port}`);
  if (opts.smokeTestDriver) args.push('--vscode-option', 'enable-smoke-test-driver');
  if (opts.folder) args.push(resolve(opts.folder));

  const logFile = join(scratchDir, 'code-server.log');
  const logStream = createWriteStream(logFile, { flags: 'a' });
  const child = spawn(paths.nodeBin, args, { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  for (const s of [child.stdout, child.stderr]) {
    s.on('data', (d) => {
      logStream.write(d);
      if (opts.verbose) process.stderr.write(d);
    });
  }
  // Never leave a server behind, whatever way this process ends. code-server's entry process starts the real
  // server as a child in a process group of its own, so signal every descendant's group, not only ours.
  const killGroup = (sig) => signalTree(child.pid, sig);
  const onExit = () => {
    killGroup('SIGTERM'); // synchronous; code-server shuts its helpers down on SIGTERM
    if (ownScratch && !opts.keepScratch) rmSync(scratchDir, { recursive: true, force: true });
  };
  process.on('exit', onExit);
  if (opts.handleSignals !== false) exitOnSignals();

  let stopped = false;
  const exited = new Promise((r) => child.once('exit', (code, signal) => r(code ?? signal)));
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    const tree = processTree(child.pid);
    killGroup('SIGTERM');
    const t = setTimeout(() => killGroup('SIGKILL'), 5000);
    await exited;
    clearTimeout(t);
    // Helpers (server child, extension host, file watcher) that outlived the entry process.
    for (let i = 0; i < 20 && tree.some(alive); i++) await new Promise((r) => setTimeout(r, 100));
    for (const pid of tree.filter(alive)) signal(pid, 'SIGKILL');
    process.off('exit', onExit);
    logStream.end();
    if (ownScratch && !opts.keepScratch) rmSync(scratchDir, { recursive: true, force: true, maxRetries: 3 });
  };

  const url = `http://127.0.0.1:${port}/`;
  try {
    await waitForHealthz(url, child, opts.startTimeoutMs ?? 60_000);
  } catch (e) {
    const log = tail(logFile);
    await stop().catch(() => {});
    throw new Error(`${e.message}\n--- code-server log (tail) ---\n${log}`, { cause: e });
  }
  return { url, port, folder: opts.folder, scratchDir, userDataDir, extensionsDir, logFile, pid: child.pid, exited, stop };
}

/** vscode-remote URI (as the payload wants it) for an absolute path on the server. */
export function remoteUri(port, absPath) {
  return `vscode-remote://127.0.0.1:${port}${resolve(absPath).split('/').map(encodeURIComponent).join('/')}`;
}

/**
 * Workbench URL opening `folder`, with an optional development extension and test entry (needs smokeTestDriver).
 * @param {{url: string, port: number}} server
 * @param {{folder: string, extensionDevelopmentPath?: string, extensionTestsPath?: string}} o
 */
export function workbenchUrl(server, { folder, extensionDevelopmentPath, extensionTestsPath }) {
  // Slashes stay readable in `folder` (the URL is printed for people by npm start).
  let url = `${server.url}?folder=${encodeURIComponent(resolve(folder)).replace(/%2F/g, '/')}`;
  const payload = [];
  if (extensionDevelopmentPath) payload.push(['extensionDevelopmentPath', remoteUri(server.port, extensionDevelopmentPath)]);
  if (extensionTestsPath) payload.push(['extensionTestsPath', remoteUri(server.port, extensionTestsPath)]);
  if (payload.length) url += `&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  return url;
}

export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage',
  '--password-store=basic', '--use-mock-keychain', '--lang=en-US'];

/**
 * Opens Debian's Chromium through playwright-core (fresh profile made by Playwright). Returns { browser, context, page, close() }.
 * @param {{headless?: boolean, viewport?: {width: number, height: number}}} [opts]
 */
export async function launchChromium({ headless = true, viewport = { width: 1600, height: 1000 } } = {}) {
  assertPrerequisites({ needBuild: false, needBrowser: true });
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless, args: CHROMIUM_ARGS, timeout: 60_000 });
  const context = await browser.newContext({ viewport, deviceScaleFactor: 1, locale: 'en-US' });
  const page = await context.newPage();
  return { browser, context, page, close: () => browser.close().catch(() => {}) };
}

/**
 * Makes an extension appear *installed* in extensionsDir, exactly as a user would have it:
 *  - `{ vsix }`: installs the packaged extension with code-server's --install-extension;
 *  - `{ folder }` (default: the repo): a symlink `<publisher>.<name>-<version>` pointing at the unpacked folder
 *    (code-server scans the extensions dir; no extensions.json entry is needed).
 * Returns the extension id (`publisher.name`).
 */
export async function provideExtension({ extensionsDir, scratchDir, userDataDir, vsix, folder }) {
  if (vsix) {
    await installVsix(vsix, { extensionsDir, scratchDir: scratchDir ?? extensionsDir, userDataDir: userDataDir ?? join(scratchDir ?? extensionsDir, 'user-data') });
    return null;
  }
  const dir = resolve(folder);
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  const id = `${pkg.publisher}.${pkg.name}`;
  const link = join(extensionsDir, `${id}-${pkg.version}`);
  mkdirSync(extensionsDir, { recursive: true });
  // Any other version left by an earlier run (a persistent extensions dir, as npm start uses) would load too.
  for (const f of readdirSync(extensionsDir)) {
    if (f.startsWith(`${id}-`)) rmSync(join(extensionsDir, f), { force: true, recursive: !lstatSync(join(extensionsDir, f)).isSymbolicLink() });
  }
  symlinkSync(dir, link, 'dir');
  return id;
}

/**
 * Copies the demo corpus seeds/*.txt into `<root>/seeds` and returns that folder. Tests always work on such a copy:
 * the extension writes `<article>.annotations.json` sidecars beside the articles, and the repo's seeds/ must stay clean.
 */
export function copySeeds(root, from = join(REPO_ROOT, 'seeds')) {
  const ws = join(root, 'seeds');
  mkdirSync(ws, { recursive: true });
  for (const f of readdirSync(from)) {
    if (f.endsWith('.txt')) cpSync(join(from, f), join(ws, f));
  }
  return ws;
}
