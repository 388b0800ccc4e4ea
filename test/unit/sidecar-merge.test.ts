import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mergeSidecars, resolveConflict } from '../../src/core/sidecar/merge3';
import { parseSidecar, serializeSidecar, type Annotation, type Sidecar } from '../../src/core/sidecar';

function ann(id: string, start: number, extra: Partial<Annotation> = {}): Annotation {
  return { id, kind: 'entity', origin: 'suggested', status: 'suggested', type: 'PERSON', tags: [], created: '2026-01-01T00:00:00.000Z', modified: '2026-01-01T00:00:00.000Z', target: { start, end: start + 5, exact: 'Biden', prefix: '', suffix: '' }, ...extra };
}
const sc = (annotations: Annotation[]): Sidecar => ({ version: 1, generator: { name: 'marginalia', version: '0.1.0', recogniser: 'r' }, document: { path: 'a.txt', length: 100, hash: 'h' }, annotations });
const later = '2026-02-01T00:00:00.000Z';

test('disjoint decisions on two branches merge clean and keep every decision of both', () => {
  const base = sc([ann('e1', 0), ann('e2', 10), ann('q1', 20, { kind: 'quote', type: undefined, speaker: 'Joe Biden' })]);
  const ours = sc([ann('e1', 0, { status: 'rejected', modified: later }), ann('e2', 10), ann('q1', 20, { kind: 'quote', type: undefined, speaker: 'Joe Biden', tags: ['disputed'], modified: later })]);
  const theirs = sc([ann('e1', 0), ann('e2', 10, { type: 'ORG', status: 'accepted', modified: later }), ann('q1', 20, { kind: 'quote', type: undefined, speaker: 'Joe Biden', tags: ['verified'], modified: later }),
    ann('u1', 40, { origin: 'user', type: 'PLACE' })]);
  const { sidecar, conflicts } = mergeSidecars(base, ours, theirs);
  assert.deepEqual(conflicts, []);
  const by = new Map(sidecar.annotations.map((a) => [a.id, a]));
  assert.equal(by.get('e1')?.status, 'rejected');
  assert.equal(by.get('e2')?.type, 'ORG');
  assert.equal(by.get('e2')?.status, 'accepted');
  assert.deepEqual(by.get('q1')?.tags, ['disputed', 'verified']);
  assert.equal(by.get('u1')?.type, 'PLACE');
  assert.equal(sidecar.conflicts, undefined);
});

test('the same change on both sides is kept once; a tag removed on one side is gone', () => {
  const base = sc([ann('e1', 0, { tags: ['a', 'b'] })]);
  const ours = sc([ann('e1', 0, { status: 'accepted', tags: ['a'] })]);
  const theirs = sc([ann('e1', 0, { status: 'accepted', tags: ['a', 'b', 'c'] })]);
  const { sidecar, conflicts } = mergeSidecars(base, ours, theirs);
  assert.deepEqual(conflicts, []);
  assert.equal(sidecar.annotations.length, 1);
  assert.equal(sidecar.annotations[0].status, 'accepted');
  assert.deepEqual(sidecar.annotations[0].tags, ['a', 'c']);
});

test('conflicting retypes of one entity: a conflict recorded with both sides, and the file stays valid JSON', () => {
  const base = sc([ann('e1', 0)]);
  const ours = sc([ann('e1', 0, { type: 'ORG', modified: later })]);
  const theirs = sc([ann('e1', 0, { type: 'PLACE', modified: later })]);
  const { sidecar, conflicts } = mergeSidecars(base, ours, theirs);
  assert.deepEqual(conflicts.map((c) => [c.id, c.field, c.base, c.ours, c.theirs]), [['e1', 'type', 'PERSON', 'ORG', 'PLACE']]);
  const text = serializeSidecar(sidecar);
  assert.ok(!/^(<<<<<<<|=======|>>>>>>>)/m.test(text));
  const back = parseSidecar(text);
  assert.ok(back.ok);
  assert.equal(back.ok && back.sidecar.conflicts?.length, 1);
  // Taking theirs writes a clean sidecar.
  const settled = resolveConflict(sidecar, conflicts[0], 'PLACE');
  assert.equal(settled.annotations[0].type, 'PLACE');
  assert.equal(settled.conflicts, undefined);
  assert.ok(!serializeSidecar(settled).includes('"conflicts"'));
});

test('deleted on one side, changed on the other: kept, as a conflict; deleted and untouched: gone', () => {
  const base = sc([ann('e1', 0), ann('e2', 10)]);
  const ours = sc([ann('e1', 0, { note: 'checked', modified: later })]); // e2 deleted by ours
  const theirs = sc([ann('e2', 10)]); // e1 deleted by theirs
  const { sidecar, conflicts } = mergeSidecars(base, ours, theirs);
  assert.deepEqual(sidecar.annotations.map((a) => a.id), ['e1']);
  assert.deepEqual(conflicts.map((c) => [c.id, c.field]), [['e1', 'annotation']]);
});

test('the same hand-made annotation on both branches (other ids) is one decision', () => {
  const base = sc([]);
  const ours = sc([ann('u-ours', 30, { origin: 'user', tags: ['x'] })]);
  const theirs = sc([ann('u-theirs', 30, { origin: 'user', tags: ['y'] })]);
  const { sidecar, conflicts } = mergeSidecars(base, ours, theirs);
  assert.deepEqual(conflicts, []);
  assert.equal(sidecar.annotations.length, 1);
  assert.deepEqual(sidecar.annotations[0].tags, ['x', 'y']);
});

test('with no common ancestor, an annotation both sides added differently is a conflict, not a silent pick', () => {
  const { conflicts } = mergeSidecars(null, sc([ann('e1', 0, { type: 'ORG' })]), sc([ann('e1', 0, { type: 'PLACE' })]));
  assert.deepEqual(conflicts.map((c) => c.field), ['type']);
});
