// `npm start`: open the demo corpus (seeds/) in VS Code with Marginalia loaded.
//  - With desktop VS Code (`code` on PATH): a development build, then `code --extensionDevelopmentPath=<repo> <repo>/seeds`.
//  - Otherwise: code-server (real VS Code 1.139.1 in the browser, installed offline from npm on first use) on
//    127.0.0.1 with Marginalia *installed from its package*: `npm run package` makes marginalia-<version>.vsix and
//    code-server's --install-extension installs it, so what you see is what ships. Runs until Ctrl+C.
//
// Options: --code-server (use code-server even when `code` exists), --dev (code-server with the repo folder itself
//          as the installed extension, a symlink: no packaging, rebuild with `node scripts/build.mjs` and reload),
//          --vsix FILE (install this package instead of making one), --copy (open a temp copy of seeds/ instead,
//          so the annotation sidecars the extension writes do not land in the repo), --verbose.
// Env: PORT (default 8080, or a free port when 8080 is taken); MARGINALIA_EXTENSION_PATH (--dev: default this repo).
import { spawnSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { REPO_ROOT, ensureCodeServer } from './code-server/install.mjs';
import { copySeeds, provideExtension, startCodeServer, workbenchUrl } from './code-server/server.mjs';

const { values: opt } = parseArgs({
  options: {
    'code-server': { type: 'boolean', default: false },
    copy: { type: 'boolean', default: false },
    dev: { type: 'boolean', default: false },
    vsix: { type: 'string' },
    verbose: { type: 'boolean', default: false },
  },
});

function onPath(cmd) {
  return (process.env.PATH ?? '').split(delimiter).some((d) => d && existsSync(join(d, cmd)));
}

function run(args) {
  const r = spawnSync(process.execPath, args, { cwd: REPO_ROOT, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

const folder = opt.copy ? copySeeds(mkdtempSync(join(tmpdir(), 'marginalia-start-'))) : join(REPO_ROOT, 'seeds');

if (!opt['code-server'] && !opt.dev && !opt.vsix && onPath('code')) {
  run([join(REPO_ROOT, 'scripts', 'build.mjs')]);
  console.log(`[start] desktop VS Code: code --extensionDevelopmentPath=${REPO_ROOT} ${folder}`);
  const r = spawnSync('code', [`--extensionDevelopmentPath=${REPO_ROOT}`, folder], { stdio: 'inherit' });
  process.exit(r.status ?? 1);
}

// code-server: the packaged extension (default), or the unpacked folder with --dev.
const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8'));
let vsix;
let extensionPath;
if (opt.dev) {
  extensionPath = process.env.MARGINALIA_EXTENSION_PATH || REPO_ROOT;
  if (!existsSync(join(extensionPath, 'package.json'))) throw new Error(`no extension at ${extensionPath}`);
  if (extensionPath === REPO_ROOT) run([join(REPO_ROOT, 'scripts', 'build.mjs')]);
} else if (opt.vsix) {
  vsix = resolve(opt.vsix);
  if (!existsSync(vsix)) throw new Error(`--vsix ${vsix}: no such file`);
} else {
  vsix = join(REPO_ROOT, `${pkg.name}-${pkg.version}.vsix`);
  console.log('[start] packaging the extension (npm run package)…');
  run([join(REPO_ROOT, 'scripts', 'package.mjs'), '--out', vsix]);
}

/** Leaves no other copy of the extension in the persistent extensions dir (a --dev symlink is unlinked, never followed). */
function clearInstalled(extensionsDir) {
  if (!existsSync(extensionsDir)) return;
  const prefix = `${pkg.publisher}.${pkg.name}-`.toLowerCase();
  for (const f of readdirSync(extensionsDir)) {
    if (!f.toLowerCase().startsWith(prefix)) continue;
    const p = join(extensionsDir, f);
    rmSync(p, { force: true, recursive: !lstatSync(p).isSymbolicLink() });
  }
  rmSync(join(extensionsDir, 'extensions.json'), { force: true }); // rebuilt by code-server from what is there
}

// Declared before shutdown() (which a signal during start-up may call), assigned once code-server is up.
// eslint-disable-next-line prefer-const -- a const after shutdown() would be in its temporal dead zone there
let server;
let stopping = false;
const shutdown = async (sig) => {
  if (stopping) return;
  stopping = true;
  console.log(`\n[start] ${sig}: stopping code-server…`);
  await server?.stop(); // during start-up there is no handle yet: the exit handler in server.mjs kills it
  process.exit(0);
};
process.on('SIGINT', () => shutdown('SIGINT'));
process.on('SIGTERM', () => shutdown('SIGTERM'));
await ensureCodeServer();
const state = join(REPO_ROOT, '.vscode-test', 'start'); // persistent between runs: settings, window state
const preferred = Number(process.env.PORT || 8080);
server = await startCodeServer({
  folder,
  port: preferred,
  scratchDir: state,
  verbose: opt.verbose,
  handleSignals: false, // shutdown() above stops it gracefully
  beforeStart: (dirs) => {
    mkdirSync(dirs.extensionsDir, { recursive: true });
    clearInstalled(dirs.extensionsDir);
    return provideExtension(vsix ? { ...dirs, vsix } : { ...dirs, folder: extensionPath });
  },
});
const url = workbenchUrl(server, { folder });
const bar = '─'.repeat(Math.min(100, url.length + 4));
const note = server.port === preferred ? '' : ` (port ${preferred} was taken)`;
console.log(`\n${bar}\n  Marginalia in VS Code (code-server on 127.0.0.1:${server.port}${note}). Open in a browser:\n\n  ${url}\n\n  Ctrl+C stops the server.\n${bar}\n`);
console.log(`[start] ${vsix ? `installed ${vsix}` : `extension folder ${extensionPath} (--dev)`}; workspace: ${folder}${opt.copy ? ' (temp copy)' : ''}; server log: ${server.logFile}`);

// Runs until Ctrl+C; if code-server dies on its own, say so and exit non-zero.
server.exited.then((code) => {
  if (stopping) return;
  console.error(`[start] code-server exited unexpectedly (${code}); see ${server.logFile}`);
  process.exit(1);
});
