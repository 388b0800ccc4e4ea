/**
 * Pass 2, the twin check. A paragraph pasted anywhere gives the same text as the paragraph moved
 * there and a copy pasted where it was, and either copy may be edited afterwards: the text cannot tell
 * which place holds the original, however well one of them matches the stored context. Every anchored
 * annotation whose paragraph appears twice, whole or in good part (twins.ts), is orphaned
 * ('ambiguous'), unless the twin is text that was there before at another old place (a phrase or
 * paragraph the article repeats): the anchors around it shifted alike and the annotations it held are
 * found in it, or an annotation anchored in it came from elsewhere; or the old text's fingerprint
 * (repeats.ts) shows the shared text repeated as often before. An annotation found by the search
 * pass goes through the same check (`twinned`).
 */
import approxSearch from 'approx-string-match';
import { byHint, byStart, lowerBound, occurrences, type Anchor, type State } from './state';
import { lineEndHash, TwinIndex, type Twin } from './twins';

/** Units an annotation's old paragraph may have lost to edits, beyond its length now (see `pastTwin`). */
const PARAGRAPH_ROOM = 256;
/** A copy of a's paragraph holds a's quote within this many units of a's place shifted like the twin. */
const QUOTE_SLACK = 64;
/** A twin counts for an annotation this close to the part of its line the twin shares (`nearShared`). */
const SHARED_REACH = 64;

/** The anchors the twin checks read (fixed while they run). */
export interface Anchored {
  byStart: Anchor[];
  /** By the asking line's start, then the twin line's start. */
  shifts: Map<number, Map<number, number | null>>;
}

/** Orphans ('ambiguous') every anchored annotation whose paragraph has a twin (see `twinned`). */
export function twinCheck(st: State): void {
  const anchored = anchoredByStart(st);
  const twins = st.order.filter((t) => {
    const a = st.landmark(t.index);
    return a && twinned(st, a, anchored);
  });
  for (const t of twins) {
    st.anchors[t.index] = null;
    st.ambiguous[t.index] = true;
  }
}

/** Landmarks by start, with a memo of `oldTextShift` by line. */
export function anchoredByStart(st: State): Anchored {
  const byStart: Anchor[] = [];
  for (let i = 0; i < st.anchors.length; i++) {
    const a = st.landmark(i);
    if (a) byStart.push(a);
  }
  return { byStart: byStart.sort((x, y) => x.start - y.start), shifts: new Map() };
}

/**
 * Does the paragraph of anchor a appear twice in the text (whole, or in good part: one copy may have
 * been edited)? Then the text cannot tell which place is the annotation's: a paragraph pasted at B
 * gives the same text as the paragraph moved to B and a copy pasted where it was, so the original
 * may be either, whichever holds more of the stored context, and whether the copies lie next to each
 * other or far apart. Set aside: a twin that is text which was there before (see `pastTwin`,
 * `repeatedBefore`), one that shares only a part of a's line far from a (`nearShared`), and one that
 * does not hold a's quote, whole or damaged, where a copy of a would be (`holdsQuote`).
 */
export function twinned(st: State, a: Anchor, anchored: Anchored): boolean {
  const index = (st.twinIndex ??= new TwinIndex(st.N));
  const [ls, le] = index.lineAround(a.start, a.end);
  // A twin counts when it may hold a (pasted from a's place or pasted there) and holds a's quote.
  const counts = (tw: Twin, slack: number) => nearShared(a, tw) && pasted(a, tw, ls, le, anchored) && holdsQuote(st, a, tw, ls, le, slack) && !repeatedBefore(st, index, tw, ls, le);
  for (const [s, e] of index.lineCandidates(ls, le)) {
    if (oldElsewhere(st, a, s, e, ls, le, anchored)) continue; // (before comparing the lines: cheaper)
    const tw = index.lineTwin(ls, le, s, e);
    if (tw && counts(tw, Math.abs(e - s - (le - ls)))) return true;
  }
  for (const tw of index.sampleTwinsOf(a.start, a.end)) {
    if (!oldElsewhere(st, a, tw.lineFrom, tw.lineTo, ls, le, anchored) && counts(tw, 0)) return true;
  }
  return false;
}

/**
 * The part of a's line found again at the twin reaches within SHARED_REACH units of a. A twin sharing only
 * another sentence of a's paragraph (that sentence pasted elsewhere) says nothing of where a is.
 */
function nearShared(a: Anchor, tw: Twin): boolean {
  return tw.own.some(([from, to]) => a.end > from - SHARED_REACH && a.start < to + SHARED_REACH);
}

/**
 * The twin holds a's quote, or what is left of it, where a copy of a would be: a's place shifted like
 * the twin's shared text, or at the same distance from the twin line's start or end as a from its
 * line's (text inserted in one copy between a and the shared text moves the shift), give or take
 * QUOTE_SLACK. Within an edit distance of less than half the quote: the most an annotation can have
 * changed and still count as there ("damaged", not "destroyed"). A twin that does not is another
 * paragraph sharing some words with a's; it cannot hold a.
 */
