/**
 * Re-anchoring after the article changed outside the editor: given the new text and the stored
 * targets (old position + quote with context), find each annotation's new place or orphan it.
 *
 * Two demands shape it: no wrong answers, and 10,000 annotations on a 1 MB article within a few
 * hundred ms (see `reanchor` for the measured cost). Most annotations still sit at their old offset, or at their old offset plus the shift
 * ("delta") of the annotation before them; only the rest is searched, and only near where its
 * neighbours say it should be.
 *
 * 1. Position pass (sequential in old order). Each annotation is checked at `old + delta` for a few
 *    recent deltas: the quote must be there AND the full stored prefix and suffix around it (the
 *    quote alone at the old offset is often another mention: "Russia" in "Russian troops" after an
 *    insertion). When no recent delta fits, the full context string is looked for near the
 *    predicted place (then in the whole text): found once, it gives the new delta, unless the old
 *    place still holds the annotation's surroundings (then it was edited there, and this is a copy).
 * 2. Twin check. A paragraph pasted anywhere gives the same text as the paragraph moved there and a
 *    copy pasted where it was, and either copy may be edited afterwards: the text cannot tell which
 *    place holds the original, however well one of them matches the stored context. Every anchored
 *    annotation whose paragraph appears twice, whole or in good part (twins.ts), is orphaned
 *    ('ambiguous'), unless the twin is text that was there before at another old place (a phrase or
 *    paragraph the article repeats): the anchors around it shifted alike and the annotations it held
 *    are found in it, or an annotation anchored in it came from elsewhere. Found in the search pass,
 *    an annotation goes through the same check.
 * 3. Search, only for what is left. Anchored neighbours are landmarks: the nearest one before and
 *    after predict the place. Candidates: the exact quote near the prediction, then an approximate
 *    match (approx-string-match) near it, then the exact quote anywhere (moved text). Each is scored
 *    on quote, context and distance; acceptance needs evidence in proportion to the doubt (see
 *    `acceptable`), and a second place scoring about as well means orphan, not a guess.
 *
 * "Context" that counts as evidence is mostly the annotation's own paragraph: the part of the stored
 * prefix/suffix beyond a line break changes whenever paragraphs move, and then matches unrelated
 * text by accident. Comparison happens on a normalised copy of the text (CRLF -> LF, curly quotes
 * -> straight, no-break spaces -> spaces), so a change of line ends or quote style moves nothing;
 * offsets are mapped back to the raw text.
 */
import approxSearch from 'approx-string-match';
import { CONTEXT_LENGTH } from './describe';
import { contextSimilarity, isWordUnit } from './similarity';
import { NormalizedText, normalizeForMatch } from './text';
import { TwinIndex, type Twin } from './twins';
import type { AnchorMethod, AnchorResult, AnchorTarget } from './types';

// ---------------------------------------------------------------------------------------------
// Scoring constants. Each says why it has its value; the fuzz test (test/unit/reanchor-fuzz.test.ts)
// is the measurement behind them.

/** Weights of a candidate's score (sum 1): the quote matters most; context separates mentions of the
 *  same word; position breaks ties and tells "edited in place" from "moved". */
const W_QUOTE = 0.5;
const W_CONTEXT = 0.35;
const W_POSITION = 0.15;

/** Distance (units) from the predicted start at which the position score falls to 0. Edits between
 *  two landmarks shift an annotation by tens of units, not hundreds. */
const POSITION_SCALE = 64;

/** Exact quote at the exact position both landmarks predict (no shift between them): context
 *  similarity needed. Random English text against a 32-unit context scores 0.3-0.45; the position
 *  itself is strong evidence, so a little above chance suffices. */
const PREDICTED_MIN_CONTEXT = 0.45;
/** Own-paragraph context (see Prepared.ownPrefix) is compared only when at least this long. */
const MIN_OWN = 8;
/** Exact quote near a prediction: an own-paragraph side this similar (a word changed at most) and
 *  overall context clear of chance; short quotes ("In", "US", "Jan") occur everywhere and need more. */
const OWN_NEAR = 0.8;
const OWN_NEAR_ACCEPT = 0.9;
/** ...and the other own-paragraph side (when there is one) must not contradict it: after a sentence
 *  is deleted, the text that follows it lands next to another mention of the same name. */
const NEAR_MIN_OWN_SIDE = 0.5;
const NEAR_MIN_CONTEXT = 0.5;
const SHORT_QUOTE = 5;
const SHORT_MIN_CONTEXT = 0.65;
const NO_OWN_MIN_CONTEXT = 0.75;
/** Exact quote far from every prediction (moved text): an own-paragraph side intact. */
const OWN_FAR = 0.95;
/** ...and its other own-paragraph side (if it has one) must not contradict: news text repeats
 *  phrases ("a Russia-NATO session on January 12" twice in one article), and a repeat matches on one
 *  side only. */
const FAR_MIN_OWN_SIDE = 0.6;
const FAR_MIN_CONTEXT = 0.8;
/** A quote at least this long that occurs once in the text identifies its place with a little
 *  context; a whole paragraph at least UNIQUE_PARAGRAPH long, by itself. */
const UNIQUE_QUOTE = 20;
const UNIQUE_PARAGRAPH = 40;

/** Approximate quote: only for quotes long enough that a few edits leave them recognisable (a 5-letter
 *  name with 2 letters changed is as likely another word), at most 20% of the quote edited (beyond
 *  that the annotation is "mostly destroyed" often enough that re-attaching risks a wrong answer),
 *  near a prediction and with solid context on top. */
const FUZZY_MIN_LENGTH = 16;
const FUZZY_MAX_ERROR_RATE = 0.2;
const FUZZY_MIN_CONTEXT = 0.6;
/** Each side of the context of an approximate match: the annotation was edited inside, its
 *  surroundings should still be there (words pushed in at one end leave that side at about 0.5). */
const FUZZY_MIN_SIDE = 0.7;
/** Edit distance undercounts a replaced word ("rupture" -> "posture" is 3 edits but a new word):
 *  counting whole differing words, a fuzzy match must have changed less than this share of the
 *  quote (the fuzz test's "destroyed" line is 0.5). */
const FUZZY_MAX_WORD_DAMAGE = 0.4;

