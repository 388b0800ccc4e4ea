import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { openArticle, waitFor } from './helpers';

const SEED = '002_3205402f702b0a96.txt';

suite('editing an article', () => {
  test('annotations follow typing at once, the analysis right after, and a tag stays on its quote', async () => {
    const { api, editor, uri } = await openArticle(SEED);
    const state = api.store.get(uri)!;
    const quote = state.annotations.find((a) => a.kind === 'quote' && a.target.exact.startsWith('There will be no discussions'))!;
    assert.ok(quote);
    await vscode.commands.executeCommand('marginalia.tagQuote', { kind: 'quote', state, annotation: quote }, ['verified']);
    // Insert a sentence naming a new person at the top of the second paragraph.
    const text = editor.document.getText();
    const at = text.indexOf('On Thursday, US President');
    await editor.edit((b) => b.insert(editor.document.positionAt(at), 'Angela Merkel spoke first. '));
    const now = editor.document.getText();
    assert.equal(api.store.get(uri)!.text, now, 'the store follows the edit synchronously');
    // The worker analyses the changed paragraph and sends the article's result back.
    await waitFor(() => api.store.get(uri)!.result.entities.some((e) => e.text === 'Angela Merkel' && e.type === 'PERSON'), 10_000, 'the new name in the patched paragraph');
    const after = api.store.get(uri)!;
    for (const e of after.result.entities) assert.equal(now.slice(e.start, e.end), e.text);
    const tagged = after.annotations.find((a) => a.id === quote.id)!;
    assert.deepEqual(tagged.tags, ['verified']);
    assert.equal(now.slice(tagged.target.start, tagged.target.end), quote.target.exact);
    // Deleting the tagged quote's text orphans the annotation instead of dropping it.
    await editor.edit((b) => b.delete(new vscode.Range(editor.document.positionAt(tagged.target.start), editor.document.positionAt(tagged.target.end))));
    await waitFor(() => api.store.get(uri)!.annotations.find((a) => a.id === quote.id)?.orphaned, 5000, 'the orphan');
    await vscode.commands.executeCommand('undo');
    await vscode.commands.executeCommand('undo');
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });
});
