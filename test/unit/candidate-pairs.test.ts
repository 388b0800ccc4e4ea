/**
 * candidatePairs (core/claims/terms.ts) counts shared terms one item at a time, so that an archive's facts step does
 * not hold every pair that shares a term. Checked against the definition, pair by pair, on random items.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { candidatePairs } from '../../src/core/claims/terms';
import { mulberry32 } from '../../src/core/random';

/** The definition: x < y, other groups, at least `minShared` terms held by 2..maxHolders items in common. */
function byDefinition(items: Set<string>[], minShared: number, maxHolders: number, group?: number[]): [number, number][] {
  const holders = new Map<string, number>();
  for (const terms of items) for (const t of terms) holders.set(t, (holders.get(t) ?? 0) + 1);
  const out: [number, number][] = [];
  for (let x = 0; x < items.length; x++) {
    for (let y = x + 1; y < items.length; y++) {
      if (group && group[x] === group[y]) continue;
      let shared = 0;
      for (const t of items[x]) if (items[y].has(t) && holders.get(t)! <= maxHolders) shared++;
      if (shared >= minShared) out.push([x, y]);
    }
  }
  return out;
}

test('candidatePairs: exactly the pairs sharing enough rare terms, none of one group, in order', () => {
  const random = mulberry32(20261203);
  for (let round = 0; round < 40; round++) {
    const n = 2 + Math.floor(random() * 60);
    const vocabulary = 5 + Math.floor(random() * 80);
    const items = Array.from({ length: n }, () => new Set(Array.from({ length: Math.floor(random() * 8) }, () => `t${Math.floor(random() * vocabulary)}`)));
    const group = Array.from({ length: n }, () => Math.floor(random() * 6));
    const minShared = 1 + Math.floor(random() * 3);
    const maxHolders = 2 + Math.floor(random() * 20);
    for (const g of [undefined, group]) {
      const got = [...candidatePairs(items, minShared, maxHolders, g)];
      assert.deepEqual(got, byDefinition(items, minShared, maxHolders, g), `round ${round}, minShared ${minShared}, maxHolders ${maxHolders}, groups ${g ? 'on' : 'off'}`);
    }
  }
});

test('candidatePairs: a term held by more than maxHolders items pairs nobody', () => {
  const items = [new Set(['common', 'rare']), new Set(['common', 'rare']), new Set(['common'])];
  assert.deepEqual([...candidatePairs(items, 1, 2)], [[0, 1]]);
  assert.deepEqual([...candidatePairs(items, 2, 2)], []);
  assert.deepEqual([...candidatePairs(items, 2, 3)], [[0, 1]]);
});
