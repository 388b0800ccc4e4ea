/**
 * Pass 3, candidate search, only for what the position pass left. Anchored neighbours are landmarks:
 * the nearest one before and after predict the place. Candidates, in order: the exact quote near the
 * prediction, then an approximate match (approx-string-match) near it, then the exact quote anywhere
 * (moved text). Each is scored (score.ts) and accepted or not (accept.ts); what is found goes through
 * the twin check like the rest.
 */
import approxSearch from 'approx-string-match';
import { decide, FULL_CONTEXT, FUZZY_MAX_ERROR_RATE, FUZZY_MIN_LENGTH } from './accept';
import { predictions, surroundingsNear } from './landmarks';
import { MIN_OWN, OWN_NEAR, POSITION_SCALE, score, scoreMoved, type Candidate } from './score';
import { occurrences, type Anchor, type Prepared, type State } from './state';
import { anchoredByStart, twinned } from './twin-check';
import type { AnchorMethod } from './types';

/** The local window reaches this far (units) beyond the predictions, plus half the quote's length:
 *  the position score is 0 beyond POSITION_SCALE, and an edited quote may start earlier. */
const WINDOW_SLACK = 64;
/** Exact occurrences examined in the local window (a short name in a long paragraph). */
const MAX_LOCAL = 256;
/** A moved annotation keeps at least this many units of its context exactly on one side. */
const QUICK_CONTEXT = 4;

function toAnchor(c: Candidate, t: Prepared, method: AnchorMethod): Anchor {
  return { start: c.start, end: c.end, delta: c.start - t.hint, score: c.score, method };
}

/** At least QUICK_CONTEXT units of prefix or suffix exactly adjacent (or the stored side is shorter). */
function quickContext(N: string, start: number, end: number, t: Prepared): boolean {
  const a = Math.min(QUICK_CONTEXT, t.prefix.length);
  const b = Math.min(QUICK_CONTEXT, t.suffix.length);
  if (a === 0 || b === 0) return true;
  return N.startsWith(t.prefix.slice(-a), start - a) || N.startsWith(t.suffix.slice(0, b), end);
}

/**
 * Searches every annotation the first two passes left, with the landmarks as they stand after them;
 * then once more those not found, with what the first round found as landmarks too: a paragraph
 * moved far away keeps its annotations' order, and one found there "elsewhere" predicts the place of
 * its neighbours (fuzz test: +0.45 points of intact annotations exact, no new kind of wrong answer;
 * a third round adds 0.01).
 */
export function searchPass(st: State): void {
  const unplaced = (t: Prepared) => !st.anchors[t.index] && !st.ambiguous[t.index];
  const first = st.order.filter(unplaced);
  const used = new Map<Prepared, [number | null, number | null]>();
  if (!searchRound(st, first, used)) return;
  // (Only those whose landmarks now predict another place: the rest would find what they found.)
  searchRound(st, first.filter(unplaced), used);
}

/**
 * One round over `pending`; returns how many it anchored. `used`: the shifts of the landmarks each
 * was searched with (one whose landmarks predict what they did last time is skipped).
 */
function searchRound(st: State, pending: readonly Prepared[], used: Map<Prepared, [number | null, number | null]>): number {
  const order = st.order;
  // Landmarks are fixed before the round so its answers do not feed on each other.
  if (!pending.length) return 0;
  // Nearest landmark before and after each rank, in one sweep each way.
  const n = order.length;
  const before: (Anchor | null)[] = new Array(n);
  const after: (Anchor | null)[] = new Array(n);
  let last: Anchor | null = null;
  for (let k = 0; k < n; k++) {
    before[k] = last;
    last = st.landmark(order[k].index) ?? last;
  }
  last = null;
  for (let k = n - 1; k >= 0; k--) {
    after[k] = last;
    last = st.landmark(order[k].index) ?? last;
  }
  const found: [Prepared, Anchor | null, boolean][] = [];
  const anchored = anchoredByStart(st);
  for (const t of pending) {
    const left = before[t.rank];
    const right = after[t.rank];
    const pl = left ? left.delta : null;
    const pr = right ? right.delta : null;
    const last = used.get(t);
    if (last && last[0] === pl && last[1] === pr) continue;
    used.set(t, [pl, pr]);
    const r = search(st, t, left, right);
    if (r.anchor && twinned(st, r.anchor, anchored)) {
      found.push([t, null, true]);
      continue;
    }
    found.push([t, r.anchor, r.ambiguous]);
  }
  let got = 0;
  for (const [t, a, amb] of found) {
    st.anchors[t.index] = a;
    if (a) got++;
    if (amb) st.ambiguous[t.index] = true;
  }
  return got;
}