/** Units an annotation's old paragraph may have lost to edits, beyond its length now (see `pastTwin`). */
const PARAGRAPH_ROOM = 256;

/** Context this similar on both sides leaves no doubt about the place. */
const FULL_CONTEXT = 0.9;

/** A rival also needs overall context clearly above chance. */
const RIVAL_CONTEXT = 0.5;

/** Two candidates whose scores differ by less than this are "alike": orphan rather than guess. */
const RIVAL_MARGIN = 0.08;

/** A failed position check first looks for the full context string this far (units) around the
 *  predicted place: the shift after an insertion or deletion is found without scanning the text. */
const DISCOVERY_WINDOW = 4096;
/** Whole-text scans allowed per call, in multiples of the text length (at least GLOBAL_SCAN_MIN
 *  units): a 1 MB article gets 64 scans (about 30 ms). Annotations that would need more (a text
 *  rewritten throughout) are orphaned instead of making the call slow. */
const GLOBAL_SCAN_BUDGET = 64;
const GLOBAL_SCAN_MIN = 64_000_000;
/** Cap on exact occurrences examined in a whole-text search (a 2-letter quote in 1 MB). */
const MAX_GLOBAL_OCCURRENCES = 5000;
/** Recent deltas tried at each annotation in the position pass. */
const RECENT_DELTAS = 4;

// ---------------------------------------------------------------------------------------------

export interface ReanchorOptions {
  /** Units of context `describe` stored (default CONTEXT_LENGTH); only the first/last this many
   *  units of longer stored contexts are compared. */
  contextLength?: number;
}

