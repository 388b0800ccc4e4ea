/**
 * Scoring a candidate place for an annotation: how alike its quote and context are there, how far
 * it is from where the landmarks predict it, and the facts acceptance (accept.ts) asks about.
 * The fuzz test (test/unit/reanchor-fuzz.test.ts) is the measurement behind the constants.
 */
import { contextSimilarity, isWordUnit } from './similarity';
import type { Prepared } from './state';

/** Weights of a candidate's score (sum 1): the quote matters most; context separates mentions of the
 *  same word; position breaks ties and tells "edited in place" from "moved". */
const W_QUOTE = 0.5;
const W_CONTEXT = 0.35;
const W_POSITION = 0.15;

/** Distance (units) from the predicted start at which the position score falls to 0. Edits between
 *  two landmarks shift an annotation by tens of units, not hundreds. */
export const POSITION_SCALE = 64;
/** Own-paragraph context (see Prepared.ownPrefix) is compared only when at least this long: a few
 *  units match near any place by chance. */
export const MIN_OWN = 8;
/** An own-paragraph side this similar has at most a word changed: the annotation's own surroundings. */
export const OWN_NEAR = 0.8;

export interface Candidate {
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

/** Context similarity of both sides, weighted by how much context each side stored. */
function weightedContext(t: Prepared, ps: number, ss: number): number {
  const a = t.prefix.length;
  const b = t.suffix.length;
  if (a + b === 0) return 1;
  return (ps * a + ss * b) / (a + b);
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

/**
 * The annotation's edges must keep their word-boundary status: a quote that began or ended at a
 * word boundary must not now begin or end inside a word ("Russia" in "Russian"), and vice versa.
 * (A side with no stored context was the document's start or end: joined to nothing.)
 */
function boundaryOk(N: string, t: Prepared, start: number, end: number): boolean {
  const ex = t.exact;
  const wasJoinedLeft = t.prefix.length > 0 && isWordUnit(t.prefix.charCodeAt(t.prefix.length - 1)) && isWordUnit(ex.charCodeAt(0));
  const isJoinedLeft = start > 0 && isWordUnit(N.charCodeAt(start - 1)) && isWordUnit(N.charCodeAt(start));
  const wasJoinedRight = t.suffix.length > 0 && isWordUnit(t.suffix.charCodeAt(0)) && isWordUnit(ex.charCodeAt(ex.length - 1));
  const isJoinedRight = end < N.length && isWordUnit(N.charCodeAt(end)) && isWordUnit(N.charCodeAt(end - 1));
  if (wasJoinedLeft !== isJoinedLeft || wasJoinedRight !== isJoinedRight) return false;
  // Inside a word, the rest of the word is part of what was annotated: "Fed" of "FedEx" is not the
  // "Fed" of "Fedskins" left where "FedEx letter to Redskins" lost its middle.
  if (wasJoinedLeft) {
    let k = t.prefix.length;
    while (k > 0 && isWordUnit(t.prefix.charCodeAt(k - 1))) k--;
    if (!N.startsWith(t.prefix.slice(k), start - (t.prefix.length - k))) return false;
  }
  if (wasJoinedRight) {
    let k = 0;
    while (k < t.suffix.length && isWordUnit(t.suffix.charCodeAt(k))) k++;
    if (!N.startsWith(t.suffix.slice(0, k), end)) return false;
  }
  return true;
}

/**
 * Scores [start, end) of N as the place of t, found with `errors` edits in the quote. `preds` are the
 * predicted starts; `pl` / `pr` what the left / right landmark predicts (null: none, or not used).
 */
export function score(N: string, t: Prepared, start: number, end: number, errors: number, preds: number[], pl: number | null, pr: number | null): Candidate {
  const qs = Math.max(0, 1 - errors / t.len);
  const ps = contextSimilarity(N, start, t.prefix, -1);
  const ss = contextSimilarity(N, end, t.suffix, 1);
  const ctx = weightedContext(t, ps, ss);
  let dist = Infinity;
  for (const p of preds) dist = Math.min(dist, Math.abs(start - p));
  const pos = Math.max(0, 1 - dist / POSITION_SCALE);
  let own = -1;
  let ownMin = 2;
  if (t.ownPrefix.length >= MIN_OWN) {
    const ownP = t.ownPrefix.length === t.prefix.length ? ps : contextSimilarity(N, start, t.ownPrefix, -1);
    own = Math.max(own, ownP);
    ownMin = Math.min(ownMin, ownP);
  }
  if (t.ownSuffix.length >= MIN_OWN) {
    const ownS = t.ownSuffix.length === t.suffix.length ? ss : contextSimilarity(N, end, t.ownSuffix, 1);
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
    (pl === start && t.sentPrefix.length >= MIN_OWN && contextSimilarity(N, start, t.sentPrefix, -1) >= OWN_NEAR) ||
    (pr === start && t.sentSuffix.length >= MIN_OWN && contextSimilarity(N, end, t.sentSuffix, 1) >= OWN_NEAR);
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
    boundaryOk: boundaryOk(N, t, start, end),
  };
}

/** The score of a candidate far from every prediction: distance says nothing once text has moved,
 *  so without the position term. */
export function scoreMoved(c: Candidate): number {
  return (W_QUOTE * c.qs + W_CONTEXT * c.ctx) / (W_QUOTE + W_CONTEXT);
}