/**
 * A near candidate accepted on one side of its context (the other side rewritten) could be a
 * mention that happens to sit where the annotation was, while the annotation itself moved: if the
 * quote with that same intact side occurs anywhere else, we cannot tell which is which.
 */
function evidenceElsewhere(st: State, t: Prepared, c: Candidate, agreed: boolean): boolean {
  if (c.ctx >= FULL_CONTEXT || (agreed && c.dist === 0) || c.sideExact) return false;
  const N = st.N;
  const sideP = t.ownPrefix.length >= MIN_OWN && N.startsWith(t.ownPrefix, c.start - t.ownPrefix.length);
  const sideS = t.ownSuffix.length >= MIN_OWN && N.startsWith(t.ownSuffix, c.end);
  const probe = sideS ? t.exact + t.ownSuffix : sideP ? t.ownPrefix + t.exact : null;
  if (!probe) return false;
  const at = sideS ? c.start : c.start - t.ownPrefix.length;
  const hits = st.scanAll(probe, 3);
  if (!hits) return true; // cannot check: do not guess
  for (const p of hits) if (p !== at) return true;
  return false;
}

type Found = { anchor: Anchor | null; ambiguous: boolean };
const NOT_FOUND: Found = { anchor: null, ambiguous: false };
const AMBIGUOUS: Found = { anchor: null, ambiguous: true };

function search(st: State, t: Prepared, left: Anchor | null, right: Anchor | null): Found {
  const N = st.N;
  const preds = predictions(t, left, right);
  const pl = left ? t.hint + left.delta : null;
  const pr = right ? t.hint + right.delta : null;
  const agreed = !!left && !!right && left.delta === right.delta;
  // Local window: around the predictions, and (when both landmarks exist and are in order) not
  // before the left one's start nor, for the start, after the right one's start: sorted by old
  // start, t starts between its neighbours (its end may lie beyond a right neighbour nested in it).
  const slack = WINDOW_SLACK + Math.ceil(t.len / 2);
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
    for (const p of occurrences(N, t.exact, lo, hi, MAX_LOCAL)) local.push(score(N, t, p, p + t.len, 0, preds, pl, pr));
  }
  let d = decide(st, t, local, agreed);
  if (d.ambiguous) return AMBIGUOUS;
  if (d.best) {
    if (evidenceElsewhere(st, t, d.best, agreed)) return AMBIGUOUS;
    return { anchor: toAnchor(d.best, t, 'nearby'), ambiguous: false };
  }
  // An exact occurrence near the prediction with context well above chance, but not acceptable:
  // it is probably the annotation with its surroundings rewritten. Looking further would only find
  // other mentions.
  if (local.some((c) => c.boundaryOk && c.own >= OWN_NEAR && c.dist <= POSITION_SCALE)) return NOT_FOUND;
  // Two exact copies nearby, each with one side of the context (a paragraph pasted next to itself):
  // ambiguous, and searching farther would not help.
  if (local.filter((c) => c.boundaryOk && Math.max(c.ps, c.ss) >= FULL_CONTEXT).length >= 2) return AMBIGUOUS;

  // (b) approximate quote near the prediction
  if (t.len >= FUZZY_MIN_LENGTH && hi - lo >= t.len / 2) {
    const maxErrors = Math.floor(t.len * FUZZY_MAX_ERROR_RATE);
    const fuzzy: Candidate[] = [];
    for (const m of approxSearch(N.slice(lo, hi), t.exact, maxErrors)) {
      if (m.errors === 0) continue; // exact ones were examined above
      fuzzy.push(score(N, t, lo + m.start, lo + m.end, m.errors, preds, pl, pr));
    }
    d = decide(st, t, fuzzy, agreed);
    if (d.ambiguous) return AMBIGUOUS;
    if (d.best) return { anchor: toAnchor(d.best, t, 'fuzzy'), ambiguous: false };
  }

  // (c) exact quote anywhere: the text moved. Not if the old place still holds its surroundings
  // (edited in place: a far exact match is a copy).
  if (surroundingsNear(st, t, preds)) return NOT_FOUND;
  const far: Candidate[] = [];
  for (const p of st.quoteOccurrences(t.exact) ?? []) {
    if (p >= lo && p + t.len <= hi) continue; // already examined
    // Cheap filter before the edit-distance scoring: a moved annotation keeps at least a few
    // units of context exactly on one side.
    if (!quickContext(N, p, p + t.len, t)) continue;
    const c = score(N, t, p, p + t.len, 0, preds, null, null);
    c.score = scoreMoved(c);
    far.push(c);
  }
  d = decide(st, t, far, agreed, true);
  if (d.ambiguous) return AMBIGUOUS;
  if (d.best) return { anchor: toAnchor(d.best, t, 'elsewhere'), ambiguous: false };
  return NOT_FOUND;
}
