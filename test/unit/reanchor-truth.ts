/**
 * The truth behind the re-anchoring fuzz test (reanchor-fuzz.test.ts), kept apart so that its
 * definitions are tested on their own (reanchor-truth.test.ts).
 *
 * Every UTF-16 unit of the article carries an identity through every edit: "original unit k",
 * "copy of original unit k" (a pasted duplicate) or "new". After the last edit an annotation is
 * (see /work/shared/docs/reanchoring.md):
 * - intact: all its original units still there, contiguous, in order, nothing inserted between. The
 *   only right answer is their new [start, end); orphaning it is allowed but counts against recall.
 * - damaged: less than half of it changed (units gone + units inserted between survivors). Right: an
 *   orphan, or a span whose surviving units cover at least half of the longer of the two spans.
 * - destroyed: half or more changed. Only orphaning it is right.
 * A copy of the annotated text is never the annotation: an answer on a copy is wrong whenever the
 * original survives (intact or damaged), in whatever context the copy sits. The one exception is
 * `indistinguishable` below. And an intact annotation may have a copy that the stored target
 * cannot tell from it (`copyTiesOriginal` below): orphaning it is then the right answer, the
 * original still right, the copy still wrong.
 */
import type { TextEdit } from '../../src/core/anchoring';

export const NEW = -1;
/** Identity COPY + k: a copy of original unit k. */
export const COPY = 1 << 24;

/** An article under edit, with the identity of each of its units. */
export class Doc {
  text: string;
  ids: number[];
  /** Every change, as the editor would report it (for `applyEdits`). */
  changes: TextEdit[] = [];

  constructor(text: string) {
    this.text = text;
    this.ids = Array.from({ length: text.length }, (_, k) => k);
  }

  /** Replaces [offset, offset + deleteLength) with `insert`, whose units are new unless `insertIds` says otherwise. */
  splice(offset: number, deleteLength: number, insert: string, insertIds?: number[]): void {
    if (deleteLength === 0 && insert === '') return;
    this.text = this.text.slice(0, offset) + insert + this.text.slice(offset + deleteLength);
    this.ids.splice(offset, deleteLength, ...(insertIds ?? new Array(insert.length).fill(NEW)));
    this.changes.push({ offset, deleteLength, insertText: insert });
  }

  /** Pastes a copy of the current [from, to) at `at` (units that are originals become copies of them). */
  pasteCopy(from: number, to: number, at: number): void {
    const ids = this.ids.slice(from, to).map((id) => (id < 0 ? NEW : id >= COPY ? id : COPY + id));
    this.splice(at, 0, this.text.slice(from, to), ids);
  }

  /**
   * An edit undone is no edit: a run of new units that sits between original units k and k + n + 1
   * and reads exactly what units k + 1 .. k + n read in the original (a typo fixed by another typo,
   * a word replaced and put back) gets their identities back, and likewise between two units of one
   * copy. Otherwise the identities would call the text changed where it reads as it did, and no
   * method could see the change. Run once, after the last edit.
   */
  heal(original: string): void {
    const ids = this.ids;
    for (let j = 0; j < ids.length; ) {
      if (ids[j] !== NEW) {
        j++;
        continue;
      }
      let e = j;
      while (e < ids.length && ids[e] === NEW) e++;
      const p = j > 0 ? ids[j - 1] : -1;
      const q = e < ids.length ? ids[e] : -1;
      const base = p >= COPY ? COPY : 0;
      const run = e - j;
      if (p >= 0 && q >= 0 && (p >= COPY) === (q >= COPY) && q - p - 1 === run && this.text.slice(j, e) === original.slice(p - base + 1, q - base)) {
        for (let k = 0; k < run; k++) ids[j + k] = p + 1 + k;
      }
      j = e;
    }
  }

  /** Where original unit k is now (-1 if gone). */
  positions(origLength: number): Int32Array {
    const pos = new Int32Array(origLength).fill(-1);
    for (let j = 0; j < this.ids.length; j++) {
      const id = this.ids[j];
      if (id >= 0 && id < COPY) pos[id] = j;
    }
    return pos;
  }
}

/** An annotation's original [start, end). */
export interface Span {
  start: number;
  end: number;
}

export type Truth =
  | { kind: 'intact'; start: number; end: number }
  | { kind: 'damaged'; first: number; last: number; survivors: Set<number> }
  | { kind: 'destroyed' };

/** What became of original span s, from the units' identities (`pos` from Doc.positions). */
export function truthOf(s: Span, pos: Int32Array): Truth {
  const L = s.end - s.start;
  let S = 0;
  let first = Infinity;
  let last = -1;
  let prev = -1;
  let ordered = true;
  const survivors = new Set<number>();
  for (let k = s.start; k < s.end; k++) {
    const p = pos[k];
    if (p < 0) continue;
    S++;
    survivors.add(p);
    if (p <= prev) ordered = false;
    prev = p;
    first = Math.min(first, p);
    last = Math.max(last, p);
  }
  if (S === 0) return { kind: 'destroyed' };
  const insertedBetween = last - first + 1 - S;
  const changed = L - S + insertedBetween + (ordered ? 0 : L);
  if (changed === 0) return { kind: 'intact', start: first, end: last + 1 };
  if (2 * changed >= L) return { kind: 'destroyed' };
  return { kind: 'damaged', first, last, survivors };
}

export type Verdict = 'exact' | 'orphan' | 'acceptable' | 'wrong';

