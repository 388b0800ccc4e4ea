import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { openArticle } from './helpers';

const SEED = '001_62bc780cabcabc76.txt';

async function labels(tree: vscode.TreeDataProvider<unknown>, node?: unknown): Promise<{ node: unknown; item: vscode.TreeItem }[]> {
  const children = ((await tree.getChildren(node as never)) ?? []) as unknown[];
  return Promise.all(children.map(async (n) => ({ node: n, item: await tree.getTreeItem(n as never) })));
}

suite('side bar views', () => {
  test('Claims: facts across articles, the troop count and the Geneva dates flagged with their values', async () => {
    const { api } = await openArticle(SEED);
    const facts = await labels(api.views.claims);
    assert.ok(facts.length >= 5, `only ${facts.length} facts`);
    const flagged = facts.filter((f) => (f.item.iconPath as vscode.ThemeIcon).id === 'warning');
    const text = flagged.map((f) => String(f.item.description)).join(' | ');
    assert.match(text, /100,000/);
    assert.match(text, /tens of thousands/);
    assert.match(text, /January 9/);
    // Expanding a fact shows each article's wording; clicking reveals it.
    const claims = await labels(api.views.claims, flagged[0].node);
    assert.ok(claims.length >= 2);
    assert.equal(claims[0].item.command?.command, 'marginalia.revealAnnotation');
    // The call's length: "50 minutes" in some articles, "almost an hour" in others. One fact, and no discrepancy.
    // (The tooltip is Markdown whose spaces are &nbsp;: read the label, and the tooltip with its spaces back.)
    const said = (f: { item: vscode.TreeItem }) => `${String(f.item.label)} ${JSON.stringify(f.item.tooltip).replace(/&nbsp;/g, ' ')}`;
    const call = facts.find((f) => /spoke .*for 50 minutes|50-minute call/.test(said(f)));
    assert.ok(call, `no fact about the 50-minute call among: ${facts.map((f) => String(f.item.label)).join(' | ')}`);
    assert.notEqual((call.item.iconPath as vscode.ThemeIcon).id, 'warning', 'the 50-minute call is not a discrepancy');
    assert.ok((await labels(api.views.claims, call.node)).length >= 2, 'the call fact holds the claims of two articles or more');
    // Two sentences can state two facts (a date, and more in other words): the rows say what each agrees on, so no
    // two rows read alike. The seeds have such pairs (Geneva in June; Crimea in 2014).
    const rows = facts.map((f) => `${String(f.item.label)} · ${String(f.item.description)}`);
    assert.deepEqual(rows.filter((r, i) => rows.indexOf(r) !== i), [], 'two fact rows read the same');
    assert.ok(rows.some((r) => / · 2 articles · agree: 2014$/.test(r)), `no fact says its articles agree on 2014: ${rows.join(' | ')}`);
    assert.ok(rows.some((r) => /worded alike$/.test(r)), 'no fact found by its wording');
  });

  test('Claims grouped by article', async () => {
    const { api } = await openArticle(SEED);
    await vscode.commands.executeCommand('marginalia.claimsByArticle');
    const articles = await labels(api.views.claims);
    assert.equal(articles.length, 5);
    assert.ok(articles.some((a) => a.item.label === SEED));
    await vscode.commands.executeCommand('marginalia.claimsByFact');
  });

  test('Entities: by type, then entity with aliases, then mentions across articles', async () => {
    const { api } = await openArticle(SEED);
    const types = await labels(api.views.entities);
    assert.deepEqual(types.map((t) => t.item.label), ['People', 'Organisations', 'Places']);
    const people = await labels(api.views.entities, types[0].node);
    const putin = people.find((p) => p.item.label === 'Vladimir Putin');
    assert.ok(putin, people.map((p) => p.item.label).join(', '));
    assert.match(String(putin.item.description), /5 articles/);
    const mentions = await labels(api.views.entities, putin.node);
    assert.equal(new Set(mentions.map((m) => m.item.label)).size, 5);
  });

  test('Quotes grouped by article and filtered by tag', async () => {
    const { api } = await openArticle(SEED);
    await vscode.commands.executeCommand('marginalia.quotesByArticle');
    const groups = await labels(api.views.quotes);
    assert.ok(groups.length >= 4, groups.map((g) => g.item.label).join(', '));
    await vscode.commands.executeCommand('marginalia.quotesBySpeaker');
    await vscode.commands.executeCommand('marginalia.filterQuotesByTag', 'no-such-tag');
    assert.equal((await labels(api.views.quotes)).length, 0);
    await vscode.commands.executeCommand('marginalia.filterQuotesByTag', null);
    assert.ok((await labels(api.views.quotes)).length > 0);
  });

  test('the status bar counts the active article', async () => {
    const { api } = await openArticle(SEED);
    assert.match(api.statusBar.text, /\d+ entities · \d+ quotes · \d+ claims/);
    assert.equal(api.statusBar.command, 'workbench.view.extension.marginalia');
  });
});
