import * as vscode from 'vscode';
import * as assert from './assert';
import { hoverText, openArticle } from '../integration/helpers';

const SEED = '001_62bc780cabcabc76.txt';

suite('hover', () => {
  test('hovering Putin names Vladimir Putin, a Person', async () => {
    const { editor } = await openArticle(SEED);
    const at = editor.document.getText().indexOf('Putin on Thursday'); // the bare surname in the lead paragraph
    assert.ok(at > 0, 'seed text changed: no "Putin on Thursday"');
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, editor.document.positionAt(at + 2));
    const shown = hoverText(hovers);
    assert.match(shown, /Vladimir Putin/);
    assert.match(shown, /Person/);
  });
});
