import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { openArticle, waitFor, workspaceFile } from './helpers';

const SEED = '001_62bc780cabcabc76.txt';
const decoder = new TextDecoder();

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