interface Prepared {
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

interface Anchor {
  start: number; // normalised
  end: number;
  delta: number; // start - hint
  score: number;
  method: AnchorMethod;
}

/** The anchors the twin checks read (fixed while they run). */
interface Anchored {
  byStart: Anchor[];
  /** By the asking line's start, then the twin line's start. */
  shifts: Map<number, Map<number, number | null>>;
}

interface Candidate {
  start: number;
  end: number;
  qs: number; // quote similarity
  ps: number; // prefix similarity
  ss: number; // suffix similarity
  ctx: number;
  /** Best similarity of an own-paragraph side with at least MIN_OWN units stored (-1: none). */
  own: number;
  /** Worst such similarity (2: none). */
  ownMin: number;
  /** At the exact place one landmark predicts, with that side's own context intact. */
  sideExact: boolean;
  dist: number;
  score: number;
  boundaryOk: boolean;
}

/** Searches `text` for `pattern` between [from, to) (a match must end by `to`), up to `max` hits.
 *  The window is searched as a slice: `indexOf` on the whole text would run on to its end on a miss. */
function occurrences(text: string, pattern: string, from: number, to: number, max: number): number[] {
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

class Reanchorer {
  readonly nt: NormalizedText;
  readonly N: string;
  readonly preps: (Prepared | null)[];
  readonly anchors: (Anchor | null)[];
  readonly ambiguous: boolean[];
  readonly results: AnchorResult[];

  /** Units of whole-text scanning left (see GLOBAL_SCAN_BUDGET). */
  private scanBudget = 0;
  private readonly quoteHits = new Map<string, number[] | null>();
  /** The targets by old position (set by run). */
  private order: Prepared[] = [];
  /** How far the end of the document moved, when a stored context reached it (else null). */
  private endDelta: number | null = null;
  /** Where paragraphs appear twice (built when first needed). */
  private twinIndex: TwinIndex | null = null;

  constructor(text: string, readonly targets: readonly AnchorTarget[], readonly ctxLen: number) {
    this.nt = new NormalizedText(text);
    // A line break stands for each end of the document: an annotation at the very start "follows a
    // line break" (and still does after a new first line is inserted), while the same words repeated
    // mid-paragraph later do not. Offsets in N are normalised offsets + 1.
    this.N = '\n' + this.nt.text + '\n';
    this.scanBudget = Math.max(GLOBAL_SCAN_MIN, GLOBAL_SCAN_BUDGET * this.N.length);
    this.preps = new Array(targets.length).fill(null);
    this.anchors = new Array(targets.length).fill(null);
    this.ambiguous = new Array(targets.length).fill(false);
    this.results = new Array(targets.length);
  }

  run(): AnchorResult[] {
    this.prepare();
    const order = this.preps.filter((p): p is Prepared => p !== null);
    const before = (a: Prepared, b: Prepared) => a.hint - b.hint || a.len - b.len;
    // Sidecars usually list annotations in document order: skip the sort then.
    let sorted = true;
    for (let k = 1; k < order.length && sorted; k++) if (before(order[k - 1], order[k]) > 0) sorted = false;
    if (!sorted) order.sort(before);
    order.forEach((t, i) => (t.rank = i));
    this.order = order;
    this.positionPass(order);
    this.twinCheck(order);
    this.searchPass(order);
    return this.finish();
  }

  // -- preparation ------------------------------------------------------------------------------

  private prepare(): void {
    const { targets, nt } = this;
    const n = targets.length;
    const num = (x: unknown) => (typeof x === 'number' && Number.isFinite(x) ? Math.max(0, Math.floor(x)) : 0);
    const startOf = (t: AnchorTarget) => Math.min(num(t.position?.start), num(t.position?.end));
    // Old offsets count CRLF as two units if the old text had CRLF. When the new text has CRLF we do
    // not know whether the old one did: probe a sample both ways and keep the reading that holds more.
    let convert = false;
    if (nt.hasCrlf) {
      let asRaw = 0;
      let asNorm = 0;
      const step = Math.max(1, Math.floor(n / 64));
      for (let i = 0; i < n; i += step) {
        const q = targets[i].quote;
        const exact = typeof q?.exact === 'string' ? normalizeForMatch(q.exact) : '';
        if (!exact) continue;
        const s = startOf(targets[i]);
        if (this.N.startsWith(exact, nt.fromRaw(s) + 1)) asRaw++;
        if (this.N.startsWith(exact, s + 1)) asNorm++;
      }
      convert = asRaw >= asNorm;
    }
    for (let i = 0; i < n; i++) {
      const t = targets[i];
      const q = t.quote;
      const exact = typeof q?.exact === 'string' ? normalizeForMatch(q.exact) : '';
      if (!exact) {
        this.results[i] = { status: 'orphaned', reason: 'empty' };
        continue;
      }
      const s = startOf(t);
      const e = Math.max(num(t.position?.start), num(t.position?.end));
      const rawPrefix = typeof q.prefix === 'string' ? q.prefix : '';
      const rawSuffix = typeof q.suffix === 'string' ? q.suffix : '';
      // Context cut short by the document's start or end: add the end-of-document line break.
      const atStart = s === rawPrefix.length && rawPrefix.length < this.ctxLen;
      const atEnd = rawSuffix.length < this.ctxLen - 1;
      let prefix = normalizeForMatch(rawPrefix);
      if (prefix.length > this.ctxLen) prefix = prefix.slice(-this.ctxLen);
      if (atStart) prefix = '\n' + prefix;
      let suffix = normalizeForMatch(rawSuffix);
      if (suffix.length > this.ctxLen) suffix = suffix.slice(0, this.ctxLen);
      if (atEnd) {
        suffix += '\n';
        // The old end of the document, in the coordinates of N (whose last unit is the end sentinel).
        if (this.endDelta === null && !convert) this.endDelta = this.N.length - 1 - (s + 1 + exact.length + suffix.length - 1);
      }
      const nlP = prefix.lastIndexOf('\n');
      const nlS = suffix.indexOf('\n');
      this.preps[i] = {
        index: i,
        exact,
        prefix,
        suffix,
        len: exact.length,
        hint: (convert ? nt.fromRaw(s) : s) + 1,
        oldStart: s,
        oldEnd: e,
        ownPrefix: nlP >= 0 ? prefix.slice(nlP + 1) : prefix,
        ownSuffix: nlS >= 0 ? suffix.slice(0, nlS) : suffix,
        sentPrefix: '',
        sentSuffix: '',
        count: -1,
        rank: -1,
      };
    }
  }

  /**
   * Occurrences of `pattern` in the whole text, or null when the scan budget is spent (then the
   * caller treats the annotation as not found rather than slow everything down).
   */
  private scanAll(pattern: string, max: number): number[] | null {
    if (this.scanBudget < this.N.length) return null;
    this.scanBudget -= this.N.length;
    return occurrences(this.N, pattern, 0, this.N.length, max);
  }

  /** All exact occurrences of a quote (memoised: many annotations share a name). */
  private quoteOccurrences(exact: string): number[] | null {
    let hits = this.quoteHits.get(exact);
    if (hits === undefined) {
      hits = this.scanAll(exact, MAX_GLOBAL_OCCURRENCES);
      this.quoteHits.set(exact, hits);
    }
    return hits;
  }

  // -- pass 1: position -------------------------------------------------------------------------

  /** Quote at p with the full stored prefix and suffix around it. */
  private holds(t: Prepared, p: number): boolean {
    const N = this.N;
    if (p < t.prefix.length || p + t.len + t.suffix.length > N.length) return false;
    return N.startsWith(t.exact, p) && N.startsWith(t.prefix, p - t.prefix.length) && N.startsWith(t.suffix, p + t.len);
  }

  private positionPass(order: Prepared[]): void {
    const recent: number[] = [0];
    const discovered: Prepared[] = [];
    let failedBefore = false;
    for (const t of order) {
      let found = -1;
      for (const d of recent) {
        if (this.holds(t, t.hint + d)) {
          found = t.hint + d;
          break;
        }
      }
      if (found < 0 && (t.prefix.length > 0 || t.suffix.length > 0)) {
        // Discover the new delta: the full context string, if it occurs exactly once, and unless the
        // place the annotation should be at still holds its surroundings (then it was edited there
        // and this is another copy: a repeated title, a pasted paragraph).
        const full = t.prefix + t.exact + t.suffix;
        const p0 = t.hint + recent[0] - t.prefix.length;
        let hits = occurrences(this.N, full, p0 - DISCOVERY_WINDOW, p0 + full.length + DISCOVERY_WINDOW, 2);
        // The whole text only when the annotation before failed too: one failure is usually an edit
        // next to the annotation (scanning would find nothing), a run of them a large shift.
        if (!hits.length && failedBefore) hits = this.scanAll(full, 2) ?? [];
        failedBefore = hits.length !== 1;
        if (hits.length === 1) {
          const p = hits[0] + t.prefix.length;
          if (!this.surroundingsNear(t, [t.hint + recent[0], t.hint], p)) {
            this.anchors[t.index] = { start: p, end: p + t.len, delta: p - t.hint, score: 1, method: 'context' };
            discovered.push(t);
            promote(recent, p - t.hint);
          }
        }
        continue;
      }
      if (found >= 0) {
        this.anchors[t.index] = { start: found, end: found + t.len, delta: found - t.hint, score: 1, method: 'position' };
        promote(recent, found - t.hint);
        failedBefore = false;
      }
    }
    // Check discoveries again with both neighbours known.
    for (const t of discovered) {
      const a = this.anchors[t.index]!;
      const { left, right } = this.neighbours(order, t);
      if (this.surroundingsNear(t, this.predictions(t, left, right), a.start)) this.anchors[t.index] = null;
    }
  }

  /** Nearest anchored annotations before and after t in old order (other than t). */
  private neighbours(order: Prepared[], t: Prepared): { left: Anchor | null; right: Anchor | null } {
    // order is sorted by hint; find t's position by binary search then walk.
    let lo = 0;
    let hi = order.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (order[mid].hint < t.hint) lo = mid + 1;
      else hi = mid;
    }
    let left: Anchor | null = null;
    let right: Anchor | null = null;
    for (let k = lo - 1; k >= 0 && !left; k--) {
      const a = this.anchors[order[k].index];
      if (a && !this.ambiguous[order[k].index]) left = a;
    }
    for (let k = lo; k < order.length && !right; k++) {
      if (order[k] === t) continue;
      const a = this.anchors[order[k].index];
      if (a && !this.ambiguous[order[k].index]) right = a;
    }
    return { left, right };
  }

  private predictions(t: Prepared, left: Anchor | null, right: Anchor | null): number[] {
    const out: number[] = [];
    if (left) out.push(t.hint + left.delta);
    if (right && (!left || right.delta !== left.delta)) out.push(t.hint + right.delta);
    if (!out.length) out.push(t.hint);
    return out;
  }

  /**
   * Does the text around a predicted place still hold the annotation's surroundings: the end of its
   * prefix and the start of its suffix, in order, about a quote's length apart? Then the annotation
   * was edited where it stood and an exact match elsewhere is another copy, not the annotation.
   */
  private surroundingsNear(t: Prepared, preds: number[], except = -1): boolean {
    const tailLen = Math.min(16, t.prefix.length);
    const headLen = Math.min(16, t.suffix.length);
    if (tailLen < 8 || headLen < 8) return false;
    const tail = t.prefix.slice(-tailLen);
    const head = t.suffix.slice(0, headLen);
    const slack = 64 + t.len;
    for (const p of preds) {
      const ends = occurrences(this.N, tail, p - slack - tailLen, p + slack, 8).map((i) => i + tailLen);
      if (!ends.length) continue;
      const heads = occurrences(this.N, head, p - slack, p + t.len + slack + headLen, 8);
      for (const a of ends) {
        if (a === except) continue;
        for (const b of heads) if (b >= a && b - a <= 2 * t.len + 32) return true;
      }
    }
    return false;
  }

  // -- pass 2: twins ---------------------------------------------------------------------------

  /** Orphans ('ambiguous') every anchored annotation among `ts` whose paragraph has a twin (see `twinned`). */
  private twinCheck(ts: Prepared[]): void {
    const anchored = this.anchoredByStart();
    const twinned = ts.filter((t) => {
      const a = this.anchors[t.index];
      return a && !this.ambiguous[t.index] && this.twinned(a, anchored);
    });
    for (const t of twinned) {
      this.anchors[t.index] = null;
      this.ambiguous[t.index] = true;
    }
  }

  /** Anchored annotations (not ambiguous), by start, with a memo of `oldTextShift` by line. */
  private anchoredByStart(): Anchored {
    const byStart: Anchor[] = [];
    for (let i = 0; i < this.anchors.length; i++) {
      const a = this.anchors[i];
      if (a && !this.ambiguous[i]) byStart.push(a);
    }
    return { byStart: byStart.sort((x, y) => x.start - y.start), shifts: new Map() };
  }

  /**
   * Does the paragraph of anchor a appear twice in the text (whole, or in good part: one copy may have
   * been edited)? Then the text cannot tell which place is the annotation's: a paragraph pasted at B
   * gives the same text as the paragraph moved to B and a copy pasted where it was, so the original
   * may be either, whichever holds more of the stored context, and whether the copies lie next to each
   * other or far apart. Only a twin that is text which was there before is set aside (see `pastTwin`).
   */
  private twinned(a: Anchor, anchored: Anchored): boolean {
    const index = (this.twinIndex ??= new TwinIndex(this.N));
    const [ls, le] = index.lineAround(a.start, a.end);
    for (const [s, e] of index.lineCandidates(ls, le)) {
      if (this.oldElsewhere(a, s, e, ls, le, anchored)) continue; // (before comparing the lines: cheaper)
      const tw = index.lineTwin(ls, le, s, e);
      if (tw && this.pasted(a, tw, ls, le, anchored)) return true;
    }
    for (const tw of index.sampleTwinsOf(a.start, a.end)) {
      if (!this.oldElsewhere(a, tw.lineFrom, tw.lineTo, ls, le, anchored) && this.pasted(a, tw, ls, le, anchored)) return true;
    }
    return false;
  }

  /** Line [ts, te) is text that was there before, at an old place that did not hold a: a repeat, not a paste. */
  private oldElsewhere(a: Anchor, ts: number, te: number, ls: number, le: number, anchored: Anchored): boolean {
    let memo = anchored.shifts.get(ls);
    if (!memo) anchored.shifts.set(ls, (memo = new Map()));
    let shift = memo.get(ts);
    if (shift === undefined) memo.set(ts, (shift = this.oldTextShift(ts, te, ls, le, anchored.byStart)));
    const hint = a.start - a.delta;
    return shift !== null && (hint + (a.end - a.start) <= ts - shift || hint >= te - shift);
  }

  /** The twin may be where a was pasted from, or a pasted copy of it: no annotation in it vouches otherwise. */
  private pasted(a: Anchor, tw: Twin, ls: number, le: number, anchored: Anchored): boolean {
    // How far from a's old place an annotation of its old paragraph can have been: the longer of the
    // two lines, and room for what edits took out of it.
    const reach = Math.max(le - ls, tw.lineTo - tw.lineFrom) + PARAGRAPH_ROOM;
    return !pastTwin(a, tw.from, tw.to, tw.from - tw.shift, tw.to - tw.shift, anchored.byStart, reach);
  }

  /**
   * The shift of [from, to) if it is text that was there before, as far as the anchors show: the
   * nearest anchored annotations before and after it (outside [ownFrom, ownTo), the line asking; or the
   * start of the document, and its end when a stored context reached it) have shifted alike, so in all
   * nothing was inserted or deleted around it (a pasted paragraph shifts what follows it by its
   * length); and the annotations that were in that old stretch of text, if any, are found in it (at
   * least one, none elsewhere: a paste and a deletion of the same length around it would make the
   * shifts agree, and the deleted annotations go missing). Null otherwise.
   */
  private oldTextShift(from: number, to: number, ownFrom: number, ownTo: number, anchored: Anchor[]): number | null {
    let lo = 0;
    let hi = anchored.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (anchored[mid].start < to) lo = mid + 1;
      else hi = mid;
    }
    const outside = (x: Anchor) => x.end <= ownFrom || x.start >= ownTo;
    let next: Anchor | null = null;
    for (let k = lo; k < anchored.length && !next; k++) if (outside(anchored[k])) next = anchored[k];
    let prev: Anchor | null = null;
    for (let k = lo - 1; k >= 0 && !prev; k--) if (anchored[k].end <= from && outside(anchored[k])) prev = anchored[k];
    const before = prev ? prev.delta : 0;
    const after = next ? next.delta : this.endDelta;
    if (after !== before) return null;
    const order = this.order;
    lo = 0;
    hi = order.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (order[mid].hint < from - before) lo = mid + 1;
      else hi = mid;
    }
    let found = 0;
    let targets = 0;
    for (let k = lo; k < order.length && order[k].hint < to - before; k++) {
      targets++;
      const a = this.anchors[order[k].index];
      if (!a || this.ambiguous[order[k].index]) continue;
      if (a.delta !== before) return null;
      found++;
    }
    return found || !targets ? before : null;
  }

  // -- pass 3: search ---------------------------------------------------------------------------

  private searchPass(order: Prepared[]): void {
    // Landmarks are fixed before the search so its answers do not feed on each other.
    const pending = order.filter((t) => !this.anchors[t.index] && !this.ambiguous[t.index]);
    if (!pending.length) return;
    // Nearest landmark before and after each rank, in one sweep each way.
    const n = order.length;
    const before: (Anchor | null)[] = new Array(n);
    const after: (Anchor | null)[] = new Array(n);
    let last: Anchor | null = null;
    for (let k = 0; k < n; k++) {
      before[k] = last;
      const a = this.anchors[order[k].index];
      if (a && !this.ambiguous[order[k].index]) last = a;
    }
    last = null;
    for (let k = n - 1; k >= 0; k--) {
      after[k] = last;
      const a = this.anchors[order[k].index];
      if (a && !this.ambiguous[order[k].index]) last = a;
    }
    const found: [Prepared, Anchor | null, boolean][] = [];
    const anchored = this.anchoredByStart();
    for (const t of pending) {
      const left = before[t.rank];
      const right = after[t.rank];
      const r = this.search(t, left, right);
      if (r.anchor && this.twinned(r.anchor, anchored)) {
        found.push([t, null, true]);
        continue;
      }
      found.push([t, r.anchor, r.ambiguous]);
    }
    for (const [t, a, amb] of found) {
      this.anchors[t.index] = a;
      if (amb) this.ambiguous[t.index] = true;
    }
  }

  private boundaryOk(t: Prepared, start: number, end: number): boolean {
    // The annotation's edges must keep their word-boundary status: a quote that began or ended at a
    // word boundary must not now begin or end inside a word ("Russia" in "Russian"), and vice versa.
    const N = this.N;
    const ex = t.exact;
    const wasJoinedLeft = t.prefix.length > 0 && isWordUnit(t.prefix.charCodeAt(t.prefix.length - 1)) && isWordUnit(ex.charCodeAt(0));
    const isJoinedLeft = start > 0 && isWordUnit(N.charCodeAt(start - 1)) && isWordUnit(N.charCodeAt(start));
    const wasJoinedRight = t.suffix.length > 0 && isWordUnit(t.suffix.charCodeAt(0)) && isWordUnit(ex.charCodeAt(ex.length - 1));
    const isJoinedRight = end < N.length && isWordUnit(N.charCodeAt(end)) && isWordUnit(N.charCodeAt(end - 1));
    return wasJoinedLeft === isJoinedLeft && wasJoinedRight === isJoinedRight;
  }

  private score(t: Prepared, start: number, end: number, errors: number, preds: number[], pl: number | null, pr: number | null): Candidate {
    const qs = Math.max(0, 1 - errors / t.len);
    const ps = contextSimilarity(this.N, start, t.prefix, -1);
    const ss = contextSimilarity(this.N, end, t.suffix, 1);
    const ctx = weightedContext(t, ps, ss);
    let dist = Infinity;
    for (const p of preds) dist = Math.min(dist, Math.abs(start - p));
    const pos = Math.max(0, 1 - dist / POSITION_SCALE);
    let own = -1;
    let ownMin = 2;
    if (t.ownPrefix.length >= MIN_OWN) {
      const ownP = t.ownPrefix.length === t.prefix.length ? ps : contextSimilarity(this.N, start, t.ownPrefix, -1);
      own = Math.max(own, ownP);
      ownMin = Math.min(ownMin, ownP);
    }
    if (t.ownSuffix.length >= MIN_OWN) {
      const ownS = t.ownSuffix.length === t.suffix.length ? ss : contextSimilarity(this.N, end, t.ownSuffix, 1);
      own = Math.max(own, ownS);
      ownMin = Math.min(ownMin, ownS);
    }
    // Exactly where one landmark predicts, with the context on that landmark's side intact: nothing
    // changed between that landmark and the annotation (the edit that moved the other landmark is on
    // the other side).
    // (Own context cut at sentence ends: after a sentence is deleted, the next one may start with
    // the same word at the very same place.)
    if ((pl === start || pr === start) && t.sentPrefix === '' && t.sentSuffix === '') {
      t.sentPrefix = sentenceTail(t.ownPrefix);
      t.sentSuffix = sentenceHead(t.ownSuffix);
    }
    const sideExact =
      (pl === start && t.sentPrefix.length >= MIN_OWN && contextSimilarity(this.N, start, t.sentPrefix, -1) >= OWN_NEAR) ||
      (pr === start && t.sentSuffix.length >= MIN_OWN && contextSimilarity(this.N, end, t.sentSuffix, 1) >= OWN_NEAR);
    return {
      start,
      end,
      qs,
      ps,
      ss,
      ctx,
      own,
      ownMin,
      sideExact,
      dist,
      score: W_QUOTE * qs + W_CONTEXT * ctx + W_POSITION * pos,
      boundaryOk: this.boundaryOk(t, start, end),
    };
  }

  /** Exact occurrences of the quote in the whole text (up to 2: only "unique or not" matters). */
  private quoteCount(t: Prepared): number {
    if (t.count < 0) t.count = this.quoteOccurrences(t.exact)?.length ?? 2;
    return t.count;
  }

  /**
   * Is candidate c, on its own, good enough? Tiers by how much the evidence vouches for it:
   * - exact quote at the very place both landmarks predict: some context (PREDICTED_MIN_CONTEXT);
   * - a long quote that occurs once in the whole text: the quote itself is the evidence (a copy of
   *   it is caught by the twin check and the "surroundings still there" guard);
   * - exact quote near a prediction: one own-paragraph side mostly intact (OWN_NEAR) and overall
   *   context clear of chance;
   * - exact quote far from any prediction (moved text): one own-paragraph side intact (OWN_FAR);
   * - approximate quote: long quote, few errors, near a prediction, own-paragraph context.
   */
  private acceptable(t: Prepared, c: Candidate, agreed: boolean, far: boolean): boolean {
    if (!c.boundaryOk) return false;
    const near = !far && c.dist <= POSITION_SCALE;
    if (c.qs === 1) {
      if (((agreed && c.dist === 0) || c.sideExact) && c.ctx >= PREDICTED_MIN_CONTEXT) return true;
      // (Still some context, or a whole paragraph: news repeats long phrases too, "Russian President
      // Vladimir Putin", and after one is deleted the other is unique.)
      if (t.len >= UNIQUE_QUOTE && this.quoteCount(t) === 1 && (c.ctx >= PREDICTED_MIN_CONTEXT || (c.own < 0 && t.len >= UNIQUE_PARAGRAPH))) {
        return near || this.sameLineShape(t, c);
      }
      if (near) {
        // No own-paragraph context to speak of (a short heading): both neighbouring paragraphs must
        // still be mostly there.
        if (c.own < 0) return c.ctx >= NO_OWN_MIN_CONTEXT && this.sameLineShape(t, c);
        // (And no line break where the stored context has none: the same words at the start of another
        // paragraph are another mention, as in a headline repeated at the foot of the article.)
        const minContext = t.len < SHORT_QUOTE ? SHORT_MIN_CONTEXT : NEAR_MIN_CONTEXT;
        return c.own >= OWN_NEAR_ACCEPT && c.ownMin >= NEAR_MIN_OWN_SIDE && c.ctx >= minContext && this.noNewBreak(t, c);
      }
      return c.own >= OWN_FAR && c.ownMin >= FAR_MIN_OWN_SIDE && c.ctx >= FAR_MIN_CONTEXT && this.sameLineShape(t, c);
    }
    return (
      t.len >= FUZZY_MIN_LENGTH &&
      c.qs >= 1 - FUZZY_MAX_ERROR_RATE &&
      // An edit inside the annotation leaves its first and last units in place: a match that starts or
      // ends elsewhere has cut an edit at its edge out of its count (words inserted after the opening
      // quote mark, the end of a sentence rewritten).
      this.N.charCodeAt(c.start) === t.exact.charCodeAt(0) &&
      this.N.charCodeAt(c.end - 1) === t.exact.charCodeAt(t.len - 1) &&
      c.dist <= POSITION_SCALE + t.len * FUZZY_MAX_ERROR_RATE &&
      c.ctx >= FUZZY_MIN_CONTEXT &&
      (c.own >= OWN_NEAR || (t.ownPrefix.length < MIN_OWN && t.ownSuffix.length < MIN_OWN)) &&
      c.ownMin >= NEAR_MIN_OWN_SIDE &&
      // An edit inside the annotation leaves both sides of its context in place; a match missing one
      // side is part of the annotation with the rest rewritten or pushed apart by an insertion.
      // (A side shorter than usual is the document's start or end, which the match must keep too.)
      c.ps >= FUZZY_MIN_SIDE &&
      c.ss >= FUZZY_MIN_SIDE &&
      wordDamage(t.exact, this.N.slice(c.start, c.end)) < FUZZY_MAX_WORD_DAMAGE * t.len
    );
  }

  /** No line break within the reach of a side of the stored context that has none. */
  private noNewBreak(t: Prepared, c: Candidate): boolean {
    const N = this.N;
    if (!t.prefix.includes('\n') && N.lastIndexOf('\n', c.start - 1) >= c.start - t.prefix.length) return false;
    if (!t.suffix.includes('\n')) {
      const b = N.indexOf('\n', c.end);
      if (b >= 0 && b < c.end + t.suffix.length) return false;
    }
    return true;
  }

  /**
   * Moved text moves whole paragraphs: where the stored context shows a line break near the quote
   * (or the document's start or end), the candidate must have one at the same distance (within 2),
   * and where it shows none, the candidate must have none within the same reach. A repeated phrase
   * inside another paragraph fails this.
   */
  private sameLineShape(t: Prepared, c: Candidate): boolean {
    const N = this.N;
    const dp = t.prefix.length - 1 - t.prefix.lastIndexOf('\n'); // distance back to the break, or prefix.length
    const from = Math.max(0, c.start - t.prefix.length);
    const cp = c.start - 1 - N.lastIndexOf('\n', c.start - 1);
    const cpIn = N.lastIndexOf('\n', c.start - 1) >= from;
    const sp = t.prefix.lastIndexOf('\n') >= 0;
    if (sp !== cpIn || (sp && Math.abs(dp - cp) > 2)) return false;
    const ss = t.suffix.indexOf('\n');
    const ci = N.indexOf('\n', c.end);
    const csIn = ci >= 0 && ci < c.end + t.suffix.length;
    if ((ss >= 0) !== csIn || (ss >= 0 && Math.abs(ss - (ci - c.end)) > 2)) return false;
    return true;
  }

  /**
   * Another place that could be the annotation: scores within RIVAL_MARGIN of the best, or holds the
   * exact quote with own-paragraph context as good as an acceptable one. Either way we do not guess.
   */
  private isRival(best: Candidate, c: Candidate): boolean {
    if (!c.boundaryOk) return false;
    if (best.score - c.score < RIVAL_MARGIN) return true;
    return c.qs === 1 && c.own >= OWN_NEAR && c.ctx >= RIVAL_CONTEXT;
  }

  private decide(t: Prepared, cs: Candidate[], agreed: boolean, far = false): { best: Candidate | null; ambiguous: boolean } {
    if (!cs.length) return { best: null, ambiguous: false };
    const sorted = dedupe(cs.slice());
    const best = sorted.find((c) => this.acceptable(t, c, agreed, far));
    if (!best) return { best: null, ambiguous: false };
    for (const c of sorted) {
      if (c === best || (c.start < best.end && best.start < c.end)) continue;
      if (this.isRival(best, c)) return { best: null, ambiguous: true };
    }
    return { best, ambiguous: false };
  }

  /**
   * A near candidate accepted on one side of its context (the other side rewritten) could be a
   * mention that happens to sit where the annotation was, while the annotation itself moved: if the
   * quote with that same intact side occurs anywhere else, we cannot tell which is which.
   */
  private evidenceElsewhere(t: Prepared, c: Candidate, agreed: boolean): boolean {
    if (c.ctx >= FULL_CONTEXT || (agreed && c.dist === 0) || c.sideExact) return false;
    const N = this.N;
    const sideP = t.ownPrefix.length >= MIN_OWN && N.startsWith(t.ownPrefix, c.start - t.ownPrefix.length);
    const sideS = t.ownSuffix.length >= MIN_OWN && N.startsWith(t.ownSuffix, c.end);
    const probe = sideS ? t.exact + t.ownSuffix : sideP ? t.ownPrefix + t.exact : null;
    if (!probe) return false;
    const at = sideS ? c.start : c.start - t.ownPrefix.length;
    const hits = this.scanAll(probe, 3);
    if (!hits) return true; // cannot check: do not guess
    for (const p of hits) if (p !== at) return true;
    return false;
  }

  private search(t: Prepared, left: Anchor | null, right: Anchor | null): { anchor: Anchor | null; ambiguous: boolean } {
    const N = this.N;
    const preds = this.predictions(t, left, right);
    const pl = left ? t.hint + left.delta : null;
    const pr = right ? t.hint + right.delta : null;
    const agreed = !!left && !!right && left.delta === right.delta;
    // Local window: around the predictions, and (when both landmarks exist and are in order) not
    // before the left one's start nor, for the start, after the right one's start: sorted by old
    // start, t starts between its neighbours (its end may lie beyond a right neighbour nested in it).
    const slack = 64 + Math.ceil(t.len / 2);
    let lo = Math.min(...preds) - slack;
    let hi = Math.max(...preds) + t.len + slack;
    if (left && right && left.start <= right.start) {
      lo = Math.max(lo, left.start);
      hi = Math.min(hi, right.start + Math.ceil(t.len * (1 + FUZZY_MAX_ERROR_RATE)) + 1);
    }
    lo = Math.max(0, lo);
    hi = Math.min(N.length, hi);

    // (a) exact quote near the prediction
    const local: Candidate[] = [];
    if (hi - lo >= t.len) {
      for (const p of occurrences(N, t.exact, lo, hi, 256)) local.push(this.score(t, p, p + t.len, 0, preds, pl, pr));
    }
    let d = this.decide(t, local, agreed);
    if (d.ambiguous) return { anchor: null, ambiguous: true };
    if (d.best) {
      if (this.evidenceElsewhere(t, d.best, agreed)) return { anchor: null, ambiguous: true };
      return { anchor: toAnchor(d.best, t, 'nearby'), ambiguous: false };
    }
    // An exact occurrence near the prediction with context well above chance, but not acceptable:
    // it is probably the annotation with its surroundings rewritten. Looking further would only find
    // other mentions.
    if (local.some((c) => c.boundaryOk && c.own >= OWN_NEAR && c.dist <= POSITION_SCALE)) return { anchor: null, ambiguous: false };
    // Two exact copies nearby, each with one side of the context (a paragraph pasted next to itself):
    // ambiguous, and searching farther would not help.
    if (local.filter((c) => c.boundaryOk && Math.max(c.ps, c.ss) >= FULL_CONTEXT).length >= 2) return { anchor: null, ambiguous: true };

    // (b) approximate quote near the prediction
    if (t.len >= FUZZY_MIN_LENGTH && hi - lo >= t.len / 2) {
      const maxErrors = Math.floor(t.len * FUZZY_MAX_ERROR_RATE);
      const fuzzy: Candidate[] = [];
      for (const m of approxSearch(N.slice(lo, hi), t.exact, maxErrors)) {
        if (m.errors === 0) continue; // exact ones were examined above
        fuzzy.push(this.score(t, lo + m.start, lo + m.end, m.errors, preds, pl, pr));
      }
      d = this.decide(t, fuzzy, agreed);
      if (d.ambiguous) return { anchor: null, ambiguous: true };
      if (d.best) return { anchor: toAnchor(d.best, t, 'fuzzy'), ambiguous: false };
    }

    // (c) exact quote anywhere: the text moved. Not if the old place still holds its surroundings
    // (edited in place: a far exact match is a copy).
    if (this.surroundingsNear(t, preds)) return { anchor: null, ambiguous: false };
    const far: Candidate[] = [];
    for (const p of this.quoteOccurrences(t.exact) ?? []) {
      if (p >= lo && p + t.len <= hi) continue; // already examined
      // Cheap filter before the edit-distance scoring: a moved annotation keeps at least a few
      // units of context exactly on one side.
      if (!quickContext(N, p, p + t.len, t)) continue;
      const c = this.score(t, p, p + t.len, 0, preds, null, null);
      // Distance says nothing once text has moved: score without the position term.
      c.score = (W_QUOTE * c.qs + W_CONTEXT * c.ctx) / (W_QUOTE + W_CONTEXT);
      far.push(c);
    }
    d = this.decide(t, far, agreed, true);
    if (d.ambiguous) return { anchor: null, ambiguous: true };
    if (d.best) return { anchor: toAnchor(d.best, t, 'elsewhere'), ambiguous: false };
    return { anchor: null, ambiguous: false };
  }

  // -- results ----------------------------------------------------------------------------------

  private finish(): AnchorResult[] {
    const { nt } = this;
    for (let i = 0; i < this.targets.length; i++) {
      if (this.results[i]) continue;
      const t = this.preps[i]!;
      const a = this.anchors[i];
      if (!a) {
        this.results[i] = { status: 'orphaned', reason: this.ambiguous[i] ? 'ambiguous' : 'not-found' };
        continue;
      }
      // N has a leading sentinel; clamp away from both sentinels. An end right after a line break
      // maps after its CRLF; one right before it, before the CR.
      const last = this.N.length - 1;
      const start = nt.toRaw(Math.min(last, Math.max(1, a.start)) - 1);
      const end = Math.max(start, nt.toRaw(Math.min(last, Math.max(1, a.end)) - 1));
      const same = start === t.oldStart && end === t.oldEnd;
      this.results[i] = { status: same ? 'anchored' : 'moved', start, end, score: round3(a.score), method: a.method };
    }
    return this.results;
  }
}

