/**
 * The fuzz test's truth (reanchor-truth.ts) on cases worked out by hand: what an annotation becomes
 * after edits, which answers are right, and the one wrong answer the fuzz test excuses (the truly
 * indistinguishable case), when a pasted copy ties an intact annotation (`copyTiesOriginal`); and the
 * engine on the cases that define it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describe, reanchor } from '../../src/core/anchoring';
import { contextHeld, copyTiesOriginal, Doc, indistinguishable, judge, truthOf, type Span } from './reanchor-truth';

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

/** A long paragraph with "severe sanctions" far from both of its ends (more than a stored context). */
const LONG = 'Officials in Washington said on Friday that Biden warned Putin of severe sanctions if Russia invaded Ukraine, and that allies agreed.';
const LTEXT = [P1, LONG, P3].join('\n') + '\n';
const LSPAN: Span = { start: LTEXT.indexOf('severe sanctions'), end: LTEXT.indexOf('severe sanctions') + 16 };
const ties = (doc: Doc, text: string, span: Span) =>
  copyTiesOriginal(doc, span, truthOf(span, doc.positions(text.length)), describe(text, span.start, span.end).quote);

test('copyTiesOriginal: both places read the whole stored context (a paragraph pasted far away, the annotation in its middle)', () => {
  const doc = new Doc(LTEXT);
  const from = LTEXT.indexOf(LONG);
  doc.pasteCopy(from, from + LONG.length + 1, doc.text.length);
  assert.equal(truthOf(LSPAN, doc.positions(LTEXT.length)).kind, 'intact');
  assert.equal(ties(doc, LTEXT, LSPAN), true);
  // With no copy, or a copy someone edited inside the annotated text, nothing ties.
  assert.equal(ties(new Doc(LTEXT), LTEXT, LSPAN), false);
  const copyAt = doc.text.lastIndexOf('severe sanctions');
  doc.splice(copyAt + 2, 1, 'x');
  assert.equal(ties(doc, LTEXT, LSPAN), false);
});

test('copyTiesOriginal: the context speaks for the original (only it has the old paragraph before it)', () => {
  // "severe sanctions" sits 22 units into its paragraph: its stored prefix reaches into P1.
  const far = new Doc(TEXT);
  pasteP2(far, far.text.length);
  const t = truth(far);
  const stored = describe(TEXT, SPAN.start, SPAN.end).quote;
  assert.equal(contextHeld(far.text, t.kind === 'intact' ? t.start : -1, t.kind === 'intact' ? t.end : -1, stored), 3);
  const copy = lineOf(far, 'severe sanctions', 1);
  assert.equal(contextHeld(far.text, copy, copy + 16, stored), 2, 'the copy reads the suffix only');
  assert.equal(ties(far, TEXT, SPAN), false);
});

test('copyTiesOriginal: pasted next to itself, the same text ties or not by which one was pasted', () => {
  // Pasted after itself: the original (first) reads P1 before it, the copy reads P2's end: told apart.
  const after = new Doc(TEXT);
  pasteP2(after, lineOf(after, P3));
  // Pasted before itself: the copy (first) reads P1, the original reads the copy's end: the context
  // speaks for the copy, which cannot be the answer; orphaning is right.
  const before = new Doc(TEXT);
  pasteP2(before, lineOf(before, P2));
  assert.equal(after.text, before.text);
  assert.equal(ties(after, TEXT, SPAN), false);
  assert.equal(ties(before, TEXT, SPAN), true);
});

test('copyTiesOriginal: the original\'s surroundings edited after the paste; line ends do not count', () => {
  const doc = new Doc(LTEXT);
  const from = LTEXT.indexOf(LONG);
  doc.pasteCopy(from, from + LONG.length + 1, doc.text.length);
  doc.splice(LTEXT.indexOf('Ukraine, and'), 7, 'Kyiv'); // in the original's suffix only
  assert.equal(ties(doc, LTEXT, LSPAN), true);
  // CRLF everywhere: both still read the stored (LF) context.
  const crlf = new Doc(TEXT);
  pasteP2(crlf, crlf.text.length);
  for (let i = crlf.text.lastIndexOf('\n'); i >= 0; i = i > 0 ? crlf.text.lastIndexOf('\n', i - 1) : -1) crlf.splice(i, 0, '\r');
  const stored = describe(TEXT, SPAN.start, SPAN.end).quote;
  const t = truth(crlf);
  assert.equal(t.kind, 'intact');
  if (t.kind === 'intact') assert.equal(contextHeld(crlf.text, t.start, t.end, stored), 3);
  assert.equal(ties(crlf, TEXT, SPAN), false);
  // Not intact: not this case (see indistinguishable).
  const damaged = new Doc(LTEXT);
  damaged.pasteCopy(from, from + LONG.length + 1, damaged.text.length);
  damaged.splice(LSPAN.start + 3, 1, '');
  assert.equal(ties(damaged, LTEXT, LSPAN), false);
});
