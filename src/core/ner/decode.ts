/**
 * First-order Viterbi decoding over BILOU labels with hard transition constraints,
 * and max-marginal margins for confidence scores.
 */

import { allowedEnd, allowedTransition } from './labels';

const NEG = -1e30;

/** Transition scores with the BILOU constraints folded in (disallowed = -1e30). */
export interface Transitions {
  L: number;
  /** trans[prev * L + cur] */
  trans: Float32Array;
  start: Float32Array;
  end: Float32Array;
  /** For each label, the labels allowed before it. */
  prevs: Int32Array[];
  /** For each label, the labels allowed after it. */
  nexts: Int32Array[];
}

const neighbourCache = new Map<number, { prevs: Int32Array[]; nexts: Int32Array[] }>();
function neighbours(L: number): { prevs: Int32Array[]; nexts: Int32Array[] } {
  let r = neighbourCache.get(L);
  if (!r) {
    const prevs: Int32Array[] = [];
    const nexts: Int32Array[] = [];
    for (let b = 0; b < L; b++) {
      const p: number[] = [];
      const n: number[] = [];
      for (let a = 0; a < L; a++) {
        if (allowedTransition(a, b)) p.push(a);
        if (allowedTransition(b, a)) n.push(a);
      }
      prevs.push(Int32Array.from(p));
      nexts.push(Int32Array.from(n));
    }
    r = { prevs, nexts };
    neighbourCache.set(L, r);
  }
  return r;
}

export function constrainTransitions(L: number, trans: ArrayLike<number>, start: ArrayLike<number>, end: ArrayLike<number>): Transitions {
  const t = new Float32Array(L * L);
  const s = new Float32Array(L);
  const e = new Float32Array(L);
  for (let a = 0; a < L; a++) {
    s[a] = allowedTransition(-1, a) ? start[a] : NEG;
    e[a] = allowedEnd(a) ? end[a] : NEG;
    for (let b = 0; b < L; b++) t[a * L + b] = allowedTransition(a, b) ? trans[a * L + b] : NEG;
  }
  return { L, trans: t, start: s, end: e, ...neighbours(L) };
}

let delta = new Float64Array(0);
let back = new Int16Array(0);

/**
 * Best label sequence for emission scores em[i * L + l] of n tokens.
 * Writes labels into `out` and returns the path score.
 */
export function viterbi(em: ArrayLike<number>, n: number, tr: Transitions, out: Int8Array | Int32Array): number {
  const L = tr.L;
  if (n === 0) return 0;
  if (delta.length < n * L) {
    delta = new Float64Array(n * L * 2);
    back = new Int16Array(n * L * 2);
  }
  const T = tr.trans;
  for (let l = 0; l < L; l++) delta[l] = tr.start[l] + em[l];
  for (let i = 1; i < n; i++) {
    const prev = (i - 1) * L;
    const cur = i * L;
    for (let b = 0; b < L; b++) {
      let best = -Infinity;
      let arg = 0;
      const pv = tr.prevs[b];
      for (let x = 0; x < pv.length; x++) {
        const a = pv[x];
        const v = delta[prev + a] + T[a * L + b];
        if (v > best) {
          best = v;
          arg = a;
        }
      }
      delta[cur + b] = best + em[cur + b];
      back[cur + b] = arg;
    }
  }
  const last = (n - 1) * L;
  let best = -Infinity;
  let arg = 0;
  for (let l = 0; l < L; l++) {
    const v = delta[last + l] + tr.end[l];
    if (v > best) {
      best = v;
      arg = l;
    }
  }
  out[n - 1] = arg;
  for (let i = n - 1; i > 0; i--) out[i - 1] = back[i * L + out[i]];
  return best;
}

let alphaBuf = new Float64Array(0);
let betaBuf = new Float64Array(0);

/**
 * For each token, the margin between the best path and the best path that
 * gives the token a different label (max-marginals from forward/backward Viterbi).
 * With `afterViterbi`, the forward scores of the immediately preceding viterbi()
 * call on the same emissions are reused.
 */
export function labelMargins(em: ArrayLike<number>, n: number, tr: Transitions, labels: ArrayLike<number>, afterViterbi = false): Float64Array {
  const L = tr.L;
  const T = tr.trans;
  if (alphaBuf.length < n * L) {
    alphaBuf = new Float64Array(n * L * 2);
    betaBuf = new Float64Array(n * L * 2);
  }
  // The forward max-scores are Viterbi's: reuse them when viterbi() just ran on the same input.
  const alpha = afterViterbi ? delta : alphaBuf;
  const beta = betaBuf;
  if (!afterViterbi) for (let l = 0; l < L; l++) alpha[l] = tr.start[l] + em[l];
  for (let i = 1; i < n && !afterViterbi; i++) {
    for (let b = 0; b < L; b++) {
      let best = -Infinity;
      const pv = tr.prevs[b];
      for (let x = 0; x < pv.length; x++) {
        const a = pv[x];
        const v = alpha[(i - 1) * L + a] + T[a * L + b];
        if (v > best) best = v;
      }
      alpha[i * L + b] = best + em[i * L + b];
    }
  }
  for (let l = 0; l < L; l++) beta[(n - 1) * L + l] = tr.end[l];
  for (let i = n - 2; i >= 0; i--) {
    for (let a = 0; a < L; a++) {
      let best = -Infinity;
      const nx = tr.nexts[a];
      for (let x = 0; x < nx.length; x++) {
        const b = nx[x];
        const v = T[a * L + b] + em[(i + 1) * L + b] + beta[(i + 1) * L + b];
        if (v > best) best = v;
      }
      beta[i * L + a] = best;
    }
  }
  const margins = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const y = labels[i];
    const bestScore = alpha[i * L + y] + beta[i * L + y];
    let alt = -Infinity;
    for (let l = 0; l < L; l++) {
      if (l === y) continue;
      const v = alpha[i * L + l] + beta[i * L + l];
      if (v > alt) alt = v;
    }
    margins[i] = bestScore - alt;
  }
  return margins;
}
