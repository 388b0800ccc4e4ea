/**
 * Acceptance: is a scored candidate (score.ts) good enough to re-attach the annotation, and is there
 * a rival that makes it a guess? Evidence is asked for in proportion to the doubt; when two places fit
 * about equally well, the answer is "orphan", never a pick.
 */
import { MIN_OWN, OWN_NEAR, POSITION_SCALE, type Candidate } from './score';
import type { Prepared, State } from './state';

/** Exact quote at the exact position both landmarks predict (no shift between them): context
 *  similarity needed. Random English text against a 32-unit context scores 0.3-0.45; the position
 *  itself is strong evidence, so a little above chance suffices. */
const PREDICTED_MIN_CONTEXT = 0.45;
/** Exact quote near a prediction: an own-paragraph side this similar (OWN_NEAR is "a word changed at
 *  most"; accepting asks a little more) and overall context clear of chance. */
const OWN_NEAR_ACCEPT = 0.9;
/** ...and the other own-paragraph side (when there is one) must not contradict it: after a sentence
 *  is deleted, the text that follows it lands next to another mention of the same name. */
export const NEAR_MIN_OWN_SIDE = 0.5;
const NEAR_MIN_CONTEXT = 0.5;
/** Short quotes ("In", "US", "Jan") occur everywhere and need more context. */
const SHORT_QUOTE = 5;
const SHORT_MIN_CONTEXT = 0.65;
/** No own-paragraph context to speak of (a short heading): both neighbouring paragraphs mostly there. */
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
export const FUZZY_MIN_LENGTH = 16;
export const FUZZY_MAX_ERROR_RATE = 0.2;
const FUZZY_MIN_CONTEXT = 0.6;
/** Each side of the context of an approximate match: the annotation was edited inside, its
 *  surroundings should still be there (words pushed in at one end leave that side at about 0.5). */
const FUZZY_MIN_SIDE = 0.7;
/** Edit distance undercounts a replaced word ("rupture" -> "posture" is 3 edits but a new word):
 *  counting whole differing words, a fuzzy match must have changed less than this share of the
 *  quote (the fuzz test's "destroyed" line is 0.5). */
const FUZZY_MAX_WORD_DAMAGE = 0.4;

/** Context this similar on both sides leaves no doubt about the place. */
export const FULL_CONTEXT = 0.9;
/** A rival also needs overall context clearly above chance. */
const RIVAL_CONTEXT = 0.5;
/** Two candidates whose scores differ by less than this are "alike": orphan rather than guess. */
const RIVAL_MARGIN = 0.08;

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

/** No line break within the reach of a side of the stored context that has none. */
function noNewBreak(N: string, t: Prepared, c: Candidate): boolean {
  if (!t.prefix.includes('\n') && N.lastIndexOf('\n', c.start - 1) >= c.start - t.prefix.length) return false;
  if (!t.suffix.includes('\n')) {
    const b = N.indexOf('\n', c.end);
    if (b >= 0 && b < c.end + t.suffix.length) return false;
  }
  return true;
}

/** A line break right at an edge of the stored quote (it began or ended a paragraph) is still there:
 *  the same word inside another paragraph, after a deletion joined two, is another mention. */
function keepsBreaks(N: string, t: Prepared, c: Candidate): boolean {
  if (t.prefix.endsWith('\n') && N.charCodeAt(c.start - 1) !== 10) return false;
  if (t.suffix.startsWith('\n') && N.charCodeAt(c.end) !== 10) return false;
  return true;
}

/**
 * Moved text moves whole paragraphs: where the stored context shows a line break near the quote
 * (or the document's start or end), the candidate must have one at the same distance (within 2),
 * and where it shows none, the candidate must have none within the same reach. A repeated phrase
 * inside another paragraph fails this.
 */
