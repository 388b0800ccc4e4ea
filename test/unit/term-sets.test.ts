/**
 * The facts step holds terms as integer ids in typed arrays (core/claims/term-sets.ts, weights.ts) so that an
 * archive's claims fit in memory. Its figures must be the very doubles the string sets gave: a similarity that
 * differs in its last bit reorders the pairs clusterItems merges, and so the facts. Checked against the string
 * definitions on random sets.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Ints } from '../../src/core/ints';
import { TermSets, Vocabulary } from '../../src/core/claims/term-sets';
import { TermWeights, weightedJaccard } from '../../src/core/claims/weights';
import { mulberry32 } from '../../src/core/random';

/** The string definitions the ids replace (as they stood before). */
function stringWeights(claims: Set<string>[]) {
  const df = new Map<string, number>();
  for (const c of claims) for (const t of c) df.set(t, (df.get(t) ?? 0) + 1);
  const n = claims.length;
  return {
    weight: (t: string) => Math.log((n + 1) / ((df.get(t) ?? 0) + 0.5)),
    rare: (t: string) => (df.get(t) ?? 0) <= Math.max(2, Math.min(0.1 * n, 20)),
  };
}
function stringWeightedJaccard(a: Set<string>, b: Set<string>, w: { weight(t: string): number }): number {
  if (!a.size || !b.size) return 0;
  let inter = 0;
  let union = 0;
  for (const t of a) {
    const x = w.weight(t);
    union += x;
    if (b.has(t)) inter += x;
  }
  for (const t of b) if (!a.has(t)) union += w.weight(t);
  return union ? inter / union : 0;
}

test('weightedJaccard over term ids: the same doubles as over strings, and rare the same', () => {
  const random = mulberry32(20261203);
  const words = Array.from({ length: 300 }, (_, i) => (i % 7 === 0 ? `person:p${i}` : i % 11 === 0 ? `@2020-01-${i}` : `w${i}`));
  const claims = Array.from({ length: 400 }, () => new Set(Array.from({ length: 1 + Math.floor(random() * 25) }, () => words[Math.floor(random() ** 2 * words.length)])));
  const vocabulary = new Vocabulary();
  const sets = new TermSets();
  const weights = new TermWeights();
  const handles = claims.map((c) => {
    const ids = [...c].map((t) => vocabulary.id(t));
    weights.add(ids);
    return sets.add(ids);
  });
  const names = new Map(words.map((t) => [vocabulary.id(t), t]));
  vocabulary.freeze();
  weights.freeze(vocabulary.size);
  sets.index(vocabulary.size);
  const w = stringWeights(claims);
  for (const [id, t] of names) {
    assert.equal(weights.weight(id), w.weight(t));
    assert.equal(weights.rare(id), w.rare(t));
    assert.equal(vocabulary.isName(id), t.includes(':'));
    assert.equal(vocabulary.isDate(id), t.startsWith('@'));
  }
  for (let k = 0; k < 3000; k++) {
    const x = Math.floor(random() * claims.length);
    const y = Math.floor(random() * claims.length);
    assert.equal(weightedJaccard(sets, handles[x], handles[y], weights), stringWeightedJaccard(claims[x], claims[y], w), `claims ${x} and ${y}`);
    assert.deepEqual(Array.from({ length: sets.size(handles[x]) }, (_, i) => names.get(sets.at(handles[x], i))), [...claims[x]], 'a set keeps its first-seen order');
  }
});

test('TermSets marks: A and B answer for their own set, across many marks', () => {
  const sets = new TermSets();
  const a = sets.add([0, 2, 4]);
  const b = sets.add([1, 2, 3]);
  const empty = sets.add([]);
  sets.index(5);
  for (let round = 0; round < 1000; round++) {
    sets.markA(round % 2 ? a : b);
    sets.markB(round % 2 ? b : a);
    const [inA, inB] = round % 2 ? [[0, 2, 4], [1, 2, 3]] : [[1, 2, 3], [0, 2, 4]];
    for (let t = 0; t < 5; t++) {
      assert.equal(sets.inA(t), inA.includes(t));
      assert.equal(sets.inB(t), inB.includes(t));
    }
  }
  sets.markB(empty);
  for (let t = 0; t < 5; t++) assert.equal(sets.inB(t), false);
  assert.equal(sets.size(empty), 0);
});

test('Ints grows chunk by chunk and keeps what it holds', () => {
  const ints = new Ints();
  for (let i = 0; i < 200_000; i++) ints.push(i * 3);
  assert.equal(ints.length, 200_000);
  for (let i = 0; i < 200_000; i += 97) assert.equal(ints.get(i), i * 3);
  ints.set(65_536, -1);
  assert.equal(ints.get(65_536), -1);
  assert.equal(ints.get(65_535), 65_535 * 3);
});
