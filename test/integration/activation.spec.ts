// The extension activates in a real extension host when a seed article is opened.
// The workspace is a temporary copy of seeds/ (see scripts/code-server/run-integration.mjs).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

const EXTENSION_ID = 'marginalia.marginalia';
const SEED = '001_62bc780cabcabc76.txt';

async function waitFor(cond: () => boolean, ms: number, what: string): Promise<void> {
  const until = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > until) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

suite('activation', () => {
  test(`${EXTENSION_ID} is installed in the extension host`, () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} not found; loaded: ${vscode.extensions.all.map((e) => e.id).filter((id) => !id.startsWith('vscode.')).join(', ')}`);
  });

  test('activates when a seed article is opened', async () => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'no workspace folder open (expected a copy of seeds/)');
    const uri = vscode.Uri.joinPath(folder.uri, SEED);
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), uri.toString());

    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} not found`);
    await waitFor(() => ext.isActive, 30_000, `${EXTENSION_ID} to activate`);
    assert.equal(ext.isActive, true);
  });
});