function sameLineShape(N: string, t: Prepared, c: Candidate): boolean {
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

/** An approximate quote (the annotation edited inside): long, few errors, near a prediction, both
 *  sides of its surroundings still there. */
function fuzzyAcceptable(N: string, t: Prepared, c: Candidate): boolean {
  return (
    t.len >= FUZZY_MIN_LENGTH &&
    c.qs >= 1 - FUZZY_MAX_ERROR_RATE &&
    // An edit inside the annotation leaves its first and last units in place: a match that starts or
    // ends elsewhere has cut an edit at its edge out of its count (words inserted after the opening
    // quote mark, the end of a sentence rewritten).
    N.charCodeAt(c.start) === t.exact.charCodeAt(0) &&
    N.charCodeAt(c.end - 1) === t.exact.charCodeAt(t.len - 1) &&
    c.dist <= POSITION_SCALE + t.len * FUZZY_MAX_ERROR_RATE &&
    c.ctx >= FUZZY_MIN_CONTEXT &&
    (c.own >= OWN_NEAR || (t.ownPrefix.length < MIN_OWN && t.ownSuffix.length < MIN_OWN)) &&
    c.ownMin >= NEAR_MIN_OWN_SIDE &&
    // An edit inside the annotation leaves both sides of its context in place; a match missing one
    // side is part of the annotation with the rest rewritten or pushed apart by an insertion.
    // (A side shorter than usual is the document's start or end, which the match must keep too.)
    c.ps >= FUZZY_MIN_SIDE &&
    c.ss >= FUZZY_MIN_SIDE &&
    wordDamage(t.exact, N.slice(c.start, c.end)) < FUZZY_MAX_WORD_DAMAGE * t.len
  );
}

/**
 * Is candidate c, on its own, good enough? Tiers by how much the evidence vouches for it:
 * - exact quote at the very place both landmarks predict: some context (PREDICTED_MIN_CONTEXT);
 * - a long quote that occurs once in the whole text: the quote itself is the evidence (a copy of
 *   it is caught by the twin check and the "surroundings still there" guard);
 * - exact quote near a prediction: one own-paragraph side mostly intact (OWN_NEAR_ACCEPT) and overall
 *   context clear of chance;
 * - exact quote far from any prediction (moved text): one own-paragraph side intact (OWN_FAR);
 * - approximate quote: long quote, few errors, near a prediction, own-paragraph context.
 */
function acceptable(st: State, t: Prepared, c: Candidate, agreed: boolean, far: boolean): boolean {
  if (!c.boundaryOk) return false;
  const N = st.N;
  const near = !far && c.dist <= POSITION_SCALE;
  if (c.qs !== 1) return fuzzyAcceptable(N, t, c);
  if (((agreed && c.dist === 0) || c.sideExact) && c.ctx >= PREDICTED_MIN_CONTEXT) return true;
  // (Still some context, or a whole paragraph: news repeats long phrases too, "Russian President
  // Vladimir Putin", and after one is deleted the other is unique.)
  if (t.len >= UNIQUE_QUOTE && st.quoteCount(t) === 1 && (c.ctx >= PREDICTED_MIN_CONTEXT || (c.own < 0 && t.len >= UNIQUE_PARAGRAPH))) {
    return near || sameLineShape(N, t, c);
  }
  if (near) {
    // No own-paragraph context to speak of (a short heading): both neighbouring paragraphs must
    // still be mostly there.
    if (c.own < 0) return c.ctx >= NO_OWN_MIN_CONTEXT && sameLineShape(N, t, c);
    // (And no line break where the stored context has none: the same words at the start of another
    // paragraph are another mention, as in a headline repeated at the foot of the article.)
    const minContext = t.len < SHORT_QUOTE ? SHORT_MIN_CONTEXT : NEAR_MIN_CONTEXT;
    return c.own >= OWN_NEAR_ACCEPT && c.ownMin >= NEAR_MIN_OWN_SIDE && c.ctx >= minContext && noNewBreak(N, t, c) && keepsBreaks(N, t, c);
  }
  return c.own >= OWN_FAR && c.ownMin >= FAR_MIN_OWN_SIDE && c.ctx >= FAR_MIN_CONTEXT && sameLineShape(N, t, c);
}

/**
 * Another place that could be the annotation: scores within RIVAL_MARGIN of the best, or holds the
 * exact quote with own-paragraph context as good as an acceptable one. Either way we do not guess.
 */
function isRival(best: Candidate, c: Candidate): boolean {
  if (!c.boundaryOk) return false;
  if (best.score - c.score < RIVAL_MARGIN) return true;
  return c.qs === 1 && c.own >= OWN_NEAR && c.ctx >= RIVAL_CONTEXT;
}

/** Collapse overlapping candidates (approximate search reports several ends for one place). */
function dedupe(cs: Candidate[]): Candidate[] {
  cs.sort((a, b) => b.score - a.score);
  const out: Candidate[] = [];
  for (const c of cs) if (!out.some((o) => c.start < o.end && o.start < c.end)) out.push(c);
  return out;
}

/**
 * The best acceptable candidate, unless a rival makes it a guess (then `ambiguous`). `agreed`: both
 * landmarks predict the same place; `far`: the candidates are far from every prediction.
 */
export function decide(st: State, t: Prepared, cs: Candidate[], agreed: boolean, far = false): { best: Candidate | null; ambiguous: boolean } {
  if (!cs.length) return { best: null, ambiguous: false };
  const sorted = dedupe(cs.slice());
  const best = sorted.find((c) => acceptable(st, t, c, agreed, far));
  if (!best) return { best: null, ambiguous: false };
  for (const c of sorted) {
    if (c === best || (c.start < best.end && best.start < c.end)) continue;
    if (isRival(best, c)) return { best: null, ambiguous: true };
  }
  return { best, ambiguous: false };
}
