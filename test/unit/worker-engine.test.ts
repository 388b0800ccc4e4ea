// The analysis worker's engine (src/worker/engine.ts) driven by its messages, in this thread: what the desktop and
// browser workers run. The extension-host tests (test/integration/worker-checks.ts) run the real workers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeArticles, compromiseRecogniser, noCorrections } from '../../src/core';
import { annotationAt, mergeWithDisk } from '../../src/core/sidecar';
import { AnalysisEngine } from '../../src/worker/engine';
import type { FromWorker } from '../../src/worker/protocol';
import { ann, annotator } from './fixtures';

const A = 'Talks in Geneva\n\n“We are ready,” said Joe Biden in Geneva on Thursday. The Kremlin said nothing.\n';
const B = 'Moscow\n\nVladimir Putin met Joe Biden. “It went well,” Putin said on Friday.\n';

/** An engine whose messages are collected; the tagger bytes are absent, so its recogniser is 'none'. */
function engine() {
  const got: FromWorker[] = [];
  // Acknowledged as the host does once a result message is applied.
  const e: AnalysisEngine = new AnalysisEngine((m) => {
    got.push(m);
    if (m.type === 'articles' || m.type === 'folder' || m.type === 'cancelled') queueMicrotask(() => e.handle({ type: 'ack' }));
  });
  e.handle({ type: 'sync', set: [{ path: 'a.txt', text: A, version: 1 }, { path: 'b.txt', text: B, version: 1 }], remove: [], corrections: noCorrections() });
  const settled = (id: number) => new Promise<FromWorker>((resolve) => {
    const poll = () => {
      const m = got.find((x) => (x.type === 'folder' && x.last && x.id === id) || (x.type === 'cancelled' && x.id === id));
      if (m) resolve(m);
      else setTimeout(poll, 1);
    };
    poll();
  });
  return { e, got, settled };
}

test('the engine\'s folder pass is the in-thread analysis, article by article, with the open article sent first', async () => {
  const { e, got, settled } = engine();
  e.handle({ type: 'analyze', id: 1, first: ['b.txt'] });
  await settled(1);
  const expected = analyzeArticles([{ path: 'a.txt', text: A }, { path: 'b.txt', text: B }], { recogniser: { id: 'none', recognise: () => [] }, corrections: noCorrections() });
  const articles = got.flatMap((m) => (m.type === 'articles' ? m.articles.map((a) => ({ ...a, provisional: m.provisional })) : []));
  assert.equal(articles[0].path, 'b.txt', 'the open article comes first');
  assert.equal(articles[0].provisional, true);
  const final = articles.filter((a) => !a.provisional);
  assert.deepEqual(final.map((a) => a.result), expected.documents);
  const folder = got.filter((m) => m.type === 'folder');
  assert.deepEqual(folder.flatMap((m) => m.entities), expected.entities);
  assert.deepEqual(folder.flatMap((m) => m.facts), expected.facts);
});

test('the engine: a cancel ends the pass under way; an edit comes back at once with its version', async () => {
  const { e, got, settled } = engine();
  e.handle({ type: 'analyze', id: 1, first: [] });
  e.handle({ type: 'cancel', id: 1 });
  assert.equal((await settled(1)).type, 'cancelled');
  e.handle({ type: 'edit', article: { path: 'a.txt', text: A.replace('Joe Biden', 'Angela Merkel'), version: 2 } });
  const edit = got.find((m) => m.type === 'articles' && m.id === null);
  assert.ok(edit && edit.type === 'articles');
  assert.equal(edit.articles[0].version, 2);
  assert.ok(edit.articles[0].result.quotes.some((q) => q.speaker?.name.includes('Merkel')), JSON.stringify(edit.articles[0].result.quotes));
});

test('the engine uses the tagger it is given and says which', async () => {
  assert.ok(compromiseRecogniser.id);
  const { e, got, settled } = engine();
  e.handle({ type: 'analyze', id: 1, first: [] });
  await settled(1);
  assert.deepEqual(got.filter((m) => m.type === 'recogniser'), [{ type: 'recogniser', id: 'none' }]);
});

