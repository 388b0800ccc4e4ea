import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FEATURE_VERSION } from '../../src/core/ner/features';
import { createNerModel, loadNerModel } from '../../src/core/ner/index';
import { quantise, type LinearWeights } from '../../src/core/ner/linear';
import { decodeModel, encodeModel, pruneWeights, type NerModelData } from '../../src/core/ner/model';
import { mulberry32 } from '../../src/core/random';

const L = 17;

function randomWeights(rows: number, seed: number): LinearWeights {
  const r = mulberry32(seed);
  const keys = new Int32Array(rows);
  const seen = new Set<number>();
  for (let i = 0; i < rows; i++) {
    let k: number;
    do k = (r() * 2 ** 32) | 0;
    while (seen.has(k));
    seen.add(k);
    keys[i] = k;
  }
  const weights = Float32Array.from({ length: rows * L }, () => (r() - 0.5) * 20);
  const f = (n: number) => Float32Array.from({ length: n }, () => r() - 0.5);
  return { L, keys, weights, trans: f(L * L), start: f(L), end: f(L) };
}

function sample(): NerModelData {
  return {
    id: 'ner-test-1',
    featureVersion: FEATURE_VERSION,
    types: ['PER', 'ORG', 'LOC', 'MISC'],
    passes: [quantise(randomWeights(500, 1)), quantise({ ...randomWeights(300, 2), residual: true })],
    scoreScale: 4,
    meta: { seed: 1, note: 'round trip' },
  };
}

test('encodeModel / decodeModel round trip', () => {
  const data = sample();
  const bytes = encodeModel(data);
  assert.equal(String.fromCharCode(...bytes.subarray(0, 4)), 'MNER');
  const back = decodeModel(bytes);
  assert.equal(back.id, data.id);
  assert.equal(back.featureVersion, FEATURE_VERSION);
  assert.deepEqual(back.types, data.types);
  assert.deepEqual(back.meta, data.meta);
  assert.equal(back.passes.length, 2);
  data.passes.forEach((p, pi) => {
    const q = back.passes[pi];
    assert.equal(q.scale, p.scale);
    assert.equal(q.residual, p.residual);
    assert.deepEqual(q.trans, p.trans);
    assert.deepEqual(q.start, p.start);
    assert.deepEqual(q.end, p.end);
    // Rows are stored sorted by key: compare as key → weight-row maps.
    const rows = (x: typeof p) => new Map([...x.keys].map((k, r) => [k, [...x.q.subarray(r * L, r * L + L)]]));
    assert.deepEqual(rows(q), rows(p));
  });
  // Encoding is deterministic, also after a round trip.
  assert.deepEqual(encodeModel(back), bytes);
  // A model from bytes is usable.
  const m = loadNerModel(bytes);
  assert.equal(m.id, 'ner-test-1');
  assert.ok(Array.isArray(m.recognise('Hello world.', [{ start: 0, end: 12 }])));
});

test('decodeModel rejects foreign, truncated and incompatible files', () => {
  const bytes = encodeModel(sample());
  assert.throws(() => decodeModel(new Uint8Array([1, 2, 3])), /too short/);
  const bad = bytes.slice();
  bad[0] = 0x58;
  assert.throws(() => decodeModel(bad), /magic/);
  assert.throws(() => decodeModel(bytes.subarray(0, bytes.length - 100)), /truncated/);
  const v = bytes.slice();
  v[4] = 99;
  assert.throws(() => decodeModel(v), /format version/);
  assert.throws(() => loadNerModel(encodeModel({ ...sample(), featureVersion: FEATURE_VERSION + 1 })), /feature version/);
  assert.throws(() => createNerModel({ ...sample(), types: ['PER'] }), /label count/);
});

test('pruneWeights drops small rows and caps the row count', () => {
  const w = randomWeights(100, 3);
  for (let l = 0; l < L; l++) w.weights[5 * L + l] = 0.01;
  const p = pruneWeights(w, 0.5);
  assert.equal(p.keys.length, 99);
  assert.ok(!p.keys.includes(w.keys[5]));
  const capped = pruneWeights(w, 0, 10);
  assert.equal(capped.keys.length, 10);
  assert.equal(capped.weights.length, 10 * L);
});
