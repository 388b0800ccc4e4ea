/**
 * What one `reanchor` call works on: the normalised text, the prepared targets, and the anchors found
 * so far. The passes (position-pass.ts, twin-check.ts, search.ts) read and fill it in turn.
 */
import { NormalizedText } from './text';
import type { TwinIndex } from './twins';
import type { AnchorMethod, AnchorResult, AnchorTarget } from './types';

/** Whole-text scans allowed per call, in multiples of the text length (at least GLOBAL_SCAN_MIN
 *  units): a 1 MB article gets 64 scans (about 30 ms). Annotations that would need more (a text
 *  rewritten throughout) are orphaned instead of making the call slow. */
const GLOBAL_SCAN_BUDGET = 64;
const GLOBAL_SCAN_MIN = 64_000_000;
/** Cap on exact occurrences examined in a whole-text search (a 2-letter quote in 1 MB). */
const MAX_GLOBAL_OCCURRENCES = 5000;

/** A target ready for comparison (see prepare.ts). Offsets are in the coordinates of `State.N`. */
export interface Prepared {
  index: number;
  exact: string;
  prefix: string;
  suffix: string;
  len: number;
  /** Old start in normalised coordinates (best guess when line ends changed). */
  hint: number;
  oldStart: number;
  oldEnd: number;
  /** The parts of prefix/suffix inside the annotation's own paragraph (up to the nearest line
   *  break): context beyond a line break changes whenever paragraphs are moved, inserted or deleted,
   *  and then matches other text by accident, so only this part is evidence of the place. */
  ownPrefix: string;
  ownSuffix: string;
  /** The same, cut at the nearest sentence end too (sentences get deleted and inserted as well);
   *  computed when first needed. */
  sentPrefix: string;
  sentSuffix: string;
  /** Exact occurrences of the quote in the text, counted when first needed (-1: not yet). */
  count: number;
  /** Index in old order (sorted by hint). */
  rank: number;
}

/** Where an annotation was found (offsets in N). */
export interface Anchor {
  start: number;
  end: number;
  delta: number; // start - hint
  score: number;
  method: AnchorMethod;
}

/** Searches `text` for `pattern` between [from, to) (a match must end by `to`), up to `max` hits.
 *  The window is searched as a slice: `indexOf` on the whole text would run on to its end on a miss. */
export function occurrences(text: string, pattern: string, from: number, to: number, max: number): number[] {
  const out: number[] = [];
  if (!pattern) return out;
  from = Math.max(0, from);
  to = Math.min(to, text.length);
  if (to - from < pattern.length) return out;
  const hay = from === 0 && to === text.length ? text : text.slice(from, to);
  for (let i = hay.indexOf(pattern); i >= 0; i = hay.indexOf(pattern, i + 1)) {
    out.push(from + i);
    if (out.length >= max) break;
  }
  return out;
}

/** First index in `xs` (sorted by `key`) whose key is not below `at`. */
export function lowerBound<T>(xs: readonly T[], at: number, key: (x: T) => number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (key(xs[mid]) < at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export const byHint = (t: Prepared) => t.hint;
export const byStart = (a: Anchor) => a.start;

/** The text as re-anchoring compares it: normalised, between two line breaks (see `State.N`). */
export function matchText(nt: NormalizedText): string {
  return '\n' + nt.text + '\n';
}

export class State {
  readonly nt: NormalizedText;
  /**
   * The normalised text between two line breaks that stand for the ends of the document: an
   * annotation at the very start "follows a line break" (and still does after a new first line is
   * inserted), while the same words repeated mid-paragraph later do not. Offsets in N are
   * normalised offsets + 1.
   */
  readonly N: string;
  readonly preps: (Prepared | null)[];
  readonly anchors: (Anchor | null)[];
  readonly ambiguous: boolean[];
  readonly results: AnchorResult[];
  /** The prepared targets by old position (set by prepare.ts). */
  order: Prepared[] = [];
  /** How far the end of the document moved, when a stored context reached it (else null). */
  endDelta: number | null = null;
  /** Where paragraphs appear twice (built by the twin check when first needed). */
  twinIndex: TwinIndex | null = null;

  /** Units of whole-text scanning left (see GLOBAL_SCAN_BUDGET). */
  private scanBudget: number;
  private readonly quoteHits = new Map<string, number[] | null>();

  constructor(
    text: string,
    readonly targets: readonly AnchorTarget[],
    readonly ctxLen: number,
    /** What the old text repeated (repeats.ts), when the targets came with it. */
    readonly repeats: ReadonlyMap<number, number> | null = null,
  ) {
    this.nt = new NormalizedText(text);
    this.N = matchText(this.nt);
    this.scanBudget = Math.max(GLOBAL_SCAN_MIN, GLOBAL_SCAN_BUDGET * this.N.length);
    this.preps = new Array(targets.length).fill(null);
    this.anchors = new Array(targets.length).fill(null);
    this.ambiguous = new Array(targets.length).fill(false);
    this.results = new Array(targets.length);
  }

  /** The anchor of target i if it can serve as a landmark (anchored and not ambiguous). */
  landmark(i: number): Anchor | null {
    return this.ambiguous[i] ? null : this.anchors[i];
  }

  /**
   * Occurrences of `pattern` in the whole text, or null when the scan budget is spent (then the
   * caller treats the annotation as not found rather than slow everything down).
   */
  scanAll(pattern: string, max: number): number[] | null {
    if (this.scanBudget < this.N.length) return null;
    this.scanBudget -= this.N.length;
    return occurrences(this.N, pattern, 0, this.N.length, max);
  }

  /** All exact occurrences of a quote (memoised: many annotations share a name). */
  quoteOccurrences(exact: string): number[] | null {
    let hits = this.quoteHits.get(exact);
    if (hits === undefined) {
      hits = this.scanAll(exact, MAX_GLOBAL_OCCURRENCES);
      this.quoteHits.set(exact, hits);
    }
    return hits;
  }

  /** Exact occurrences of the quote in the whole text (2 when unknown: only "unique or not" matters). */
  quoteCount(t: Prepared): number {
    if (t.count < 0) t.count = this.quoteOccurrences(t.exact)?.length ?? 2;
    return t.count;
  }
}