test('mergeWithDisk: the newer side of an annotation wins; one changed on both sides since loading is kept twice', () => {
  const old = annotator({ created: '2026-01-01T00:00:00.000Z', modified: '2026-01-01T00:00:00.000Z' });
  const later = annotator({ created: '2026-01-01T00:00:00.000Z', modified: '2026-02-01T00:00:00.000Z' });
  const between = annotator({ created: '2026-01-01T00:00:00.000Z', modified: '2026-01-15T00:00:00.000Z' });
  const mine = [old(A, 'e1', 'Geneva', { status: 'accepted', origin: 'user' }), later(A, 'q1', 'We are ready,', { kind: 'quote', tags: ['mine'], origin: 'user' })];
  const disk = [later(A, 'e1', 'Geneva', { status: 'rejected', origin: 'user' }), between(A, 'q1', 'We are ready,', { kind: 'quote', tags: ['theirs'], origin: 'user' }), ann(A, 'e2', 'Kremlin')];
  const merged = mergeWithDisk(mine, disk);
  const by = new Map(merged.annotations.map((a) => [a.id, a]));
  assert.equal(by.get('e1')!.status, 'rejected', 'the disk side is newer');
  assert.deepEqual(by.get('q1')!.tags, ['mine'], 'mine is newer: kept');
  assert.deepEqual(merged.conflicts, ['q1'], 'the disk side changed too since it was loaded: a conflict');
  assert.deepEqual(by.get('q1-conflict')!.tags, ['theirs']);
  assert.match(by.get('q1-conflict')!.note ?? '', /conflicting copy from disk/);
  assert.ok(by.has('e2'), 'an annotation only on disk is added');
  assert.equal(mine[0].status, 'accepted', 'the held annotations are not changed in place');
  assert.equal(annotationAt(merged.annotations, A.indexOf('Geneva') + 1)?.id, 'e1');
});

test('results waiting for the host are built when sent, from the text they were made from, not from a newer edit', async () => {
  const got: FromWorker[] = [];
  const e = new AnalysisEngine((m) => got.push(m));
  // Enough articles for more result messages than the worker sends before the host acknowledges one.
  const texts = Array.from({ length: 14 }, (_, i) => ({ path: `p${String(i).padStart(2, '0')}.txt`, text: `Report ${i}\n\nJoe Biden met Vladimir Putin in Geneva.\n`, version: 1 }));
  e.handle({ type: 'sync', set: texts, remove: [], corrections: noCorrections() });
  e.handle({ type: 'analyze', id: 1, first: [] });
  const sent = () => got.filter((m) => m.type === 'articles' || m.type === 'folder').length;
  while (sent() < 4) await new Promise((r) => setTimeout(r, 1));
  // The host has acknowledged nothing: the last article's result is queued, not sent. Now it is edited.
  const last = texts[texts.length - 1];
  const edited = `Edited\n\n${last.text}`;
  e.handle({ type: 'edit', article: { path: last.path, text: edited, version: 2 } });
  for (let i = 0; i < 20; i++) {
    e.handle({ type: 'ack' });
    await new Promise((r) => setTimeout(r, 1));
  }
  const outcomes = got.flatMap((m) => (m.type === 'articles' ? m.articles : [])).filter((a) => a.path === last.path);
  const fromPass = outcomes.find((a) => a.version === 1);
  const fromEdit = outcomes.find((a) => a.version === 2);
  assert.ok(fromPass && fromEdit, 'the folder pass\'s outcome and the edit\'s both reach the host');
  for (const [o, text] of [[fromPass, last.text], [fromEdit, edited]] as const) {
    assert.ok(o.suggestions.length > 0);
    for (const s of o.suggestions) assert.equal(text.slice(s.target.start, s.target.end), s.target.exact, `version ${o.version}: each suggestion is placed in its own text`);
  }
  assert.ok(got.findIndex((m) => m.type === 'articles' && m.articles.includes(fromEdit)) < got.findIndex((m) => m.type === 'articles' && m.articles.includes(fromPass)), 'the edit jumps the queue');
});
