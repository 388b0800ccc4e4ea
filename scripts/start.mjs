// `npm start`: open the demo corpus (seeds/) in VS Code with Marginalia loaded.
//  - With desktop VS Code (`code` on PATH): `code --extensionDevelopmentPath=<repo> <repo>/seeds`.
//  - Otherwise: code-server (real VS Code 1.139.1 in the browser, installed offline from npm on first use) on
//    127.0.0.1, with Marginalia installed as an extension (a symlink to this repo in its extensions dir), until Ctrl+C.
// Run `node scripts/build.mjs` first (npm start does).
//
// Options: --code-server (use code-server even when `code` exists), --copy (open a temp copy of seeds/ instead,
//          so the annotation sidecars the extension writes do not land in the repo), --verbose.
// Env: PORT (default 8080, or a free port when 8080 is taken); MARGINALIA_EXTENSION_PATH (default: this repo).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { parseArgs } from 'node:util';
import { REPO_ROOT, ensureCodeServer } from './code-server/install.mjs';
import { copySeeds, provideExtension, startCodeServer, workbenchUrl } from './code-server/server.mjs';

const { values: opt } = parseArgs({
  options: {
    'code-server': { type: 'boolean', default: false },
    copy: { type: 'boolean', default: false },
    verbose: { type: 'boolean', default: false },
  },
});

function onPath(cmd) {
  return (process.env.PATH ?? '').split(delimiter).some((d) => d && existsSync(join(d, cmd)));
}

const extensionPath = process.env.MARGINALIA_EXTENSION_PATH || REPO_ROOT;
if (!existsSync(join(extensionPath, 'package.json'))) throw new Error(`no extension at ${extensionPath}`);
if (extensionPath === REPO_ROOT && !existsSync(join(REPO_ROOT, 'dist', 'extension.js'))) {
  console.warn('[start] dist/extension.js is missing: run `node scripts/build.mjs` (npm start does it for you).');
}
const folder = opt.copy ? copySeeds(mkdtempSync(join(tmpdir(), 'marginalia-start-'))) : join(REPO_ROOT, 'seeds');

if (!opt['code-server'] && onPath('code')) {
  console.log(`[start] desktop VS Code: code --extensionDevelopmentPath=${extensionPath} ${folder}`);
  const r = spawnSync('code', [`--extensionDevelopmentPath=${extensionPath}`, folder], { stdio: 'inherit' });
  process.exit(r.status ?? 1);
}

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
  beforeStart: (dirs) => provideExtension({ ...dirs, folder: extensionPath }),
});
const url = workbenchUrl(server, { folder });
const bar = '─'.repeat(Math.min(100, url.length + 4));
const note = server.port === preferred ? '' : ` (port ${preferred} was taken)`;
console.log(`\n${bar}\n  Marginalia in VS Code (code-server on 127.0.0.1:${server.port}${note}). Open in a browser:\n\n  ${url}\n\n  Ctrl+C stops the server.\n${bar}\n`);
console.log(`[start] workspace: ${folder}${opt.copy ? ' (temp copy)' : ''}; server log: ${server.logFile}`);

// Runs until Ctrl+C; if code-server dies on its own, say so and exit non-zero.
server.exited.then((code) => {
  if (stopping) return;
  console.error(`[start] code-server exited unexpectedly (${code}); see ${server.logFile}`);
  process.exit(1);
});
