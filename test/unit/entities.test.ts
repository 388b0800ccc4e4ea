import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeArticles, type AnalysisResult } from '../../src/core';
import { loadRecogniser } from '../../src/node/recogniser';
import { findNumbers, quantitiesAgree } from '../../src/core/entities/numbers';
import { findDates } from '../../src/core/entities/dates';
import { linkEntities } from '../../src/core/entities/aliases';
import { translitKey } from '../../src/core/text/normalize';

const run = (...texts: string[]): AnalysisResult =>
  analyzeArticles(texts.map((text, i) => ({ path: `a${i}.txt`, text })), { recogniser: loadRecogniser() });

test('titles and possessives are not part of names', () => {
  const r = run('Headline\nPresident Joe Biden warned Russia’s Vladimir Putin on Thursday.');
  const names = r.documents[0].entities.filter((e) => e.type === 'PERSON').map((e) => e.text);
  assert.ok(names.includes('Joe Biden'), names.join(', '));
  assert.ok(names.includes('Vladimir Putin'), names.join(', '));
  const places = r.documents[0].entities.filter((e) => e.type === 'PLACE').map((e) => e.text);
  assert.ok(places.includes('Russia'), `possessive trimmed: ${places.join(', ')}`);
});

test('a surname after the full name is the same person, across articles too', () => {
  const r = run('Headline\nJoe Biden spoke. Later Biden left.', 'Other\nMr Biden was tired.');
  const biden = r.entities.find((e) => e.name === 'Joe Biden');
  assert.ok(biden);
  assert.ok(biden.aliases.includes('Biden'));
  assert.deepEqual(biden.documents.sort(), ['a0.txt', 'a1.txt']);
});

test('Kremlin and White House are organisations', () => {
  const r = run('Headline\nThe Kremlin said the White House had called.');
  const types = Object.fromEntries(r.documents[0].entities.map((e) => [e.text, e.type]));
  assert.equal(types['Kremlin'], 'ORG');
  assert.equal(types['White House'], 'ORG');
});

test('alias linking: acronyms, dotted forms, transliterations, long forms', () => {
  const clusters = linkEntities([
    { text: 'NATO', type: 'ORG', doc: 0 }, { text: 'Nato', type: 'ORG', doc: 1 },
    { text: 'US', type: 'PLACE', doc: 0 }, { text: 'U.S.', type: 'PLACE', doc: 1 }, { text: 'United States', type: 'PLACE', doc: 2 },
    { text: 'Kyiv', type: 'PLACE', doc: 0 }, { text: 'Kiev', type: 'PLACE', doc: 1 },
    { text: 'Volodymyr Zelenskiy', type: 'PERSON', doc: 0 }, { text: 'Zelenskyy', type: 'PERSON', doc: 1 }, { text: 'Zelensky', type: 'PERSON', doc: 2 },
    { text: 'Yuri Ushakov', type: 'PERSON', doc: 0 }, { text: 'Yury Ushakov', type: 'PERSON', doc: 1 },
    { text: 'Organization for Security and Cooperation in Europe', type: 'ORG', doc: 0 }, { text: 'OSCE', type: 'ORG', doc: 1 },
    { text: 'Georgia', type: 'PLACE', doc: 0 },
  ]);
  const nameOf = (alias: string) => clusters.find((c) => c.name === alias || c.aliases.includes(alias))!.name;
  assert.equal(nameOf('Nato'), nameOf('NATO'));
  assert.equal(nameOf('U.S.'), 'United States');
  assert.equal(nameOf('US'), 'United States');
  assert.equal(nameOf('Kiev'), nameOf('Kyiv'));
  assert.equal(nameOf('Zelensky'), 'Volodymyr Zelenskiy');
  assert.equal(nameOf('Zelenskyy'), 'Volodymyr Zelenskiy');
  assert.equal(nameOf('Yury Ushakov'), nameOf('Yuri Ushakov'));
  assert.equal(nameOf('OSCE'), 'Organization for Security and Cooperation in Europe');
  assert.equal(nameOf('Georgia'), 'Georgia');
  assert.equal(nameOf('Nato'), 'NATO');
  assert.equal(clusters.length, 7);
});

test('transliteration key folds the usual romanisation variants and nothing more', () => {
  assert.equal(translitKey('Zelenskiy'), translitKey('Zelenskyy'));
  assert.equal(translitKey('Kyiv'), translitKey('Kiev'));
  assert.notEqual(translitKey('Biden'), translitKey('Bidon'));
});

test('numbers: counts, units, hedges, vague ranges', () => {
  const text = 'They moved an estimated 100,000 troops, tens of thousands of soldiers, a 50-minute call, 12% more, $5 billion, for almost an hour.';
  const n = findNumbers(text);
  const by = (s: string) => n.find((x) => text.slice(x.start, x.end) === s);
  // The hedge is not part of the span, but makes the figure approximate.
  assert.equal(by('100,000 troops')?.value, 100000);
  assert.equal(by('100,000 troops')?.unit, 'troops');
  assert.equal(by('100,000 troops')?.approximate, true);
  assert.equal(by('tens of thousands of soldiers')?.unit, 'troops');
  assert.equal(by('50-minute')?.unit, 'minutes');
  assert.equal(by('12%')?.unit, '%');
  assert.equal(by('$5 billion')?.value, 5e9);
  assert.equal(by('$5 billion')?.unit, 'USD');
  assert.ok(by('almost an hour'));
  // An estimated 100,000 is not "tens of thousands"; "almost an hour" agrees with 50 minutes.
  assert.equal(quantitiesAgree(by('100,000 troops')!, by('tens of thousands of soldiers')!), false);
  const call = findNumbers('50 minutes')[0];
  assert.equal(quantitiesAgree(by('almost an hour')!, call), true);
});

test('numbers: a number word ending another word is no number, and does not swallow the number after it', () => {
  // CoNLL-2003 train has "have undergone six years of training": `one` of `undergone` used to be matched, skipped, and
  // its unit `six` with it, so `six years` was lost; the same for `often hundreds of people`.
  const text = 'They have undergone six years of training, and often hundreds of people came; someone 5 said, COVID19 cases rose.';
  const spans = findNumbers(text).map((x) => text.slice(x.start, x.end));
  assert.ok(spans.includes('six years'), spans.join(' | '));
  assert.ok(spans.includes('hundreds of people'), spans.join(' | '));
  assert.ok(!spans.some((s) => /^(one|ten|19)\b/.test(s)), spans.join(' | '));
  // A currency sign may follow a letter or digit: `US$5 million`.
  assert.ok(findNumbers('aid of US$5 million').some((x) => x.value === 5e6 && x.unit === 'USD'));
});

test('dates: resolved against the article date, with ranges and bare years chrono misses', () => {
  const text = 'On Thursday they spoke; talks on January 9 and 10 and on Jan. 12, after the 2014 seizure.';
  const ref = new Date('2021-12-30T12:00:00Z');
  const d = findDates(text, { start: 0, end: text.length }, ref);
  const by = (s: string) => d.find((x) => text.slice(x.start, x.end) === s)?.value;
  assert.equal(by('Thursday'), '2021-12-30');
  assert.equal(by('January 9 and 10'), '2022-01-09/2022-01-10');
  assert.equal(by('Jan. 12'), '2022-01-12');
  assert.equal(by('2014'), '2014');
});
