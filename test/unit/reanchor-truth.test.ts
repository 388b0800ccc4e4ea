/**
 * The fuzz test's truth (reanchor-truth.ts) on cases worked out by hand: what an annotation becomes
 * after edits, which answers are right, and the one wrong answer the fuzz test excuses (the truly
 * indistinguishable case); and the engine on the cases that define it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describe, reanchor } from '../../src/core/anchoring';
import { Doc, indistinguishable, judge, truthOf, type Span } from './reanchor-truth';

const P1 = 'Russia has massed troops on the border of Ukraine, officials said on Thursday.';
const P2 = 'Biden warned Putin of severe sanctions if Russia invaded, the White House said.';
const P3 = 'Talks between the two countries are planned in Geneva for January.';
const TEXT = [P1, P2, P3].join('\n') + '\n';
/** The annotation: "severe sanctions" in the second paragraph. */
const SPAN: Span = { start: TEXT.indexOf('severe sanctions'), end: TEXT.indexOf('severe sanctions') + 'severe sanctions'.length };
const lineOf = (doc: Doc, needle: string, n = 0) => {
  let at = -1;
  for (let k = 0; k <= n; k++) at = doc.text.indexOf(needle, at + 1);
  assert.ok(at >= 0, needle);
  return at;
};
/** A copy of the second paragraph pasted at `at` (line start). */
function pasteP2(doc: Doc, at: number): void {
  const from = lineOf(doc, P2);
  doc.pasteCopy(from, from + P2.length + 1, at);
}
const truth = (doc: Doc) => truthOf(SPAN, doc.positions(TEXT.length));
/** The answer "severe sanctions" in the n-th occurrence. */
const answer = (doc: Doc, n: number) => {
  const at = lineOf(doc, 'severe sanctions', n);
  return { status: 'moved', start: at, end: at + 'severe sanctions'.length };
};

test('truth: intact, damaged, destroyed from the units that survive', () => {
  const doc = new Doc(TEXT);
  doc.splice(0, 0, 'New first line.\n');
  const t = truth(doc);
  assert.deepEqual(t, { kind: 'intact', start: SPAN.start + 16, end: SPAN.end + 16 });
  assert.equal(judge(t, answer(doc, 0)), 'exact');
  assert.equal(judge(t, { status: 'orphaned' }), 'orphan');

  const typo = new Doc(TEXT);
  typo.splice(SPAN.start + 2, 1, ''); // "sevre sanctions": 1 of 16 units gone
  assert.equal(truth(typo).kind, 'damaged');
  assert.equal(judge(truth(typo), { status: 'moved', start: SPAN.start, end: SPAN.end - 1 }), 'acceptable');

  const rewritten = new Doc(TEXT);
  rewritten.splice(SPAN.start, 'severe sanctions'.length, 'grave consequences'); // every unit new
  assert.equal(truth(rewritten).kind, 'destroyed');
  assert.equal(judge(truth(rewritten), { status: 'moved', start: SPAN.start, end: SPAN.start + 18 }), 'wrong');
});

test('truth: an edit undone is no edit (heal)', () => {
  const doc = new Doc(TEXT);
  doc.splice(SPAN.start, 2, 'es'); // "seevre": a transposition...
  doc.splice(SPAN.start, 2, 'se'); // ...and back: the text reads as before
  assert.equal(truth(doc).kind, 'damaged', 'by identity alone, 2 of its 16 units are new');
  doc.heal(TEXT);
  assert.deepEqual(truth(doc), { kind: 'intact', start: SPAN.start, end: SPAN.end });
  // A different text is not healed.
  const other = new Doc(TEXT);
  other.splice(SPAN.start, 6, 'severe'.toUpperCase());
  other.heal(TEXT);
  assert.notEqual(truth(other).kind, 'intact');
});

test('indistinguishable: the original pasted elsewhere and then deleted, the answer on the copy', () => {
  // Paste + delete the original = a move: no text says otherwise.
  const doc = new Doc(TEXT);
  pasteP2(doc, doc.text.length);
  const first = lineOf(doc, P2);
  doc.splice(first, P2.length + 1, '');
  assert.equal(doc.text, [P1, P3, P2].join('\n') + '\n');
  const t = truth(doc);
  assert.equal(t.kind, 'destroyed');
  const a = answer(doc, 0);
  assert.equal(judge(t, a), 'wrong', 'by identity the copy is not the annotation');
  assert.equal(indistinguishable(doc, SPAN, t, a.start, a.end), true, 'but no method reading the text can tell');
  // Still only on the copy's own units: a shifted answer on the copy is not excused.
  assert.equal(indistinguishable(doc, SPAN, t, a.start + 1, a.end + 1), false);
  assert.equal(indistinguishable(doc, SPAN, t, a.start, a.start + 6), false);
});

