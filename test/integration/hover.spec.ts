import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { hoverText, openArticle } from './helpers';

const SEED = '001_62bc780cabcabc76.txt';

suite('hover', () => {
  test('hovering Putin shows the type and the canonical name Vladimir Putin', async () => {
    const { editor } = await openArticle(SEED);
    const text = editor.document.getText();
    const at = text.indexOf('Putin on Thursday'); // the bare surname in the lead paragraph
    assert.ok(at > 0, 'seed text changed: no "Putin on Thursday"');
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, editor.document.positionAt(at + 2));
    const shown = hoverText(hovers);
    assert.match(shown, /Vladimir Putin/);
    assert.match(shown, /Person/);
    assert.match(shown, /Also written/);
  });

  test('hovering a quote shows its speaker and cue', async () => {
    const { editor } = await openArticle(SEED);
    const text = editor.document.getText();
    const at = text.indexOf('Our experts say');
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, editor.document.positionAt(at + 5));
    const shown = hoverText(hovers);
    assert.match(shown, /Quote/);
    assert.match(shown, /Oleksiy Danilov/);
    assert.match(shown, /said/);
  });

  test('article text in a hover is escaped', async () => {
    const { editor } = await openArticle(SEED);
    const text = editor.document.getText();
    const at = text.indexOf('Steven Pifer');
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, editor.document.positionAt(at + 2));
    for (const h of hovers) for (const c of h.contents) {
      if (typeof c !== 'string' && 'isTrusted' in c && c.isTrusted) {
        assert.deepEqual((c.isTrusted as { enabledCommands?: string[] }).enabledCommands, ['marginalia.openArticle']);
      }
    }
  });
});
