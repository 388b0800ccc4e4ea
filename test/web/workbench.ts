// Questions about the workbench page itself (what the editor shows), which no extension API answers: the test asks,
// scripts/code-server/run-integration.mjs (outside the worker, driving the page with Playwright) looks and answers.
//
// Protocol: the test logs `web-probe: <id> <kind> [<screenshot name>]` (the worker's console reaches the runner through
// the smoke-test driver's log); the runner writes its answer as JSON to `<workspace folder>/../web-probe/<id>.json`,
// which the test reads with workspace.fs.
import * as vscode from 'vscode';
import { waitFor } from '../integration/helpers';

/** What the active editor renders of extension decorations (`ced-*` classes, one per decoration type). */
export interface DecorationProbe {
  /** The active editor tab's label (file name), or null when no editor is open. */
  tab: string | null;
  /** Decoration elements (highlight backgrounds / borders) rendered in the active editor's visible lines. */
  count: number;
  /** Distinct decoration classes among them: one per decoration type, i.e. per highlighted kind. */
  classes: string[];
}

let next = 0;
const decoder = new TextDecoder();

async function ask<T>(kind: string, screenshot?: string): Promise<T> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('no workspace folder open');
  const id = `${Date.now().toString(36)}-${next++}`;
  const answer = vscode.Uri.joinPath(folder.uri, '..', 'web-probe', `${id}.json`);
  console.log(`web-probe: ${id} ${kind}${screenshot ? ` ${screenshot}` : ''}`);
  const raw = await waitFor(async () => {
    try {
      return decoder.decode(await vscode.workspace.fs.readFile(answer));
    } catch {
      return undefined;
    }
  }, 15_000, `the runner's answer to web-probe ${kind} (is the suite run by scripts/code-server/run-integration.mjs?)`);
  return JSON.parse(raw) as T;
}

/** The decorations the active editor shows now; `screenshot` also saves test-results/web-<screenshot>.png. */
export function probeDecorations(screenshot?: string): Promise<DecorationProbe> {
  return ask<DecorationProbe>('decorations', screenshot);
}
