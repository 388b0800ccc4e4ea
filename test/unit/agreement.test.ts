import { test } from 'node:test';
import assert from 'node:assert/strict';
import { alphaOfTable } from '../../src/core/agreement/alpha';
import { agreement, cohensKappa } from '../../src/core/agreement/agree';
import type { Annotation, Sidecar } from '../../src/core/sidecar';

test("Krippendorff's alpha: the published nominal example (Krippendorff 2011, 4 coders, 12 units, missing values) is 0.743", () => {
  // Rows are units, columns the coders A, B, C, D; null where a coder gave no value.
  const units = [
    [1, 1, null, 1], [2, 2, 3, 2], [3, 3, 3, 3], [3, 3, 3, 3], [2, 2, 2, 2], [1, 2, 3, 4],
    [4, 4, 4, 4], [1, 1, 2, 1], [2, 2, 2, 2], [null, 5, 5, 5], [null, null, 1, 1], [null, 3, null, null],
  ];
  assert.equal(alphaOfTable(units)?.toFixed(3), '0.743');
  // Perfect agreement is 1; no variation at all has no alpha.
  assert.equal(alphaOfTable([[1, 1], [2, 2]]), 1);
  assert.equal(alphaOfTable([[1, 1], [1, 1]]), null);
});

test("Cohen's kappa of two yes/no raters equals the textbook formula on a hand count", () => {
  // 10 items: both yes 4, both no 3, A only 2, B only 1. p_o = 0.7; p_a = 0.6, p_b = 0.5; p_e = 0.3 + 0.2 = 0.5.
  const pairs: [boolean, boolean][] = [
    ...Array(4).fill([true, true]), ...Array(3).fill([false, false]), ...Array(2).fill([true, false]), [false, true],
  ];
  assert.equal(cohensKappa(pairs)?.toFixed(3), '0.400');
});

function ann(id: string, kind: Annotation['kind'], start: number, end: number, extra: Partial<Annotation> = {}): Annotation {
  return { id, kind, origin: 'suggested', status: 'suggested', tags: [], created: 't', modified: 't', target: { start, end, exact: 'x'.repeat(end - start), prefix: '', suffix: '' }, ...extra };
}
const sidecar = (annotations: Annotation[], length = 100): Sidecar => ({ version: 1, generator: { name: 'm', version: '0', recogniser: 'r' }, document: { path: 'a.txt', length, hash: 'h' }, annotations });

test('agreement on a small fixture equals the hand counts', () => {
  const a = sidecar([
    ann('1', 'entity', 0, 10, { type: 'PERSON' }),
    ann('2', 'entity', 20, 25, { type: 'PERSON' }),
    ann('3', 'entity', 30, 40, { type: 'ORG' }),
    ann('4', 'entity', 50, 55, { type: 'PLACE', status: 'rejected' }), // rejected: not in A's set
    ann('q1', 'quote', 60, 80, { speaker: 'Joe Biden', tags: ['disputed'] }),
    ann('q2', 'quote', 85, 95, { speaker: 'Putin', tags: [] }),
  ]);
  const b = sidecar([
    ann('1', 'entity', 0, 10, { type: 'PERSON' }), // exact match
    ann('5', 'entity', 21, 25, { type: 'PERSON' }), // overlaps A's 20–25
    ann('3', 'entity', 30, 40, { type: 'PLACE' }), // same span, other type
    ann('q1', 'quote', 60, 80, { speaker: 'joe  biden', tags: ['disputed'] }),
    ann('q3', 'quote', 86, 95, { speaker: 'Lavrov', tags: ['disputed'] }),
  ]);
  const r = agreement([{ path: 'a.txt', sidecar: a }], [{ path: 'a.txt', sidecar: b }]);
  assert.equal(r.articles, 1);
  assert.deepEqual({ a: r.entities.PERSON.a, b: r.entities.PERSON.b, m: r.entities.PERSON.matched, o: r.entities.PERSON.overlapMatched }, { a: 2, b: 2, m: 1, o: 2 });
  assert.equal(r.entities.PERSON.f1, 0.5);
  assert.equal(r.entities.PERSON.overlapF1, 1);
  assert.equal(r.entities.ORG.f1, 0);
  assert.equal(r.entities.PLACE.a, 0);
  assert.equal(r.entities.all.matched, 1);
  assert.equal(r.entities.all.f1, 2 / 6);
  // PERSON alpha over 100 characters: both cover 0–10 and 21–25 (14), A only 20 (1), none 85.
  // o(yes,yes) = 28, o(no,no) = 170, o(yes,no) = o(no,yes) = 1; n_yes = 29, n_no = 171, n = 200.
  const expected = 1 - (199 * 2) / (2 * 29 * 171);
  assert.ok(Math.abs((r.entities.PERSON.alpha ?? 0) - expected) < 1e-12, `${r.entities.PERSON.alpha} vs ${expected}`);
  assert.deepEqual({ m: r.quotes.matched, o: r.quotes.overlapMatched }, { m: 1, o: 2 });
  assert.deepEqual(r.quotes.speaker, { compared: 2, agreed: 1, agreement: 0.5 });
  // Tags over the two quote pairs: disputed (yes, yes) and (no, yes): p_o 0.5, p_a 0.5, p_b 1 → p_e 0.5 → kappa 0.
  assert.equal(r.quotes.tags.compared, 2);
  assert.equal(r.quotes.tags.kappa.disputed, 0);
});

test('articles only one side annotated are named and left out', () => {
  const r = agreement([{ path: 'a.txt', sidecar: sidecar([]) }, { path: 'b.txt', sidecar: sidecar([]) }], [{ path: 'a.txt', sidecar: sidecar([]) }]);
  assert.equal(r.articles, 1);
  assert.deepEqual(r.unmatched, ['b.txt']);
});

test('disagreements for adjudication: only mine, only theirs, another type or speaker; taking their side', async () => {
  const { disagreements, takeTheirs } = await import('../../src/core/agreement/disagreements');
  const mine = [
    ann('1', 'entity', 0, 10, { type: 'PERSON' }),
    ann('2', 'entity', 20, 25, { type: 'ORG' }),
    ann('3', 'entity', 30, 40, { type: 'PLACE' }),
    ann('q', 'quote', 60, 80, { speaker: 'Joe Biden' }),
    ann('r', 'entity', 90, 95, { type: 'PERSON', status: 'rejected' }),
  ];
  const theirs = [
    ann('x1', 'entity', 0, 10, { type: 'PERSON' }), // agree (other id)
    ann('x2', 'entity', 20, 25, { type: 'PLACE' }), // other type
    ann('xq', 'quote', 60, 80, { speaker: 'Vladimir Putin' }), // other speaker
    ann('x5', 'entity', 90, 95, { type: 'PERSON' }), // only theirs (I rejected it)
  ];
  const d = disagreements(mine, theirs);
  assert.deepEqual(d.map((x) => [x.start, x.what]), [[20, 'type'], [30, 'only mine'], [60, 'speaker'], [90, 'only theirs']]);
  const now = '2026-12-02T00:00:00.000Z';
  const retyped = takeTheirs(mine, d[0], now);
  assert.deepEqual([retyped.id, retyped.type, retyped.status, retyped.modified], ['2', 'PLACE', 'accepted', now]);
  assert.equal(takeTheirs(mine, d[1], now).status, 'rejected');
  const restored = takeTheirs(mine, d[3], now);
  assert.deepEqual([restored.id, restored.status, restored.type], ['r', 'accepted', 'PERSON'], 'my rejected annotation of that span takes their side');
});