/**
 * A twin [from, to) is text that was there before the edit (a phrase or paragraph the article repeats),
 * not a pasted copy, when an annotation is anchored in it (outside [ownFrom, ownTo), a's own part of
 * it) that came from elsewhere in the old text: had the twin been a copy of a's paragraph (or a's
 * paragraph a copy of it), the annotations in it would have come from a's old paragraph, within
 * `reach` of a's old place.
 */
function pastTwin(a: Anchor, from: number, to: number, ownFrom: number, ownTo: number, anchored: Anchor[], reach: number): boolean {
  const hint = a.start - a.delta;
  let lo = 0;
  let hi = anchored.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (anchored[mid].start < from) lo = mid + 1;
    else hi = mid;
  }
  for (let k = lo; k < anchored.length && anchored[k].start < to; k++) {
    const u = anchored[k];
    if (u.end > to || (u.start < ownTo && ownFrom < u.end)) continue;
    if (Math.abs(u.start - u.delta - hint) > reach) return true;
  }
  return false;
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}

function promote(recent: number[], d: number): void {
  const i = recent.indexOf(d);
  if (i === 0) return;
  if (i > 0) recent.splice(i, 1);
  recent.unshift(d);
  if (recent.length > RECENT_DELTAS) recent.length = RECENT_DELTAS;
}

