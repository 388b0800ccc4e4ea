import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  CAP_ALL, CAP_INIT, CAP_LOWER, CAP_MIXED, CAP_NONE, extractDocument, extractSecondPass, flattenFeatures, GROUP_START, mergeFeatures,
  wordInfo, wordShape,
} from '../../src/core/ner/features';
import { combine, hashString } from '../../src/core/ner/hash';

test('wordShape: long and short shapes, capitalisation classes', () => {
  assert.deepEqual(wordShape('Putin'), { shape: 'Xxxxx', short: 'Xx', cap: CAP_INIT, letters: 5 });
  assert.deepEqual(wordShape('Washington').shape, 'Xxxxx');
  assert.equal(wordShape('U.S.').shape, 'X.X.');
  assert.equal(wordShape('1996-08-22').shape, 'dddd-dd-dd');
  assert.equal(wordShape('1996-08-22').short, 'd-d-d');
  assert.equal(wordShape('NATO').cap, CAP_ALL);
  assert.equal(wordShape('iPhone').cap, CAP_MIXED);
  assert.equal(wordShape('said').cap, CAP_LOWER);
  assert.equal(wordShape('1,000').cap, CAP_NONE);
  assert.equal(wordShape('Łódź').shape, 'Xxxx');
  assert.equal(wordShape('𝐁').letters, 1);
});

test('hash: deterministic, order-sensitive combination', () => {
  assert.equal(hashString('Putin'), hashString('Putin'));
  assert.notEqual(hashString('Putin'), hashString('putin'));
  assert.notEqual(combine(1, 2), combine(2, 1));
});

test('wordInfo: normalised forms and word-only feature groups', () => {
  const a = wordInfo('Putin’s');
  const b = wordInfo("Putin's");
  assert.equal(a.w, b.w, 'curly and straight apostrophes give the same features');
  assert.deepEqual(a.groupKeys, b.groupKeys);
  assert.deepEqual(wordInfo('US').groupKeys, wordInfo('U.S.').groupKeys, 'US is read as U.S.');
  const uk1 = wordInfo('U.K.');
  const uk2 = wordInfo('UK');
  assert.notEqual(uk1.w, uk2.w);
  assert.ok(uk1.groupKeys.slice(0, GROUP_START[1]).some((k) => k !== 0 && uk2.groupKeys.includes(k)), 'U.K. and UK share the dotless-word feature');
  assert.equal(a.groupKeys.length, GROUP_START[5]);
});

test('extractDocument: per-token keys, context dependence, flattening', () => {
  const doc = [['President', 'Joe', 'Biden', 'spoke', '.'], ['Biden', 'left', '.']];
  const f = extractDocument(doc);
  assert.equal(f.length, 2);
  assert.equal(f[0].offsets.length, 6);
  assert.equal(f[0].padded.length, 5 + 4);
  const flat = flattenFeatures(f[0]);
  assert.equal(flat.offsets.length, 6);
  // Every token has at least its word features plus context features.
  for (let i = 0; i < 5; i++) assert.ok(flat.offsets[i + 1] - flat.offsets[i] > 20);
  // Same word, different context: shared word features, different context features.
  const flat2 = flattenFeatures(f[1]);
  const keysOf = (x: typeof flat, i: number) => new Set(x.keys.subarray(x.offsets[i], x.offsets[i + 1]));
  const biden1 = keysOf(flat, 2);
  const biden2 = keysOf(flat2, 0);
  const shared = [...biden1].filter((k) => biden2.has(k));
  assert.ok(shared.length >= 10);
  assert.ok(shared.length < biden1.size);
  // Deterministic.
  assert.deepEqual(flattenFeatures(extractDocument(doc)[0]).keys, flat.keys);
});

test('extractDocument: headline and document-case features depend on the document', () => {
  const headline = [['PUTIN', 'WARNS', 'NATO']];
  const withBody = [['PUTIN', 'WARNS', 'NATO'], ['Later', ',', 'Putin', 'spoke', 'to', 'NATO', '.']];
  const a = flattenFeatures(extractDocument(headline)[0]);
  const b = flattenFeatures(extractDocument(withBody)[0]);
  assert.notDeepEqual(a.keys, b.keys, 'the body text changes the headline features');
});

test('extractSecondPass and mergeFeatures', () => {
  const doc = [['Joe', 'Biden', 'spoke', '.'], ['Biden', 'left', '.']];
  const none = [new Int8Array(4), new Int8Array(3)];
  // B-PER L-PER for "Joe Biden" (labels: 1 + 0*4 + part).
  const per = [Int8Array.from([1, 3, 0, 0]), new Int8Array(3)];
  const a = extractSecondPass(doc, none);
  const b = extractSecondPass(doc, per);
  const keys = (x: typeof a[0], i: number) => [...x.keys.subarray(x.offsets[i], x.offsets[i + 1])];
  assert.notDeepEqual(keys(a[1], 0), keys(b[1], 0), 'the later "Biden" sees the earlier PER span');
  const base = flattenFeatures(extractDocument(doc)[1]);
  const merged = mergeFeatures(base, b[1]);
  assert.equal(merged.keys.length, base.keys.length + b[1].keys.length);
  assert.equal(merged.offsets.length, base.offsets.length);
});
