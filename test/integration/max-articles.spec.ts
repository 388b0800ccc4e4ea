// A folder with more articles than `marginalia.maxArticles`: cut to the cap (the open articles always kept), never
// silently, and whole again once the cap allows it.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { openArticle, workspaceFile } from './helpers';

const SEED = '002_3205402f702b0a96.txt';
const EXTRA = [1, 2, 3, 4].map((i) => `max-articles-test/extra-${i}.txt`);

suite('marginalia.maxArticles', () => {
  test('a folder over the cap is cut to it, the open article kept; raising the cap brings every article back', async () => {
    const { api, uri } = await openArticle(SEED);
    // Articles no editor has open, so that the cap has something to leave out.
    for (const name of EXTRA) await vscode.workspace.fs.writeFile(workspaceFile(name), new TextEncoder().encode(`Talks in Geneva\n\nThe talks in ${name} began on Monday.\n`));
    const config = vscode.workspace.getConfiguration('marginalia');
    const analysed = () => api.store.all.map((s) => s.uri.toString());
    try {
      await vscode.commands.executeCommand('marginalia.analyzeFolder');
      const whole = analysed().sort();
      for (const name of EXTRA) assert.ok(whole.includes(workspaceFile(name).toString()), `${name} analysed under the default cap`);

      await config.update('maxArticles', 2, vscode.ConfigurationTarget.Workspace);
      await vscode.commands.executeCommand('marginalia.analyzeFolder');
      const open = new Set(vscode.workspace.textDocuments.map((d) => d.uri.toString()));
      const cut = analysed();
      assert.ok(cut.includes(uri.toString()), 'the open article is analysed whatever the cap');
      const closed = cut.filter((u) => !open.has(u));
      assert.ok(closed.length <= 2, `at most 2 articles no editor has open: ${closed.join(', ')}`);
      assert.ok(EXTRA.some((name) => !cut.includes(workspaceFile(name).toString())), `the cap left articles out (${cut.length} of ${whole.length} analysed)`);

      await config.update('maxArticles', undefined, vscode.ConfigurationTarget.Workspace);
      await vscode.commands.executeCommand('marginalia.analyzeFolder');
      assert.deepEqual(analysed().sort(), whole);
    } finally {
      await config.update('maxArticles', undefined, vscode.ConfigurationTarget.Workspace);
      await vscode.workspace.fs.delete(workspaceFile('max-articles-test'), { recursive: true }).then(undefined, () => undefined);
      await vscode.commands.executeCommand('marginalia.analyzeFolder');
    }
  });
});
