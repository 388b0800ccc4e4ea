/**
 * In-editor replay: while the article is open, every change the editor reports is applied to every
 * annotation's offsets. Each span also keeps a run-length record of which of its units are original
 * and which were typed inside it, so "how much of it is still the annotated text" is exact rather
 * than guessed from the final length.
 */
import type { AnchorTarget, EditReplayResult, TextEdit } from './types';

/**
 * An annotation is orphaned once (original units deleted + units inserted inside it) reach half of
 * its original length. Below that the span still overlaps its surviving text by more than half of
 * either span, which is what "the same annotation, edited" means; at or above it, most of what it
 * pointed at is gone and re-attaching would be a guess. A fully deleted span is always orphaned.
 */
export const ORPHAN_DAMAGE = 0.5;

interface SpanState {
  start: number;
  end: number;
  readonly originalStart: number;
  readonly originalEnd: number;
  readonly originalLength: number;
  /** Runs covering [start, end): > 0 a run of original units, < 0 a run of inserted units. */
  runs: number[];
  lost: number;
  inserted: number;
  orphaned: boolean;
}

function insertLengthOf(e: TextEdit): number {
  return e.insertText !== undefined ? e.insertText.length : Math.max(0, e.insertLength ?? 0);
}

/** Removes units [from, to) (relative to the span start) from the runs; returns [original, inserted] removed. */
function cutRuns(runs: number[], from: number, to: number): [number[], number, number] {
  const out: number[] = [];
  let pos = 0;
  let orig = 0;
  let ins = 0;
  for (const r of runs) {
    const len = Math.abs(r);
    const a = pos;
    const b = pos + len;
    pos = b;
    const cutA = Math.max(a, from);
    const cutB = Math.min(b, to);
    if (cutB <= cutA) {
      pushRun(out, r);
      continue;
    }
    const removed = cutB - cutA;
    if (r > 0) orig += removed;
    else ins += removed;
    const sign = r > 0 ? 1 : -1;
    if (cutA > a) pushRun(out, sign * (cutA - a));
    if (b > cutB) pushRun(out, sign * (b - cutB));
  }
  return [out, orig, ins];
}

/** Inserts an inserted-units run of length k at relative offset at. */
function insertRun(runs: number[], at: number, k: number): number[] {
  const out: number[] = [];
  let pos = 0;
  let done = false;
  for (const r of runs) {
    const len = Math.abs(r);
    if (!done && at <= pos) {
      pushRun(out, -k);
      done = true;
    }
    if (!done && at < pos + len) {
      const sign = r > 0 ? 1 : -1;
      pushRun(out, sign * (at - pos));
      pushRun(out, -k);
      pushRun(out, sign * (pos + len - at));
      done = true;
    } else {
      pushRun(out, r);
    }
    pos += len;
  }
  if (!done) pushRun(out, -k);
  return out;
}

function pushRun(out: number[], r: number): void {
  if (r === 0) return;
  const last = out.length - 1;
  if (last >= 0 && Math.sign(out[last]) === Math.sign(r)) out[last] += r;
  else out.push(r);
}

/**
 * Keeps a set of annotation spans in step with the editor. Feed it every content change (in the
 * order the editor reports them: each change's offset refers to the text after the previous
 * change; VS Code's `contentChanges` of one event are ordered that way) and read the results.
 *
 * Rules:
 * - a change entirely before a span shifts it; one entirely after leaves it alone;
 * - a pure insertion exactly at a span's start or end stays outside it (typing next to a name does
 *   not grow the name); strictly inside, it grows the span and counts as damage;
 * - a deletion overlapping a span shrinks it and counts the lost original units as damage; text that
 *   replaces part of a span joins the span (it replaced annotated text) and counts as damage;
 * - at damage >= ORPHAN_DAMAGE, or when no original unit survives, the annotation is orphaned for
 *   good (its result stays in the list, with status 'orphaned': never silently dropped).
 */
export class EditTracker {
  private readonly spans: SpanState[];

  constructor(targets: readonly AnchorTarget[]) {
    this.spans = targets.map((t) => {
      const s = Math.min(t.position.start, t.position.end);
      const e = Math.max(t.position.start, t.position.end);
      return {
        start: s,
        end: e,
        originalStart: s,
        originalEnd: e,
        originalLength: e - s,
        runs: e > s ? [e - s] : [],
        lost: 0,
        inserted: 0,
        orphaned: false,
      };
    });
  }

  /** Applies changes one after another. */
  apply(changes: readonly TextEdit[]): void {
    for (const c of changes) this.applyOne(c.offset, Math.max(0, c.deleteLength), insertLengthOf(c));
  }

  private applyOne(o: number, del: number, k: number): void {
    const delEnd = o + del;
    const diff = k - del;
    for (const sp of this.spans) {
      if (sp.orphaned) continue;
      const { start: s, end: e } = sp;
      if (del === 0) {
        if (k === 0) continue;
        if (o <= s) {
          sp.start += k;
          sp.end += k;
        } else if (o < e) {
          sp.runs = insertRun(sp.runs, o - s, k);
          sp.inserted += k;
          sp.end += k;
          this.check(sp);
        }
        continue;
      }
      if (delEnd <= s) {
        // Entirely before (a deletion ending exactly at the start does not touch the span).
        sp.start += diff;
        sp.end += diff;
        continue;
      }
      if (o >= e) continue; // entirely after
      // Overlap: cut the deleted part of the span.
      const from = Math.max(o, s) - s;
      const to = Math.min(delEnd, e) - s;
      const [runs, orig, ins] = cutRuns(sp.runs, from, to);
      sp.lost += orig;
      sp.inserted -= ins;
      const newStart = Math.min(o, s);
      sp.start = newStart;
      sp.end = newStart + (e - s) - (to - from);
      sp.runs = runs;
      if (k > 0) {
        // The replacement text took the place of annotated text: it belongs to the span.
        sp.runs = insertRun(sp.runs, o - newStart > 0 ? o - newStart : 0, k);
        sp.inserted += k;
        sp.end += k;
      }
      this.check(sp);
    }
  }

  private check(sp: SpanState): void {
    const hasOriginal = sp.runs.some((r) => r > 0);
    if (!hasOriginal || (sp.lost + sp.inserted) >= ORPHAN_DAMAGE * sp.originalLength) sp.orphaned = true;
  }

  /** One result per target, in the order given. */
  results(): EditReplayResult[] {
    return this.spans.map((sp) => {
      const damage = sp.originalLength > 0 ? (sp.lost + sp.inserted) / sp.originalLength : 0;
      if (sp.orphaned) return { status: 'orphaned', damage, reason: 'deleted' };
      const same = sp.start === sp.originalStart && sp.end === sp.originalEnd;
      return { status: same ? 'anchored' : 'moved', start: sp.start, end: sp.end, damage };
    });
  }
}

/**
 * One-shot replay: applies `changes` (in order) to the targets' positions. For a document that stays
 * open across many change events, keep one `EditTracker` instead, so damage adds up across events.
 */
export function applyEdits(targets: readonly AnchorTarget[], changes: readonly TextEdit[]): EditReplayResult[] {
  const t = new EditTracker(targets);
  t.apply(changes);
  return t.results();
}