test('indistinguishable: never while the original survives, intact or damaged, whatever the copy\'s context', () => {
  // Pasted far away, the original untouched: the answer on the copy is a jump to a copy.
  const intact = new Doc(TEXT);
  pasteP2(intact, intact.text.length);
  assert.equal(truth(intact).kind, 'intact');
  const onCopy = answer(intact, 1);
  assert.equal(judge(truth(intact), onCopy), 'wrong');
  assert.equal(indistinguishable(intact, SPAN, truth(intact), onCopy.start, onCopy.end), false);
  // The original's context rewritten (the copy now matches the stored context better): still wrong.
  intact.splice(lineOf(intact, 'Biden warned Putin of'), 'Biden warned Putin of'.length, 'Officials spoke about');
  const again = answer(intact, 1);
  assert.equal(indistinguishable(intact, SPAN, truth(intact), again.start, again.end), false);
  // The original damaged by a typo, the copy pristine: still wrong.
  const damaged = new Doc(TEXT);
  pasteP2(damaged, 0);
  damaged.splice(lineOf(damaged, 'severe sanctions', 1) + 3, 1, '');
  assert.equal(truth(damaged).kind, 'damaged');
  const c = answer(damaged, 0);
  assert.equal(indistinguishable(damaged, SPAN, truth(damaged), c.start, c.end), false);
});

test('indistinguishable: not on a copy that is itself destroyed, nor on text that is no copy', () => {
  const doc = new Doc(TEXT);
  pasteP2(doc, 0);
  // Destroy the original, then most of the copy too.
  const orig = lineOf(doc, 'severe sanctions', 1);
  doc.splice(orig, 16, 'grave consequences');
  const copy = lineOf(doc, 'severe sanctions', 0);
  doc.splice(copy + 1, 12, 'tiff tarifs o');
  assert.equal(truth(doc).kind, 'destroyed');
  assert.equal(indistinguishable(doc, SPAN, truth(doc), copy, copy + 16), false);
  // The same words typed anew elsewhere are not a copy.
  const typed = new Doc(TEXT);
  typed.splice(SPAN.start, 16, 'grave consequences');
  typed.splice(typed.text.length, 0, 'Biden warned Putin of severe sanctions again.\n');
  const a = answer(typed, 0);
  assert.equal(indistinguishable(typed, SPAN, truth(typed), a.start, a.end), false);
});

test('indistinguishable: a copy damaged after the paste counts as the original would (an overlap of half)', () => {
  const doc = new Doc(TEXT);
  pasteP2(doc, doc.text.length);
  doc.splice(lineOf(doc, P2), P2.length + 1, ''); // the original gone
  const copy = lineOf(doc, 'severe sanctions');
  doc.splice(copy + 3, 1, ''); // "sevre sanctions" in the copy
  const t = truth(doc);
  assert.equal(indistinguishable(doc, SPAN, t, copy, copy + 15), true);
  assert.equal(indistinguishable(doc, SPAN, t, copy + 9, copy + 15), false, 'less than half of it');
});

test('the engine on the defining cases: a twin orphans, a paste-and-delete is a move', () => {
  const target = describe(TEXT, SPAN.start, SPAN.end);
  // Pasted next to itself: identical surroundings, no guess.
  const next = new Doc(TEXT);
  pasteP2(next, lineOf(next, P2));
  assert.equal(reanchor(next.text, [target])[0].status, 'orphaned');
  // Pasted far away, original intact: the text cannot tell which is the original (see the first case).
  const far = new Doc(TEXT);
  pasteP2(far, far.text.length);
  assert.equal(reanchor(far.text, [target])[0].status, 'orphaned');
  // Pasted and the original deleted: the only place, found (an answer the truth excuses).
  const moved = new Doc(TEXT);
  pasteP2(moved, moved.text.length);
  moved.splice(lineOf(moved, P2), P2.length + 1, '');
  const [r] = reanchor(moved.text, [target]);
  assert.equal(r.status, 'moved');
  assert.equal(indistinguishable(moved, SPAN, truth(moved), r.start!, r.end!), true);
});
