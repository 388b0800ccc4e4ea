import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { hoverText, openArticle, waitFor, workspaceFile } from './helpers';

const SEED = '003_ae77686d60527716.txt';
const decoder = new TextDecoder();

suite('verdicts on claims', () => {
  test('Rate Claim… stores the verdict and review on the claim: sidecar, Claims view, hover, filter and ClaimReview export', async () => {
    const { api, uri, editor } = await openArticle(SEED);
    const state = api.store.get(uri)!;
    const claim = [...state.result.claims].sort((a, b) => b.score - a.score)[0];
    assert.ok(claim, 'the seed has claims');
    await vscode.commands.executeCommand('marginalia.rateClaim', { uri: uri.toString(), start: claim.start, end: claim.end, verdict: 'Mostly false', note: 'Checked against <b>two</b> wires.' });

    // Saved in the sidecar on the claim's annotation.
    const file = workspaceFile(`${SEED}.annotations.json`);
    const saved = await waitFor(async () => {
      try {
        const data = JSON.parse(decoder.decode(await vscode.workspace.fs.readFile(file)));
        return data.annotations.find((a: { kind: string; verdict?: string }) => a.kind === 'claim' && a.verdict);
      } catch {
        return undefined;
      }
    }, 10_000, 'the verdict in the sidecar');
    assert.equal(saved.verdict, 'Mostly false');
    assert.equal(saved.note, 'Checked against <b>two</b> wires.');
    assert.equal(saved.target.start, claim.start);

    // The Claims view (by article) shows it, and the verdict filter keeps only rated claims.
    await vscode.commands.executeCommand('marginalia.claimsByArticle');
    const tree = api.views.claims;
    const articles = (await tree.getChildren()) as unknown[];
    const labels = async (nodes: unknown[]) => Promise.all(nodes.map(async (n) => (await tree.getTreeItem(n)).description));
    const mine = await (async () => {
      for (const a of articles) if ((await tree.getTreeItem(a)).resourceUri?.toString() === uri.toString()) return a;
      return undefined;
    })();
    assert.ok(mine, 'the article is listed');
    const descriptions = await labels((await tree.getChildren(mine)) as unknown[]);
    assert.ok(descriptions.some((d) => String(d).startsWith('Mostly false · ')), descriptions.join(' | '));
    await vscode.commands.executeCommand('marginalia.filterClaimsByVerdict', 'Mostly false');
    const filtered = (await tree.getChildren()) as unknown[];
    assert.equal(filtered.length, 1, 'only the rated article');
    assert.equal(((await tree.getChildren(filtered[0])) as unknown[]).length, 1, 'only the rated claim');
    await vscode.commands.executeCommand('marginalia.filterClaimsByVerdict', null);
    await vscode.commands.executeCommand('marginalia.claimsByFact');

    // The hover anywhere in the claim names the verdict, with the article's text escaped.
    const words = state.text.slice(claim.start, claim.end);
    const plainWord = /\b[a-z]{4,}\b/.exec(words);
    assert.ok(plainWord, 'a lower-case word in the claim');
    const at = editor.document.positionAt(claim.start + plainWord.index + 1);
    const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, at)) ?? [];
    const text = hoverText(hovers);
    assert.match(text, /Verdict:\*? Mostly false/);
    assert.ok(!text.includes('<b>') && text.includes('&lt;b'), `the note is escaped: ${text}`);

    // Exported as ClaimReview through the editor's export, with the publisher and URL template from the settings.
    const config = vscode.workspace.getConfiguration('marginalia');
    await config.update('publisher', 'Example Checks', vscode.ConfigurationTarget.Workspace);
    await config.update('reviewUrlTemplate', 'https://checks.example/review/{id}', vscode.ConfigurationTarget.Workspace);
    const target = workspaceFile('reviews.jsonld');
    try {
      const result = await vscode.commands.executeCommand<{ annotations: number }>('marginalia.exportAnnotations', { format: 'claimreview', scope: 'folder', target });
      assert.equal(result?.annotations, 1);
      const doc = JSON.parse(decoder.decode(await vscode.workspace.fs.readFile(target)));
      assert.equal(doc['@graph'][0].reviewRating.alternateName, 'Mostly false');
      assert.equal(doc['@graph'][0].author.name, 'Example Checks');
      assert.match(doc['@graph'][0].url, /^https:\/\/checks\.example\/review\//);
    } finally {
      await config.update('publisher', undefined, vscode.ConfigurationTarget.Workspace);
      await config.update('reviewUrlTemplate', undefined, vscode.ConfigurationTarget.Workspace);
      await vscode.workspace.fs.delete(target).then(undefined, () => undefined);
      // Clear the verdict again so other tests see the seed as it was.
      await vscode.commands.executeCommand('marginalia.rateClaim', { uri: uri.toString(), start: claim.start, end: claim.end, verdict: '', note: '' });
    }
  });
});
