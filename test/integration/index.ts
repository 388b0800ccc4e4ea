// Entry point for the tests that run inside a real VS Code extension host (code-server via
// scripts/code-server/run-integration.mjs, or desktop VS Code via scripts/run-electron.mjs).
// VS Code loads the bundled out/test/integration/index.js and calls run(); a rejection makes the host exit non-zero.
//
// Mocha runs with the **TDD** interface: write specs with `suite(...)` / `test(...)` / `suiteSetup(...)` / `setup(...)`.
// Every `*.spec.js` beside this file (i.e. every test/integration/**/*.spec.ts, bundled by scripts/build.mjs) is run.
// Set MOCHA_GREP in the environment of the runner to run only matching tests.
import Mocha from 'mocha';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';

export async function run(): Promise<void> {
  const mocha = new Mocha({
    ui: 'tdd',
    reporter: 'spec',
    color: false, // the output travels through the browser page to the runner's stdout
    timeout: 60_000, // generous: the first activation of an extension in a cold host can take seconds
    slow: 5_000,
    ...(process.env.MOCHA_GREP ? { grep: process.env.MOCHA_GREP } : {}),
  });
  const dir = __dirname;
  const specs = readdirSync(dir, { recursive: true })
    .map(String)
    .filter((f) => f.endsWith('.spec.js'))
    .sort();
  if (specs.length === 0) throw new Error(`no *.spec.js files found in ${dir}`);
  for (const f of specs) mocha.addFile(join(dir, f));
  console.log(`integration: running ${specs.length} spec file(s) in VS Code ${vscode.version}`);

  const failures = await new Promise<{ failures: number; passes: number; pending: number }>((resolve, reject) => {
    try {
      const runner = mocha.run((failures) => resolve({ failures, passes: runner.stats?.passes ?? 0, pending: runner.stats?.pending ?? 0 }));
    } catch (err) {
      reject(err);
    }
  });
  // A plain closing line that run-integration.mjs (and CI) read.
  console.log(`integration: ${failures.passes} passed, ${failures.failures} failed${failures.pending ? `, ${failures.pending} skipped` : ''}`);
  if (failures.failures > 0) throw new Error(`${failures.failures} integration test(s) failed`);
}
