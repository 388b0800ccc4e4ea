import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { analyzeArticles, FolderAnalyzer, type DocumentResult } from '../../src/core';
import { loadRecogniser } from '../../src/node/recogniser';

const seeds = resolve(__dirname, '../../../seeds');
const files = readdirSync(seeds).filter((f) => f.endsWith('.txt')).sort();
const texts = files.map((f) => readFileSync(join(seeds, f), 'utf8'));
const recogniser = loadRecogniser();

/** What the editor shows: entity spans and types, quote spans and speakers, claim spans. */
function view(d: DocumentResult) {
  return {
    entities: d.entities.map((e) => `${e.start}:${e.end}:${e.type}:${e.text}`),
    quotes: d.quotes.map((q) => `${q.start}:${q.end}:${q.speaker?.name ?? '-'}`),
    claims: d.claims.map((c) => `${c.start}:${c.end}`),
  };
}

function edited(text: string, at: number, del: number, insert: string) {
  return text.slice(0, at) + insert + text.slice(at + del);
}

test('a patched article matches a full analysis of the edited text', () => {
  const folder = new FolderAnalyzer({ recogniser });
  files.forEach((f, i) => folder.setArticle(f, texts[i]));
  folder.result();
  const path = files[1];
  let text = texts[1];
  const edits: [number, number, string][] = [
    [text.indexOf('Putin reacted strongly.'), 0, 'Meanwhile, Jen Psaki said the talks were “useful and frank,” she added. '],
    [text.indexOf('Mr. Putin requested'), 'Mr. Putin requested'.length, 'Vladimir Putin asked for'],
    [text.indexOf('\n\nThe Russian request'), 0, '\n\nA new paragraph about Geneva and NATO on January 12.'],
  ];
  for (const [at, del, ins] of edits) {
    text = edited(text, at, del, ins);
    folder.setArticle(path, text);
    const patched = folder.documentResult(path)!;
    const full = analyzeArticles(files.map((f, i) => ({ path: f, text: f === path ? text : texts[i] })), { recogniser }).documents[1];
    assert.deepEqual(view(patched), view(full));
    for (const e of patched.entities) assert.equal(text.slice(e.start, e.end), e.text);
    for (const q of patched.quotes) assert.equal(text.slice(q.start, q.end), q.text);
  }
});

test('deleting a paragraph drops its annotations and shifts the rest; the folder\'s facts follow', () => {
  const folder = new FolderAnalyzer({ recogniser });
  files.forEach((f, i) => folder.setArticle(f, texts[i]));
  const path = files[3];
  const before = folder.documentResult(path)!;
  const factsBefore = folder.result().facts;
  const para = 'Mr Biden and administrative officials also plan to consult with European allies after the President speaks with Mr Putin.\n\n';
  const at = texts[3].indexOf(para);
  assert.ok(at > 0);
  const text = edited(texts[3], at, para.length, '');
  folder.setArticle(path, text);
  const after = folder.documentResult(path)!;
  assert.equal(after.entities.length, before.entities.length - before.entities.filter((e) => e.start >= at && e.end <= at + para.length).length);
  for (const e of after.entities) assert.equal(text.slice(e.start, e.end), e.text);
  assert.equal(folder.stale, true);
  // The folder's facts are those of a full analysis of the edited folder: the claims after the deleted
  // paragraph moved with it, in the facts too.
  const facts = folder.result().facts;
  assert.equal(folder.stale, false);
  const full = analyzeArticles(files.map((f, i) => ({ path: f, text: i === 3 ? text : texts[i] })), { recogniser });
  assert.deepEqual(facts, full.facts);
  const moved = factsBefore.flatMap((f) => f.claims).filter((c) => c.path === path && c.start >= at + para.length);
  assert.ok(moved.length > 0, 'a claim after the deleted paragraph belongs to a fact');
  for (const c of moved) {
    assert.ok(facts.some((f) => f.claims.some((x) => x.path === path && x.start === c.start - para.length && x.text === c.text)), `"${c.text}" moved with the text`);
  }
});

test('new corrections re-analyse the folder; the same ones do not', () => {
  const folder = new FolderAnalyzer({ recogniser });
  folder.setArticle('a.txt', texts[3]);
  assert.ok(folder.documentResult('a.txt')!.entities.some((e) => e.text === 'Ned Price'));
  const same = folder.result();
  folder.setOptions({ recogniser });
  assert.equal(folder.result(), same, 'unchanged options keep the analysis');
  folder.setOptions({ recogniser, corrections: { rejected: new Set(['Ned Price']), accepted: new Map(), merges: new Map() } });
  assert.equal(folder.stale, true);
  assert.ok(!folder.documentResult('a.txt')!.entities.some((e) => e.text === 'Ned Price'));
});
