import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { openArticle } from './helpers';

const SEED = '001_62bc780cabcabc76.txt';

suite('quotes view', () => {
  test('the Marginalia view container and Quotes view are contributed', () => {
    const pkg = vscode.extensions.getExtension('marginalia.marginalia')!.packageJSON;
    assert.equal(pkg.contributes.viewsContainers.activitybar[0].id, 'marginalia');
    assert.ok(pkg.contributes.views.marginalia.some((v: { id: string }) => v.id === 'marginalia.quotes'));
  });

  test('the tree lists the open seed’s quotes grouped by speaker', async () => {
    const { api } = await openArticle(SEED);
    const tree = api.views.quotes;
    const speakers = (await tree.getChildren()) as unknown[];
    assert.ok(speakers.length >= 3, `expected several speakers, got ${speakers.length}`);
    const labels = await Promise.all(speakers.map(async (s) => (await tree.getTreeItem(s)).label));
    assert.ok(labels.includes('Yuri Ushakov'), `speakers: ${labels.join(', ')}`);
    const all: string[] = [];
    for (const s of speakers) for (const q of ((await tree.getChildren(s)) as unknown[])) all.push(String((await tree.getTreeItem(q)).label));
    assert.ok(all.some((l) => l.includes('Our experts say that the Russian Federation')), `quotes: ${all.join(' | ')}`);
  });
});
