import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { openArticle, waitFor } from './helpers';

const SEED = '003_ae77686d60527716.txt';
const OTHER = '001_62bc780cabcabc76.txt';

function select(editor: vscode.TextEditor, needle: string, occurrence = 0): void {
  const text = editor.document.getText();
  let at = -1;
  for (let i = 0; i <= occurrence; i++) at = text.indexOf(needle, at + 1);
  assert.ok(at >= 0, `"${needle}" not in the article`);
  editor.selection = new vscode.Selection(editor.document.positionAt(at), editor.document.positionAt(at + needle.length));
}

suite('annotating by hand', () => {
  test('Annotate Selection as an entity makes a user annotation, found in every article', async () => {
    const { api, editor, uri } = await openArticle(SEED);
    select(editor, 'Black Sea');
    await vscode.commands.executeCommand('marginalia.annotateSelection', { kind: 'entity', type: 'PLACE' });
    const mine = api.store.get(uri)!.annotations.find((a) => a.origin === 'user' && a.target.exact === 'Black Sea');
    assert.equal(mine?.type, 'PLACE');
    // Learned everywhere: 001 mentions the Black Sea too.
    await waitFor(() => api.store.all.find((s) => s.uri.path.endsWith(OTHER))?.result.entities.some((e) => e.text === 'Black Sea' && e.type === 'PLACE'), 20_000, 'Black Sea found in 001');
  });

  test('retype, then accept, a suggestion under the cursor', async () => {
    const { api, editor, uri } = await openArticle(SEED);
    select(editor, 'Kremlin');
    await vscode.commands.executeCommand('marginalia.retype', undefined, 'PLACE');
    let a = api.store.annotationAt(uri, editor.document.offsetAt(editor.selection.start) + 1)!;
    assert.equal(a.type, 'PLACE');
    assert.equal(a.status, 'accepted');
    await vscode.commands.executeCommand('marginalia.retype', undefined, 'ORG');
    a = api.store.annotationAt(uri, editor.document.offsetAt(editor.selection.start) + 1)!;
    assert.equal(a.type, 'ORG');
    select(editor, 'Geneva');
    await vscode.commands.executeCommand('marginalia.accept');
    assert.equal(api.store.annotationAt(uri, editor.document.offsetAt(editor.selection.start) + 1)?.status, 'accepted');
  });

  test('a rejected suggestion stays rejected, here and in every other article', async () => {
    const { api, editor, uri } = await openArticle(SEED);
    select(editor, 'Ned Price');
    const before = api.store.annotationAt(uri, editor.document.offsetAt(editor.selection.start) + 1, (x) => x.kind === 'entity');
    assert.ok(before, 'Ned Price is suggested');
    await vscode.commands.executeCommand('marginalia.reject');
    const rejected = api.store.get(uri)!.annotations.find((a) => a.id === before.id);
    assert.equal(rejected?.status, 'rejected');
    // Re-analysis does not bring it back, and the hover shows nothing for it.
    await api.store.refresh();
    assert.ok(!api.store.get(uri)!.result.entities.some((e) => e.text === 'Ned Price'));
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, editor.selection.start.translate(0, 1));
    assert.ok(!hovers.some((h) => JSON.stringify(h.contents).includes('Ned Price')));
  });

  test('a rejection holds in another seed', async () => {
    // A name suggested in both 001 and 003, rejected in 001: no longer suggested in 003 either (nor anywhere).
    const NAME = 'Washington';
    const { api } = await openArticle(OTHER);
    await api.store.refresh();
    const seed = () => api.store.all.find((s) => s.uri.path.endsWith(SEED))!;
    assert.ok(seed().result.entities.some((e) => e.text === NAME), `${NAME} is suggested in ${SEED} before the rejection`);
    const other = api.store.all.find((s) => s.uri.path.endsWith(OTHER))!;
    const target = other.annotations.find((a) => a.kind === 'entity' && a.target.exact === NAME && a.status !== 'rejected');
    assert.ok(target, `${NAME} is suggested in ${OTHER}`);
    await vscode.commands.executeCommand('marginalia.reject', target.id);
    await api.store.refresh();
    assert.ok(!seed().result.entities.some((e) => e.text === NAME), `${NAME} still suggested in ${SEED} after its rejection in ${OTHER}`);
    for (const s of api.store.all) assert.ok(!s.result.entities.some((e) => e.text === NAME), `${NAME} still suggested in ${s.uri.path}`);
  });

  test('next / previous annotation move the cursor from one annotation to the next', async () => {
    const { api, editor, uri } = await openArticle(OTHER);
    editor.selection = new vscode.Selection(0, 0, 0, 0);
    await vscode.commands.executeCommand('marginalia.nextAnnotation');
    const first = editor.document.offsetAt(editor.selection.active);
    await vscode.commands.executeCommand('marginalia.nextAnnotation');
    const second = editor.document.offsetAt(editor.selection.active);
    assert.ok(second > first);
    assert.ok(api.store.annotationAt(uri, second));
    await vscode.commands.executeCommand('marginalia.previousAnnotation');
    assert.equal(editor.document.offsetAt(editor.selection.active), first);
  });
});
