import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { parseSidecar, serializeSidecar, type Annotation } from '../../src/core/sidecar';
import { mergeSidecars } from '../../src/core/sidecar/merge3';
import { openArticle, waitFor, workspaceFile } from './helpers';

const SEED = '004_e4c51dd9d3425ba7.txt';
const decoder = new TextDecoder();

suite('merge conflicts', () => {
  test('a sidecar a merge left with a conflict is listed with both sides, read-only, and Take Theirs writes it clean', async () => {
    const { api, uri } = await openArticle(SEED);
    await vscode.commands.executeCommand('marginalia.saveAnnotations');
    const file = workspaceFile(`${SEED}.annotations.json`);
    const before = decoder.decode(await vscode.workspace.fs.readFile(file));
    const base = parseSidecar(before);
    assert.ok(base.ok);
    // Two annotators retype the same name differently on their branches; the merge records the conflict.
    const entity = base.sidecar.annotations.find((a) => a.kind === 'entity' && a.type === 'PERSON')!;
    const retyped = (type: Annotation['type']) => ({ ...base.sidecar, annotations: base.sidecar.annotations.map((a) => (a.id === entity.id ? { ...a, type, origin: 'user' as const, status: 'accepted' as const } : a)) });
    const { sidecar, conflicts } = mergeSidecars(base.sidecar, retyped('ORG'), retyped('PLACE'));
    assert.equal(conflicts.length, 1);
    try {
      await vscode.workspace.fs.writeFile(file, new TextEncoder().encode(serializeSidecar(sidecar)));
      const tree = api.views.conflicts;
      const files = await waitFor(async () => {
        const nodes = (await tree.getChildren()) as unknown[];
        return nodes.length ? nodes : undefined;
      }, 15_000, 'the conflicted sidecar in the Merge Conflicts view');
      const items = (await tree.getChildren(files[0])) as unknown[];
      assert.equal(items.length, 1);
      const item = await tree.getTreeItem(items[0]);
      assert.match(String(item.label), /^type · /);
      assert.equal(item.description, 'ours: ORG · theirs: PLACE');
      // Read-only meanwhile: the store knows, and saving does not touch the file.
      await waitFor(() => api.store.get(uri)?.sidecarProblem?.includes('merge conflict'), 10_000, 'the article read-only');
      const conflicted = decoder.decode(await vscode.workspace.fs.readFile(file));
      await vscode.commands.executeCommand('marginalia.saveAnnotations');
      assert.equal(decoder.decode(await vscode.workspace.fs.readFile(file)), conflicted, 'saving must not drop a side of the conflict');

      await vscode.commands.executeCommand('marginalia.takeTheirs', items[0]);
      const clean = parseSidecar(decoder.decode(await vscode.workspace.fs.readFile(file)));
      assert.ok(clean.ok);
      assert.equal(clean.sidecar.conflicts, undefined);
      assert.equal(clean.sidecar.annotations.find((a) => a.id === entity.id)?.type, 'PLACE');
      assert.equal(((await tree.getChildren()) as unknown[]).length, 0);
      await waitFor(() => api.store.get(uri) && !api.store.get(uri)!.sidecarProblem, 10_000, 'the article writable again');
    } finally {
      await vscode.workspace.fs.writeFile(file, new TextEncoder().encode(before));
    }
  });
});