/** Context similarity of both sides, weighted by how much context each side stored. */
function weightedContext(t: Prepared, ps: number, ss: number): number {
  const a = t.prefix.length;
  const b = t.suffix.length;
  if (a + b === 0) return 1;
  return (ps * a + ss * b) / (a + b);
}

/** At least 4 units of prefix or suffix exactly adjacent (or the stored side is shorter than that). */
function quickContext(N: string, start: number, end: number, t: Prepared): boolean {
  const a = Math.min(4, t.prefix.length);
  const b = Math.min(4, t.suffix.length);
  if (a === 0 || b === 0) return true;
  return N.startsWith(t.prefix.slice(-a), start - a) || N.startsWith(t.suffix.slice(0, b), end);
}

/**
 * Units in words that differ between a and b (in either), from a word-level longest common
 * subsequence: the damage a reader would see ("rupture" -> "posture" is 14 units, not 3).
 */
export function wordDamage(a: string, b: string): number {
  const wa = a.match(/[\p{L}\p{N}]+|[^\s\p{L}\p{N}]/gu) ?? [];
  const wb = b.match(/[\p{L}\p{N}]+|[^\s\p{L}\p{N}]/gu) ?? [];
  const n = wa.length;
  const m = wb.length;
  if (n * m > 40000) return Math.abs(a.length - b.length) + Math.min(a.length, b.length); // too long to diff: assume the worst
  // L[i][j]: common length (in units) of wa[i..], wb[j..]
  const L: Int32Array[] = [];
  for (let i = 0; i <= n; i++) L.push(new Int32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      L[i][j] = wa[i] === wb[j] ? L[i + 1][j + 1] + wa[i].length : Math.max(L[i + 1][j], L[i][j + 1]);
    }
  }
  const total = wa.reduce((x, w) => x + w.length, 0) + wb.reduce((x, w) => x + w.length, 0);
  return total - 2 * L[0][0];
}

