import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { serializeSidecar } from '../../src/core/sidecar';
import { openArticle, waitFor, workspaceFile } from './helpers';

const SEED = '000_e616688cf73b116b.txt';

suite('annotating as a team', () => {
  test('Compare Annotations with… lists the disagreements with another annotator; Take Theirs and Take Mine adjudicate', async () => {
    const { api, uri } = await openArticle(SEED);
    const state = api.store.get(uri)!;
    const people = state.annotations.filter((a) => a.kind === 'entity' && a.type === 'PERSON' && a.status !== 'rejected' && !a.orphaned);
    assert.ok(people.length >= 2);
    const [retype, reject] = people;
    // The other annotator: the same suggestions, one name retyped, one rejected.
    const other = mkdtempSync(join(tmpdir(), 'marginalia-other-'));
    const theirs = state.annotations.map((a) => (a.id === retype.id ? { ...a, type: 'ORG' as const } : a.id === reject.id ? { ...a, status: 'rejected' as const } : a));
    writeFileSync(join(other, `${SEED}.annotations.json`), serializeSidecar({ version: 1, generator: { name: 'marginalia', version: '0', recogniser: 'x' }, document: { path: SEED, length: state.text.length, hash: 'x' }, annotations: theirs }));
    try {
      const count = await vscode.commands.executeCommand<number>('marginalia.compareAnnotations', vscode.Uri.file(other));
      assert.ok(count >= 2, `disagreements: ${count}`);
      const tree = api.views.compare;
      const [article] = (await tree.getChildren()) as unknown[];
      const items = (await tree.getChildren(article)) as { d: { key: string; what: string; mine?: { id: string } } }[];
      const typeItem = items.find((i) => i.d.mine?.id === retype.id)!;
      const rejectItem = items.find((i) => i.d.mine?.id === reject.id)!;
      assert.equal(typeItem.d.what, 'type');
      assert.equal(rejectItem.d.what, 'only mine');
      assert.match(String((await tree.getTreeItem(typeItem)).description), /mine: PERSON.*theirs: ORG/);
      await vscode.commands.executeCommand('marginalia.takeTheirsAnnotation', typeItem);
      assert.equal(api.store.get(uri)!.annotations.find((a) => a.id === retype.id)?.type, 'ORG');
      await vscode.commands.executeCommand('marginalia.takeMine', rejectItem);
      const left = ((await tree.getChildren(((await tree.getChildren()) as unknown[])[0])) ?? []) as { d: { mine?: { id: string } } }[];
      assert.ok(!left.some((i) => i.d.mine?.id === retype.id || i.d.mine?.id === reject.id), 'both adjudicated');
      assert.notEqual(api.store.get(uri)!.annotations.find((a) => a.id === reject.id)?.status, 'rejected', 'mine kept');
    } finally {
      // Put the folder back as it was: a retype is a decision every later test would learn from.
      await api.store.update(uri, retype);
      await vscode.commands.executeCommand('marginalia.stopComparing');
      rmSync(other, { recursive: true, force: true });
    }
  });

  test('Set Up Merging of Annotations registers the shipped merge driver in the open git repository', async () => {
    const git = vscode.extensions.getExtension<{ getAPI(v: 1): unknown }>('vscode.git');
    assert.ok(git, 'VS Code has its git extension');
    const root = workspaceFile('').fsPath;
    execFileSync('git', ['init', '-q'], { cwd: root });
    // The test harness turns git off for a calm workbench: on for this test, as a user has it.
    const config = vscode.workspace.getConfiguration('git');
    const before = config.inspect<boolean>('enabled')?.globalValue; // the harness's false, in user settings
    await config.update('enabled', true, vscode.ConfigurationTarget.Global);
    try {
      const exports = await git.activate();
      await waitFor(() => {
        try {
          return exports.getAPI(1);
        } catch {
          return undefined; // "Git model not found" until the extension has started on the new setting
        }
      }, 20_000, 'the git extension');
      const ok = await vscode.commands.executeCommand<boolean>('marginalia.setUpMerging');
      assert.equal(ok, true);
      assert.match(readFileSync(join(root, '.gitattributes'), 'utf8'), /^\*\.annotations\.json merge=marginalia$/m);
      const driver = await waitFor(() => {
        try {
          return execFileSync('git', ['config', 'merge.marginalia.driver'], { cwd: root, encoding: 'utf8' }).trim();
        } catch {
          return undefined;
        }
      }, 10_000, 'the driver in git config');
      assert.match(driver, /^node ".*dist\/merge-driver\.js" %O %A %B %P$/);
    } finally {
      await config.update('enabled', before, vscode.ConfigurationTarget.Global);
      // The .git folder stays (the workspace is a throw-away copy): git's explorer decorations
      // run `git check-ignore` on a 500 ms debounce, even after the repository is closed; with
      // .git gone that git exits at once and the write to its stdin throws EPIPE in this very
      // process, failing whichever test runs next. With git off again, wait for it to close.
      const off = vscode.workspace.getConfiguration('git').get<boolean>('enabled') !== true;
      if (off) await waitFor(() => {
        try {
          return (git.exports.getAPI(1) as { repositories: unknown[] }).repositories.length === 0 || undefined;
        } catch {
          return true; // no model: nothing open
        }
      }, 10_000, 'the git extension to close the repository');
      rmSync(join(root, '.gitattributes'), { force: true });
    }
  });
});
