import { test } from 'node:test';
import assert from 'node:assert/strict';
import { constrainTransitions, labelMargins, viterbi } from '../../src/core/ner/decode';
import { flattenFeatures, extractDocument, extractSecondPass, FEATURE_VERSION, mergeFeatures, wordInfo } from '../../src/core/ner/features';
import { MultiPassModel } from '../../src/core/ner/multipass';
import { createNerModel } from '../../src/core/ner/index';
import { allowedTransition, labelNames, labelsToSpans, makeLabel, NER_TYPES, PART_B, PART_I, PART_L, PART_U, spansToLabels } from '../../src/core/ner/labels';
import { LinearModel, quantise, type LinearWeights } from '../../src/core/ner/linear';
import { trainPerceptron } from '../../src/core/ner/train';
import { mulberry32 } from '../../src/core/random';

const L = 17;
const PER = 0;
const LOC = 2;

test('labels: BILOU encoding round trip and constraints', () => {
  assert.equal(labelNames(NER_TYPES).length, L);
  assert.equal(labelNames(NER_TYPES)[makeLabel(PER, PART_U)], 'U-PER');
  const y = spansToLabels(6, [{ start: 0, end: 2, type: PER }, { start: 3, end: 4, type: LOC }]);
  assert.deepEqual([...y], [makeLabel(PER, PART_B), makeLabel(PER, PART_L), 0, makeLabel(LOC, PART_U), 0, 0]);
  assert.deepEqual(labelsToSpans(y), [{ start: 0, end: 2, type: PER }, { start: 3, end: 4, type: LOC }]);
  assert.ok(allowedTransition(makeLabel(PER, PART_B), makeLabel(PER, PART_I)));
  assert.ok(!allowedTransition(makeLabel(PER, PART_B), makeLabel(LOC, PART_L)));
  assert.ok(!allowedTransition(0, makeLabel(PER, PART_I)));
  assert.ok(!allowedTransition(-1, makeLabel(PER, PART_L)));
});

test('viterbi: best path under BILOU constraints on hand-built scores', () => {
  const tr = constrainTransitions(L, new Float32Array(L * L), new Float32Array(L), new Float32Array(L));
  const n = 3;
  const em = new Float32Array(n * L);
  // Token 0 prefers I-PER (not allowed at the start), token 1 L-PER, token 2 O.
  em[0 * L + makeLabel(PER, PART_I)] = 5;
  em[0 * L + makeLabel(PER, PART_B)] = 4;
  em[1 * L + makeLabel(PER, PART_L)] = 5;
  em[2 * L + 0] = 1;
  const out = new Int8Array(n);
  const score = viterbi(em, n, tr, out);
  assert.deepEqual([...out], [makeLabel(PER, PART_B), makeLabel(PER, PART_L), 0]);
  assert.equal(score, 10);
  const margins = labelMargins(em, n, tr, out);
  assert.ok(margins.every((m) => m > 0));
  // Transition scores matter: a strong O → U-LOC bonus flips an ambiguous token.
  const trans = new Float32Array(L * L);
  trans[0 * L + makeLabel(LOC, PART_U)] = 3;
  const tr2 = constrainTransitions(L, trans, new Float32Array(L), new Float32Array(L));
  const em2 = new Float32Array(2 * L);
  em2[0] = 1;
  em2[L + 0] = 1;
  const out2 = new Int8Array(2);
  viterbi(em2, 2, tr2, out2);
  assert.deepEqual([...out2], [0, makeLabel(LOC, PART_U)]);
});

test('a tiny hand-built model tags raw text through recognise', () => {
  // One feature: the word "Paris" → U-LOC; the bias feature → O.
  const paris = wordInfo('Paris').groupKeys;
  const bias = paris[0];
  const wordKey = paris[1];
  const weights = new Float32Array(2 * L);
  weights[0 * L + 0] = 1; // bias → O
  weights[1 * L + makeLabel(LOC, PART_U)] = 5;
  const w: LinearWeights = {
    L, keys: Int32Array.from([bias, wordKey]), weights,
    trans: new Float32Array(L * L), start: new Float32Array(L), end: new Float32Array(L),
  };
  const model = createNerModel({ id: 'tiny', featureVersion: FEATURE_VERSION, types: [...NER_TYPES], passes: [w], scoreScale: 1 });
  const text = 'We love Paris.\r\nParis loves us.';
  const spans = model.recognise(text, [{ start: 0, end: 14 }, { start: 16, end: text.length }]);
  assert.deepEqual(spans.map((s) => [text.slice(s.start, s.end), s.type]), [['Paris', 'LOC'], ['Paris', 'LOC']]);
  assert.ok(spans.every((s) => s.score! > 0.5 && s.score! <= 1));
});