/** Length of a sentence end starting at i ("." "!" "?", closing quotes or brackets, one space), or 0. */
function sentenceEndAt(s: string, i: number): number {
  const c = s.charCodeAt(i);
  if (c !== 46 && c !== 33 && c !== 63) return 0;
  let j = i + 1;
  while (j < s.length && (s[j] === '"' || s[j] === "'" || s[j] === ')' || s[j] === ']')) j++;
  return j < s.length && (s[j] === ' ' || s[j] === '\n' || s[j] === '\t') ? j + 1 - i : 0;
}

/** The part of an own-paragraph prefix after its last sentence end. */
function sentenceTail(prefix: string): string {
  for (let i = prefix.length - 2; i >= 0; i--) {
    const k = sentenceEndAt(prefix, i);
    if (k) return prefix.slice(i + k);
  }
  return prefix;
}

/** The part of an own-paragraph suffix before its first sentence end (keeping the full stop). */
function sentenceHead(suffix: string): string {
  for (let i = 0; i < suffix.length; i++) if (sentenceEndAt(suffix, i)) return suffix.slice(0, i + 1);
  return suffix;
}

/** Collapse overlapping candidates (approximate search reports several ends for one place). */
function dedupe(cs: Candidate[]): Candidate[] {
  cs.sort((a, b) => b.score - a.score);
  const out: Candidate[] = [];
  for (const c of cs) if (!out.some((o) => c.start < o.end && o.start < c.end)) out.push(c);
  return out;
}

