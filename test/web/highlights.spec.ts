// Highlights: the editor really shows Marginalia's decorations in the web worker host. No API reads decorations back,
// so the runner looks at the workbench page (workbench.ts); toggling the highlights off proves they are Marginalia's.
import * as vscode from 'vscode';
import * as assert from './assert';
import { openArticle, waitFor } from '../integration/helpers';
import { probeDecorations, type DecorationProbe } from './workbench';

const SEED = '001_62bc780cabcabc76.txt';

suite('highlights', () => {
  test('the open seed article is highlighted, and Toggle Highlights takes them away and back', async () => {
    const { api, uri } = await openArticle(SEED);
    // The folder's pass may still replace the open article's first (provisional) result: the highlights compared
    // below, before and after the toggle, must both be of the final one.
    await api.store.idle();
    const kinds = new Set(api.store.get(uri)!.annotations.map((a) => (a.kind === 'entity' ? a.type : a.kind)));
    assert.ok(kinds.size >= 3, `expected several kinds of annotation, got ${[...kinds].join(', ')}`);

    const shown = (p: DecorationProbe) => p.tab === SEED && p.count > 0 && p.classes.length >= 3 && p;
    const on = await waitFor(async () => shown(await probeDecorations()), 20_000, 'highlights of several kinds in the editor');
    assert.ok(on.count >= 10, `only ${on.count} highlights rendered`);
    await probeDecorations('highlights'); // test-results/web-highlights.png

    await vscode.commands.executeCommand('marginalia.toggleHighlights');
    const off = await waitFor(async () => {
      const p = await probeDecorations();
      return p.count === 0 && p;
    }, 10_000, 'the highlights to go when toggled off');
    assert.equal(off.tab, SEED);

    await vscode.commands.executeCommand('marginalia.toggleHighlights');
    const again = await waitFor(async () => shown(await probeDecorations()), 10_000, 'the highlights to come back');
    assert.deepEqual(again.classes, on.classes);
  });
});