test('the tagging-time scorer gives the same emissions as the flat-feature path used in training', () => {
  const doc = [['Boris', 'Johnson', 'visited', 'Paris', '.'], ['Johnson', 'left', '.']];
  const base = extractDocument(doc);
  // Random weights on every feature of the document, two passes.
  const keys = new Set<number>();
  for (const f of base) for (const k of flattenFeatures(f).keys) keys.add(k);
  const extra = extractSecondPass(doc, base.map((f) => new Int8Array(f.offsets.length - 1)));
  for (const f of extra) for (const k of f.keys) keys.add(k);
  const r = mulberry32(3);
  const mk = (): LinearWeights => ({
    L, keys: Int32Array.from(keys), weights: Float32Array.from({ length: keys.size * L }, () => r() - 0.5),
    trans: new Float32Array(L * L), start: new Float32Array(L), end: new Float32Array(L),
  });
  const w1 = quantise(mk());
  const w2 = quantise(mk());
  const mp = new MultiPassModel([w1, w2]);
  base.forEach((f, si) => {
    const prep = mp.prepare(f);
    const flat = flattenFeatures(f);
    const nL = (f.offsets.length - 1) * L;
    const a = (x: Float32Array) => [...x.subarray(0, nL)];
    assert.deepEqual(a(mp.emissions(0, prep)), a(new LinearModel(w1).emissionsFlat(flat)));
    assert.deepEqual(a(mp.emissions(1, prep, extra[si])), a(new LinearModel(w2).emissionsFlat(mergeFeatures(flat, extra[si]))));
  });
});

test('a residual second pass adds its extra features to the first pass scores', () => {
  const doc = [['Boris', 'Johnson', 'visited', 'Paris', '.'], ['Johnson', 'left', '.']];
  const base = extractDocument(doc);
  const extra = extractSecondPass(doc, base.map((f) => new Int8Array(f.offsets.length - 1)));
  const baseKeys = new Set<number>();
  for (const f of base) for (const k of flattenFeatures(f).keys) baseKeys.add(k);
  const extraKeys = new Set<number>();
  for (const f of extra) for (const k of f.keys) extraKeys.add(k);
  const r = mulberry32(5);
  const mk = (keys: Set<number>, residual: boolean): LinearWeights => ({
    L, keys: Int32Array.from(keys), weights: Float32Array.from({ length: keys.size * L }, () => r() - 0.5),
    trans: new Float32Array(L * L), start: new Float32Array(L), end: new Float32Array(L), residual,
  });
  const w1 = quantise(mk(baseKeys, false));
  const w2 = quantise(mk(extraKeys, true));
  const mp = new MultiPassModel([w1, w2]);
  assert.deepEqual(mp.residual, [false, true]);
  base.forEach((f, si) => {
    const prep = mp.prepare(f);
    const nL = (f.offsets.length - 1) * L;
    const first = mp.emissions(0, prep).slice(0, nL);
    const second = mp.emissions(1, prep, extra[si], first).slice(0, nL);
    const own = new LinearModel(w2).emissionsFlat(extra[si]);
    for (let i = 0; i < nL; i++) assert.ok(Math.abs(second[i] - (first[i] + own[i])) < 1e-4);
  });
  // A residual model round-trips through createNerModel and tags.
  const model = createNerModel({ id: 'resid', featureVersion: FEATURE_VERSION, types: [...NER_TYPES], passes: [w1, w2], scoreScale: 1 });
  assert.ok(Array.isArray(model.recognise('Boris Johnson visited Paris.', [{ start: 0, end: 28 }])));
});

test('trainPerceptron learns a toy tagging task and is deterministic', () => {
  const names = ['Alice', 'Boris', 'Chen', 'Dmitri', 'Elena'];
  const places = ['Paris', 'Oslo', 'Lima', 'Kyiv', 'Accra'];
  const sents: { tokens: string[]; gold: Int8Array }[] = [];
  for (const n of names) for (const p of places) {
    sents.push({ tokens: [n, 'visited', p, '.'], gold: Int8Array.from([makeLabel(PER, PART_U), 0, makeLabel(LOC, PART_U), 0]) });
  }
  const data = sents.map((s) => ({ feats: flattenFeatures(extractDocument([s.tokens])[0]), gold: s.gold }));
  const w1 = trainPerceptron(data, { L, epochs: 3, seed: 7 });
  const w2 = trainPerceptron(data, { L, epochs: 3, seed: 7 });
  assert.deepEqual(w1.weights, w2.weights);
  const model = createNerModel({ id: 'toy', featureVersion: FEATURE_VERSION, types: [...NER_TYPES], passes: [w1], scoreScale: 1 });
  const text = 'Boris visited Lima.';
  const spans = model.recognise(text, [{ start: 0, end: text.length }]);
  assert.deepEqual(spans.map((s) => [text.slice(s.start, s.end), s.type]), [['Boris', 'PER'], ['Lima', 'LOC']]);
});
