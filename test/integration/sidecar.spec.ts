import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { openArticle, waitFor, workspaceFile } from './helpers';

const SEED = '001_62bc780cabcabc76.txt';
const decoder = new TextDecoder();
const encoder = new TextEncoder();

suite('sidecar', () => {
  test('Save Annotations writes a versioned sidecar next to the article', async () => {
    await openArticle(SEED);
    await vscode.commands.executeCommand('marginalia.saveAnnotations');
    const raw = decoder.decode(await vscode.workspace.fs.readFile(workspaceFile(`${SEED}.annotations.json`)));
    const data = JSON.parse(raw);
    assert.equal(data.version, 1);
    assert.ok(raw.endsWith('\n'));
    assert.ok(data.annotations.some((a: { kind: string }) => a.kind === 'quote'));
  });

  test('a tag given from the sidebar command is auto-saved and survives a reload', async () => {
    const { api, uri } = await openArticle(SEED);
    const state = api.store.get(uri)!;
    const quote = state.annotations.find((a) => a.kind === 'quote' && a.target.exact.startsWith('Our experts say'))!;
    assert.ok(quote, 'the Danilov quote is not among the annotations');
    await vscode.commands.executeCommand('marginalia.tagQuote', { kind: 'quote', state, annotation: quote }, ['disputed', 'needs-source']);
    const file = workspaceFile(`${SEED}.annotations.json`);
    await waitFor(async () => {
      try {
        return decoder.decode(await vscode.workspace.fs.readFile(file)).includes('"needs-source"');
      } catch {
        return false;
      }
    }, 10_000, 'the auto-saved tag');
    // A fresh store reads everything from disk, as after a window reload.
    const reloaded = api.createStore();
    await reloaded.refresh();
    const again = reloaded.get(uri)!.annotations.find((a) => a.kind === 'quote' && a.target.exact.startsWith('Our experts say'));
    reloaded.dispose();
    assert.deepEqual(again?.tags, ['disputed', 'needs-source']);
  });

  test('a late report of our own older save never brings back what the user removed; another window\'s change is merged', async () => {
    const { api, uri, editor } = await openArticle(SEED);
    const file = workspaceFile(`${SEED}.annotations.json`);
    const read = async () => decoder.decode(await vscode.workspace.fs.readFile(file));
    const noteOn = async (start: number, end: number, note: string) => {
      editor.selection = new vscode.Selection(editor.document.positionAt(start), editor.document.positionAt(end));
      await vscode.commands.executeCommand('marginalia.annotateSelection', { kind: 'note', note });
      return api.store.get(uri)!.annotations.find((a) => a.note === note)!;
    };
    const removed = await noteOn(0, 12, 'removed by the user');
    await vscode.commands.executeCommand('marginalia.saveAnnotations');
    const olderSave = await read();
    api.store.remove(uri, removed.id);
    await vscode.commands.executeCommand('marginalia.saveAnnotations');
    const latestSave = await read();
    assert.ok(olderSave.includes(removed.id) && !latestSave.includes(removed.id));

    // The file watcher reports saves late, and two saves can land out of order: our older save is on disk again.
    await vscode.workspace.fs.writeFile(file, encoder.encode(olderSave));
    await waitFor(async () => (await read()) === latestSave, 10_000, 'the latest save written back over the older one');
    assert.ok(!api.store.get(uri)!.annotations.some((a) => a.id === removed.id || a.id.startsWith(`${removed.id}-`)), 'the removed note came back');

    // Another window adds a note to the same file: it is merged in, and what this window holds stays.
    const kept = await noteOn(20, 30, 'kept from this window');
    await vscode.commands.executeCommand('marginalia.saveAnnotations');
    const theirs = JSON.parse(await read());
    const added = { ...kept, id: `${kept.id}-other-window`, note: 'added in another window' };
    theirs.annotations = theirs.annotations.filter((a: { id: string }) => a.id !== kept.id).concat(added);
    await vscode.workspace.fs.writeFile(file, encoder.encode(JSON.stringify(theirs, null, 2) + '\n'));
    await waitFor(() => api.store.get(uri)!.annotations.some((a) => a.id === added.id), 10_000, 'the other window\'s note merged in');
    assert.ok(api.store.get(uri)!.annotations.some((a) => a.id === kept.id), 'this window\'s note was dropped by the merge');
    for (const id of [kept.id, added.id]) api.store.remove(uri, id);
    await vscode.commands.executeCommand('marginalia.saveAnnotations');
  });

  test('a corrupt sidecar is reported and never overwritten', async () => {
    const name = '002_3205402f702b0a96.txt';
    const file = workspaceFile(`${name}.annotations.json`);
    const corrupt = '{ "version": 1, "annotations": [ oops';
    await vscode.workspace.fs.writeFile(file, new TextEncoder().encode(corrupt));
    const { api } = await openArticle('001_62bc780cabcabc76.txt');
    const store = api.createStore();
    await store.refresh();
    const state = store.get(workspaceFile(name))!;
    assert.match(state.sidecarProblem ?? '', /not valid JSON/);
    store.dispose();
    await vscode.commands.executeCommand('marginalia.saveAnnotations');
    assert.equal(decoder.decode(await vscode.workspace.fs.readFile(file)), corrupt);
  });
});