function toAnchor(c: Candidate, t: Prepared, method: AnchorMethod): Anchor {
  return { start: c.start, end: c.end, delta: c.start - t.hint, score: c.score, method };
}

/**
 * Re-anchors every target in `text` (the article as it is now, e.g. read from disk after it changed
 * outside the editor).
 *
 * Returns one result per target, in input order (never fewer): 'anchored' (found at exactly the
 * stored offsets), 'moved' (found elsewhere: new `start`/`end`) or 'orphaned' (with a `reason`; the
 * caller keeps the annotation and shows it as detached, never deletes it). `score` in [0, 1] and
 * `method` say how sure and how it was found. Offsets are UTF-16 into `text` as given (CRLF and all).
 *
 * Cost: one pass over the text to normalise it, then about three string comparisons per annotation
 * that kept its place or shifted with its neighbours; the rest are searched near their predicted
 * place, and whole-text scans are capped (GLOBAL_SCAN_BUDGET); the twin check hashes the text once
 * and compares the lines that start or end alike. 10,000 annotations on a 1 MB article after an
 * outside edit (scripts/bench-anchoring.ts, whose article repeats each paragraph about 40 times: every
 * line has dozens of twins): about 300 ms of CPU (75 ms before the twin check covered the whole text).
 */
export function reanchor(text: string, targets: readonly AnchorTarget[], options: ReanchorOptions = {}): AnchorResult[] {
  return new Reanchorer(text, targets, options.contextLength ?? CONTEXT_LENGTH).run();
}
