// Runs the same in-host integration suite (out/test/integration/index.js) in desktop VS Code through
// @vscode/test-electron, which downloads VS Code into .vscode-test/ on first use. That needs internet access to
// update.code.visualstudio.com; where there is none, use `npm run test:integration` (code-server from npm) instead.
// On Linux without a display, run it under xvfb-run.
//
// Usage: node scripts/run-electron.mjs   (after `node scripts/build.mjs`)
// Env: VSCODE_VERSION (default 'stable'), MOCHA_GREP.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runTests, TestRunFailedError } from '@vscode/test-electron';
import { REPO_ROOT } from './code-server/install.mjs';
import { CALM_SETTINGS, copySeeds } from './code-server/server.mjs';

const tmp = mkdtempSync(join(tmpdir(), 'marginalia-electron-'));
const workspace = copySeeds(tmp); // never the repo's seeds/: the extension writes sidecars beside articles
const userDataDir = join(tmp, 'user-data');
mkdirSync(join(userDataDir, 'User'), { recursive: true });
writeFileSync(join(userDataDir, 'User', 'settings.json'), JSON.stringify(CALM_SETTINGS, null, 2));

const NETWORK = /ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|getaddrinfo|fetch failed|socket hang up|update\.code\.visualstudio\.com/i;

try {
  const code = await runTests({
    version: process.env.VSCODE_VERSION || 'stable',
    extensionDevelopmentPath: REPO_ROOT,
    extensionTestsPath: join(REPO_ROOT, 'out', 'test', 'integration', 'index.js'),
    launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes',
      '--user-data-dir', userDataDir],
  });
  process.exitCode = code;
} catch (e) {
  const msg = e instanceof Error ? `${e.message}${e.cause ? ` (${e.cause.message ?? e.cause})` : ''}` : String(e);
  if (e instanceof TestRunFailedError) {
    console.error(`\n[electron] the integration suite failed in desktop VS Code: ${msg}`);
  } else if (NETWORK.test(msg) || NETWORK.test(String(e?.stack ?? ''))) {
    console.error(`\n[electron] could not download VS Code: ${msg}\n`
      + '[electron] @vscode/test-electron needs internet access (update.code.visualstudio.com), which this machine does not have.\n'
      + '[electron] Run the same suite offline in real VS Code (code-server from npm) with:  npm run test:integration');
  } else {
    console.error(`\n[electron] ${e?.stack ?? msg}\n[electron] If VS Code cannot be downloaded or started here, use:  npm run test:integration`);
  }
  process.exitCode = 1;
} finally {
  rmSync(tmp, { recursive: true, force: true, maxRetries: 3 });
}
