import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { hoverText, openArticle, waitFor } from './helpers';

const SEED = '001_62bc780cabcabc76.txt';
/** No other test uses it: the escaping test edits it (and undoes the edit). */
const HOSTILE_SEED = '004_e4c51dd9d3425ba7.txt';

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
    // A quote whose text is Markdown: a command link, emphasis. Shown in the speaker's hover, it must read
    // as written (escaped), and the hover's only live links must be Marginalia's own commands.
    const { api, editor, uri } = await openArticle(HOSTILE_SEED);
    const para = '\n\n“Read [the plan](command:workbench.action.quit) first, then *act* at once,” Margaret Hollis said.\n';
    await editor.edit((b) => b.insert(editor.document.positionAt(editor.document.getText().length), para));
    try {
      const text = editor.document.getText();
      const at = text.indexOf('Margaret Hollis said');
      const mention = await waitFor(() => api.store.get(uri)?.result.entities.find((e) => e.start === at && e.type === 'PERSON'), 20_000, 'Margaret Hollis found');
      const hovers = await waitFor(async () => {
        const h = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, editor.document.positionAt(mention.start + 2));
        return hoverText(h).includes('plan') && h;
      }, 20_000, 'a hover on Margaret Hollis that shows her quote');
      const shown = hoverText(hovers);
      assert.match(shown, /Margaret Hollis/);
      // The quote's Markdown is escaped: the link and the emphasis show as written, and do not work.
      assert.match(shown, /\\\[the plan\\\]\\\(command/, shown);
      assert.match(shown, /\\\*act\\\*/, shown);
      assert.doesNotMatch(shown, /(^|[^\\])\[the plan\]\(/, shown);
      assert.doesNotMatch(shown, /(^|[^\\])\*act/, shown);
      // Every link left in the hover runs one of Marginalia's own commands, and only those are enabled.
      const links = [...shown.matchAll(/(?:^|[^\\])\]\(([^)\s]*)/g)].map((m) => m[1]);
      for (const l of links) assert.match(l, /^command:marginalia\.(openArticle|rateClaim)\?/, `a live link to ${l}`);
      for (const h of hovers) for (const c of h.contents) {
        if (typeof c === 'string' || !('isTrusted' in c) || !c.isTrusted) continue;
        const enabled = typeof c.isTrusted === 'object' ? c.isTrusted.enabledCommands : undefined;
        assert.ok(enabled?.length && enabled.every((cmd) => cmd.startsWith('marginalia.')), `commands enabled in a hover: ${JSON.stringify(c.isTrusted)}`);
      }
    } finally {
      await vscode.commands.executeCommand('undo');
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
  });
});