function holdsQuote(st: State, a: Anchor, tw: Twin, ls: number, le: number, slack: number): boolean {
  const N = st.N;
  const exact = N.slice(a.start, a.end);
  const maxErrors = (exact.length - 1) >> 1;
  const reach = QUOTE_SLACK + slack;
  for (const at of [a.start + tw.shift, tw.lineFrom + (a.start - ls), tw.lineTo - (le - a.start)]) {
    const from = Math.max(0, at - reach);
    const to = Math.min(N.length, at + exact.length + reach);
    if (to - from < exact.length - maxErrors) continue;
    if (occurrences(N, exact, from, to, 1).length) return true;
    if (approxSearch(N.slice(from, to), exact, maxErrors).length) return true;
  }
  return false;
}

/**
 * The twin's shared text was repeated as often in the old text (the stored fingerprint, repeats.ts):
 * every sampled window it shares with a's line [ls, le), and every end of a's line that the twin's line
 * shares and the old text repeated, is found no more often now than then. A pasted copy adds one to
 * each. Without a fingerprint, or with nothing shared to count, nothing is known: false.
 */
function repeatedBefore(st: State, index: TwinIndex, tw: Twin, ls: number, le: number): boolean {
  const old = st.repeats;
  if (!old) return false;
  const own = new Set(index.samplesIn(ls, le));
  const counts = index.samplesIn(tw.from, tw.to).flatMap((h) => (own.has(h) ? [[index.countOf(h), old.get(h) ?? 1]] : []));
  for (const { side, key } of index.lineEnds(ls, le)) {
    const then = old.get(lineEndHash(side, key));
    const shared = side === 'head' ? st.N.startsWith(key, tw.lineFrom) : st.N.startsWith(key, tw.lineTo - key.length);
    if (then !== undefined && shared) counts.push([index.linesWith(side, key), then]);
  }
  return counts.length > 0 && counts.every(([now, then]) => now <= then);
}

/** Line [ts, te) is text that was there before, at an old place that did not hold a: a repeat, not a paste. */
function oldElsewhere(st: State, a: Anchor, ts: number, te: number, ls: number, le: number, anchored: Anchored): boolean {
  let memo = anchored.shifts.get(ls);
  if (!memo) anchored.shifts.set(ls, (memo = new Map()));
  let shift = memo.get(ts);
  if (shift === undefined) memo.set(ts, (shift = oldTextShift(st, ts, te, ls, le, anchored.byStart)));
  const hint = a.start - a.delta;
  return shift !== null && (hint + (a.end - a.start) <= ts - shift || hint >= te - shift);
}

/** The twin may be where a was pasted from, or a pasted copy of it: no annotation in it vouches otherwise. */
function pasted(a: Anchor, tw: Twin, ls: number, le: number, anchored: Anchored): boolean {
  // How far from a's old place an annotation of its old paragraph can have been: the longer of the
  // two lines, and room for what edits took out of it.
  const reach = Math.max(le - ls, tw.lineTo - tw.lineFrom) + PARAGRAPH_ROOM;
  return !pastTwin(a, tw.from, tw.to, tw.from - tw.shift, tw.to - tw.shift, anchored.byStart, reach);
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
  for (let k = lowerBound(anchored, from, byStart); k < anchored.length && anchored[k].start < to; k++) {
    const u = anchored[k];
    if (u.end > to || (u.start < ownTo && ownFrom < u.end)) continue;
    if (Math.abs(u.start - u.delta - hint) > reach) return true;
  }
  return false;
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
function oldTextShift(st: State, from: number, to: number, ownFrom: number, ownTo: number, anchored: Anchor[]): number | null {
  // (First anchor starting at or after `to`.)
  const lo = lowerBound(anchored, to, byStart);
  const outside = (x: Anchor) => x.end <= ownFrom || x.start >= ownTo;
  let next: Anchor | null = null;
  for (let k = lo; k < anchored.length && !next; k++) if (outside(anchored[k])) next = anchored[k];
  let prev: Anchor | null = null;
  for (let k = lo - 1; k >= 0 && !prev; k--) if (anchored[k].end <= from && outside(anchored[k])) prev = anchored[k];
  const before = prev ? prev.delta : 0;
  const after = next ? next.delta : st.endDelta;
  if (after !== before) return null;
  const order = st.order;
  let k = lowerBound(order, from - before, byHint);
  let found = 0;
  let targets = 0;
  for (; k < order.length && order[k].hint < to - before; k++) {
    targets++;
    const a = st.landmark(order[k].index);
    if (!a) continue;
    if (a.delta !== before) return null;
    found++;
  }
  return found || !targets ? before : null;
}
