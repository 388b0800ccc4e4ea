// Entry point for the tests that run inside VS Code's *web worker* extension host (VS Code for the Web), where the
// extension runs from its browser bundle (dist/web/extension.js). scripts/code-server/run-integration.mjs loads the
// extension with a manifest that has `browser` and no `main`, so the workbench can only run it in the web worker, and
// passes this file (bundled by scripts/build.mjs into out/test/web/index.js) as extensionTestsPath.
//
// A web worker has no file system and no Node: mocha is its browser build, and the specs (every *.spec.ts under
// test/web, TDD interface like test/integration) are bundled in and loaded through the `web-specs` module.
// The closing line `web: N passed, M failed` is what run-integration.mjs reads.
import * as vscode from 'vscode';
import mocha from 'mocha/mocha.js';
import { loadSpecs, specFiles } from 'web-specs';

export function run(): Promise<void> {
  mocha.setup({
    ui: 'tdd',
    reporter: 'spec', // the browser build defaults to its HTML reporter, which needs a DOM
    color: false,
    timeout: 60_000,
    slow: 5_000,
  });
  loadSpecs();
  console.log(`web: running ${specFiles.length} spec file(s) in VS Code ${vscode.version} (web worker extension host)`);
  return new Promise((resolve, reject) => {
    try {
      const runner = mocha.run((failures) => {
        const passes = runner.stats?.passes ?? 0;
        const pending = runner.stats?.pending ?? 0;
        console.log(`web: ${passes} passed, ${failures} failed${pending ? `, ${pending} skipped` : ''}`);
        if (failures > 0) reject(new Error(`${failures} web test(s) failed`));
        else resolve();
      });
    } catch (err) {
      reject(err);
    }
  });
}
