import * as assert from './assert';
import { openArticle } from '../integration/helpers';

const SEED = '001_62bc780cabcabc76.txt';

suite('quotes view', () => {
  test('the Quotes view lists the open seed’s quotes by speaker', async () => {
    const { api } = await openArticle(SEED);
    const tree = api.views.quotes;
    const speakers = (await tree.getChildren()) as unknown[];
    assert.ok(speakers.length >= 3, `expected several speakers, got ${speakers.length}`);
    const labels = await Promise.all(speakers.map(async (s) => String((await tree.getTreeItem(s)).label)));
    assert.ok(labels.includes('Yuri Ushakov'), `speakers: ${labels.join(', ')}`);
    const quotes: string[] = [];
    for (const s of speakers) for (const q of (await tree.getChildren(s)) as unknown[]) quotes.push(String((await tree.getTreeItem(q)).label));
    assert.ok(quotes.some((l) => l.includes('Our experts say that the Russian Federation')), `quotes: ${quotes.join(' | ')}`);
  });
});