/** Judges one result of re-anchoring against the truth. */
export function judge(truth: Truth, a: { status: string; start?: number; end?: number }): Verdict {
  if (a.status === 'orphaned') return 'orphan';
  const s = a.start!;
  const e = a.end!;
  if (truth.kind === 'intact') return s === truth.start && e === truth.end ? 'exact' : 'wrong';
  if (truth.kind === 'destroyed') return 'wrong';
  let ov = 0;
  for (let j = s; j < e; j++) if (truth.survivors.has(j)) ov++;
  const longer = Math.max(e - s, truth.last + 1 - truth.first);
  return 2 * ov >= longer ? 'acceptable' : 'wrong';
}

/** [a, b) is a complete, unedited copy of the annotated units of s: each unit the copy of the one at the same place. */
export function isCopyOf(doc: Doc, s: Span, a: number, b: number): boolean {
  if (b - a !== s.end - s.start) return false;
  for (let j = a; j < b; j++) if (doc.ids[j] !== COPY + s.start + (j - a)) return false;
  return true;
}

/**
 * The truly indistinguishable case: the only wrong answer the fuzz test excuses. Both of:
 * 1. the annotation itself is destroyed (half or more of its own units deleted or rewritten): there
 *    is no original left to find, and orphaning it is the right answer;
 * 2. the answer is on a pasted copy of the annotated text, and would be right had that copy been the
 *    original (judged as any answer: exactly the copy's units while the copy is intact, an overlap of
 *    at least half while it is damaged, never a destroyed copy).
 * A paste leaves two places that the text cannot rank: pasting a copy at B gives the same text as
 * moving the original to B and pasting the copy where it was. So when the original is gone, the same
 * final text comes from a history in which the answer is right (the annotated text moved to B,
 * then the same edits), and no method that reads only the final text can tell the two histories
 * apart. While the original survives, intact or damaged, an answer on a copy is wrong, whatever
 * its context: a method that cannot tell which place is the original must orphan.
 */
export function indistinguishable(doc: Doc, s: Span, truth: Truth, a: number, b: number): boolean {
  if (truth.kind !== 'destroyed') return false;
  // The copy the answer is on: for each annotated unit k, its copy nearest to where the answer puts k.
  const L = s.end - s.start;
  const pos = new Int32Array(s.end).fill(-1);
  for (let j = Math.max(0, a - L); j < Math.min(doc.ids.length, b + L); j++) {
    const id = doc.ids[j];
    if (id < COPY + s.start || id >= COPY + s.end) continue;
    const k = id - COPY;
    const want = a + (k - s.start);
    if (pos[k] < 0 || Math.abs(j - want) < Math.abs(pos[k] - want)) pos[k] = j;
  }
  const v = judge(truthOf(s, pos), { status: 'moved', start: a, end: b });
  return v === 'exact' || v === 'acceptable';
}

/** Line ends are a convention of the file, not its text: compared as LF. */
const lf = (s: string) => s.replace(/\r\n/g, '\n');

/**
 * Which sides of the stored context the text reads around [a, b): 1 if the units before a read the
 * stored prefix, 2 if those after b read the stored suffix (line ends compared as LF).
 */
export function contextHeld(text: string, a: number, b: number, stored: { prefix: string; suffix: string }): number {
  const prefix = lf(stored.prefix);
  const suffix = lf(stored.suffix);
  // Twice the length in raw units is enough: CRLF is at most two units per LF unit.
  const before = lf(text.slice(Math.max(0, a - 2 * prefix.length), a));
  const after = lf(text.slice(b, b + 2 * suffix.length));
  return (before.endsWith(prefix) ? 1 : 0) | (after.startsWith(suffix) ? 2 : 0);
}

/**
 * An intact annotation with a copy that no method reading the final text can tell from it: a
 * complete, unedited pasted copy of its text (each unit the copy of the one at the same place) around
 * which the text reads the stored context on every side where it reads it around the original. The
 * stored target is all a method knows of the annotation: the quote is the same at both places, its
 * old position does not tell (pasting a copy at B and moving the original to B then pasting a copy
 * where it was give the same final text, from the same old text, so the same target), and its
 * context speaks for the original only if the original's surroundings read it on a side where the
 * copy's do not while the reverse is not true (sides compared whole: the prefix before, the suffix
 * after). Examples: a paragraph pasted elsewhere with the annotation in its middle (both read the
 * whole context); a short paragraph pasted next to itself (each reads the context on one side, the
 * other side reaching into the other copy); the original's surroundings edited after the paste. Then
 * orphaning is right; the original is still exact (a lucky guess), the copy still wrong. When the
 * context does speak for the original (a paragraph pasted far away, the annotation near its start:
 * only the original has the old previous paragraph before it), the copy can be told apart and only
 * the original is exact, even though a history in which the copy is the better-placed one gives the
 * same text (there the copy is the one the context speaks for: then orphaning is right).
 *
 * Decided by identities and the stored target alone, never by what the engine does.
 */
export function copyTiesOriginal(doc: Doc, s: Span, truth: Truth, stored: { prefix: string; suffix: string }): boolean {
  if (truth.kind !== 'intact') return false;
  const L = s.end - s.start;
  const original = contextHeld(doc.text, truth.start, truth.end, stored);
  for (let j = 0; j + L <= doc.ids.length; j++) {
    if (doc.ids[j] !== COPY + s.start || !isCopyOf(doc, s, j, j + L)) continue;
    const copy = contextHeld(doc.text, j, j + L, stored);
    // The original wins only with a strict superset of the copy's sides.
    if (!((copy & original) === copy && copy !== original)) return true;
  }
  return false;
}
