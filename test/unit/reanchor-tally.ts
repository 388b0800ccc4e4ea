/**
 * Counting the fuzz test's verdicts (reanchor-fuzz.test.ts) and printing them; the truth and the
 * verdicts themselves are in reanchor-truth.ts.
 */
import { COPY, type Doc, type Span, type Truth, type Verdict } from './reanchor-truth';

/** What the truth says of one intact annotation's pasted copies (reanchor-truth.ts `copyTiesOriginal`). */
export type CopyClass = 'none' | 'told-apart' | 'tied';

export interface Tally {
  intact: number;
  intactExact: number;
  intactOrphaned: number;
  /** (a) intact annotations without a copy the context cannot tell from them, and how many exact. */
  apart: number;
  apartExact: number;
  /** (b) intact annotations with such a copy: orphaned (right), on the original, on the copy (wrong). */
  tied: number;
  tiedOrphaned: number;
  tiedOriginal: number;
  tiedCopy: number;
  damaged: number;
  damagedKept: number;
  damagedOrphaned: number;
  destroyed: number;
  destroyedOrphaned: number;
  /** The truly indistinguishable case (see `indistinguishable`): a destroyed annotation attached to
   *  a pasted copy of its text where it would be right had the copy been the original. Not counted
   *  as wrong. */
  indistinguishable: number;
  /** Every other answer on the wrong text. */
  wrong: number;
  wrongIntact: number;
  wrongDamaged: number;
  wrongDestroyed: number;
  /** ...of which on a pasted copy of the annotated text (most of the answer's units are copies of
   *  the annotation's units) while the original survives, intact or damaged. */
  wrongOnCopyOriginalSurvives: number;
  missing: number;
  /** Intact annotations whose text also exists as a pasted copy somewhere in the final text (the
   *  figure before the (a)/(b) split), of which told apart, and how many exact. */
  intactWithCopy: number;
  intactWithCopyExact: number;
  apartWithCopy: number;
  apartWithCopyExact: number;
}

export function newTally(): Tally {
  return {
    intact: 0, intactExact: 0, intactOrphaned: 0, apart: 0, apartExact: 0, tied: 0, tiedOrphaned: 0,
    tiedOriginal: 0, tiedCopy: 0, damaged: 0, damagedKept: 0, damagedOrphaned: 0, destroyed: 0,
    destroyedOrphaned: 0, indistinguishable: 0, wrong: 0, wrongIntact: 0, wrongDamaged: 0,
    wrongDestroyed: 0, wrongOnCopyOriginalSurvives: 0, missing: 0, intactWithCopy: 0,
    intactWithCopyExact: 0, apartWithCopy: 0, apartWithCopyExact: 0,
  };
}

/** Most units of [a, b) are copies of units of the annotation (for the breakdown of wrong answers). */
export function mostlyCopy(doc: Doc, s: Span, a: number, b: number): boolean {
  let n = 0;
  for (let j = a; j < b; j++) {
    const id = doc.ids[j];
    if (id >= COPY + s.start && id < COPY + s.end) n++;
  }
  return b > a && 2 * n > b - a;
}

export function count(t: Tally, truth: Truth, v: Verdict, excused: boolean, onCopy: boolean, copy: CopyClass): void {
  if (truth.kind === 'intact') {
    t.intact++;
    if (v === 'exact') t.intactExact++;
    if (v === 'orphan') t.intactOrphaned++;
    if (copy !== 'none') {
      t.intactWithCopy++;
      if (v === 'exact') t.intactWithCopyExact++;
    }
    if (copy === 'tied') {
      t.tied++;
      if (v === 'orphan') t.tiedOrphaned++;
      else if (v === 'exact') t.tiedOriginal++;
      else t.tiedCopy++;
    } else {
      t.apart++;
      if (v === 'exact') t.apartExact++;
      if (copy === 'told-apart') {
        t.apartWithCopy++;
        if (v === 'exact') t.apartWithCopyExact++;
      }
    }
  } else if (truth.kind === 'damaged') {
    t.damaged++;
    if (v === 'acceptable') t.damagedKept++;
    if (v === 'orphan') t.damagedOrphaned++;
  } else {
    t.destroyed++;
    if (v === 'orphan') t.destroyedOrphaned++;
  }
  if (v !== 'wrong') return;
  if (excused) {
    t.indistinguishable++;
    return;
  }
  t.wrong++;
  if (truth.kind === 'intact') t.wrongIntact++;
  else if (truth.kind === 'damaged') t.wrongDamaged++;
  else t.wrongDestroyed++;
  if (onCopy && truth.kind !== 'destroyed') t.wrongOnCopyOriginalSurvives++;
}

export function pct(a: number, b: number): string {
  return b ? ((100 * a) / b).toFixed(2) + '%' : 'n/a';
}

/** (c), the headline: intact annotations re-anchored exactly, or orphaned where a copy ties them. */
export const headline = (t: Tally) => (t.intactExact + t.tiedOrphaned) / t.intact;

export function summary(name: string, t: Tally, total: number): string {
  const copyFree = t.intact - t.intactWithCopy;
  return [
    `${name}:`,
    `  (c) intact exact or correctly orphaned: ${pct(t.intactExact + t.tiedOrphaned, t.intact)} of ${t.intact}`,
    `  (a) intact, can be told apart: ${t.apart}, exact ${t.apartExact} (${pct(t.apartExact, t.apart)})` +
      ` [with a copy told apart: ${t.apartWithCopy}, exact ${pct(t.apartWithCopyExact, t.apartWithCopy)}]`,
    `  (b) intact with an indistinguishable copy: ${t.tied}: orphaned (correct) ${t.tiedOrphaned}, on the original ${t.tiedOriginal}, on the copy ${t.tiedCopy}`,
    `  intact exact (all intact, the old figure): ${t.intactExact} (${pct(t.intactExact, t.intact)}), orphaned ${t.intactOrphaned}` +
      ` [without a pasted copy: ${pct(t.intactExact - t.intactWithCopyExact, copyFree)} exact; with one (${t.intactWithCopy}): ${pct(t.intactWithCopyExact, t.intactWithCopy)}]`,
    `  damaged ${t.damaged}, kept ${t.damagedKept}, orphaned ${t.damagedOrphaned}; ` +
      `destroyed ${t.destroyed}, orphaned ${t.destroyedOrphaned}, on an indistinguishable copy ${t.indistinguishable}`,
    `  wrong ${t.wrong} (${pct(t.wrong, total)}; intact ${t.wrongIntact}, damaged ${t.wrongDamaged}, destroyed ${t.wrongDestroyed}; ` +
      `on a copy while the original survives ${t.wrongOnCopyOriginalSurvives}); missing ${t.missing}`,
  ].join('\n');
}
