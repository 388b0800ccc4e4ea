import * as vscode from 'vscode';
import * as assert from './assert';
import { openArticle, workspaceFile } from '../integration/helpers';

const SEED = '001_62bc780cabcabc76.txt';
const decoder = new TextDecoder();

interface QuoteNode { kind: 'quote'; annotation: { target: { exact: string } } }

suite('tagging and saving', () => {
  test('a quote tagged from the Quotes view is saved with its tags in the sidecar (workspace.fs)', async () => {
    const { api } = await openArticle(SEED);
    const tree = api.views.quotes;
    // The tree node the view's Tag… action passes to the command.
    let node: QuoteNode | undefined;
    for (const s of (await tree.getChildren()) as unknown[]) {
      for (const q of (await tree.getChildren(s)) as QuoteNode[]) if (q.annotation.target.exact.startsWith('Our experts say')) node = q;
    }
    assert.ok(node, 'the Danilov quote is not in the Quotes view');
    await vscode.commands.executeCommand('marginalia.tagQuote', node, ['disputed', 'web-worker']);
    await vscode.commands.executeCommand('marginalia.saveAnnotations');

    const raw = decoder.decode(await vscode.workspace.fs.readFile(workspaceFile(`${SEED}.annotations.json`)));
    const data = JSON.parse(raw) as { version: number; annotations: { kind: string; tags?: string[]; target: { exact: string } }[] };
    assert.equal(data.version, 1);
    const saved = data.annotations.find((a) => a.kind === 'quote' && a.target.exact.startsWith('Our experts say'));
    assert.ok(saved, 'the tagged quote is not in the sidecar');
    assert.deepEqual(saved.tags, ['disputed', 'web-worker']);
  });
});
