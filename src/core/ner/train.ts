/**
 * Averaged structured perceptron over hashed features with first-order
 * BILOU transitions (Collins 2002), Viterbi decoding during training.
 * Pure TypeScript (used by scripts/train-ner.ts and by unit tests).
 */

import { constrainTransitions, viterbi } from './decode';
import type { SentenceFeatures } from './features';
import type { LinearWeights } from './linear';
import { mulberry32 } from '../random';

export interface TrainingSentence {
  feats: SentenceFeatures;
  gold: Int8Array;
  /** Fixed emission scores added to the model's (n * L), e.g. a previous pass's, for a residual model. */
  base?: Float32Array;
}

export interface TrainOptions {
  L: number;
  epochs: number;
  seed: number;
  /** Keep only features seen at least this often in training. */
  minCount?: number;
  /**
   * Word dropout: probability, per token and epoch, of hiding the token's
   * word-identity features (SentenceFeatures.ident), so that the model also
   * learns from context and word shape what it would otherwise memorise.
   */
  wordDropout?: number;
  /** Called after each epoch; `snapshot()` gives the current averaged weights. */
  onEpoch?: (info: { epoch: number; errors: number; tokens: number; ms: number; snapshot: () => LinearWeights }) => void;
}

export function trainPerceptron(data: readonly TrainingSentence[], opts: TrainOptions): LinearWeights {
  const L = opts.L;
  const minCount = opts.minCount ?? 1;

  // Feature dictionary.
  const counts = new Map<number, number>();
  for (const s of data) for (const k of s.feats.keys) counts.set(k, (counts.get(k) ?? 0) + 1);
  const index = new Map<number, number>();
  const keyList: number[] = [];
  for (const [k, c] of counts) {
    if (c >= minCount) {
      index.set(k, keyList.length);
      keyList.push(k);
    }
  }
  counts.clear();
  const F = keyList.length;

  // Sentences as row offsets (row * L); pruned features dropped.
  const rows: { idx: Int32Array; offsets: Int32Array; ident: Uint8Array; gold: Int8Array; base?: Float32Array }[] = data.map((s) => {
    const n = s.feats.offsets.length - 1;
    const idx: number[] = [];
    const offsets = new Int32Array(n + 1);
    const ident = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      offsets[i] = idx.length;
      const identEnd = s.feats.offsets[i] + (s.feats.ident ? s.feats.ident[i] : 0);
      for (let j = s.feats.offsets[i]; j < s.feats.offsets[i + 1]; j++) {
        const r = index.get(s.feats.keys[j]);
        if (r !== undefined) {
          idx.push(r * L);
          if (j < identEnd) ident[i]++;
        }
      }
    }
    offsets[n] = idx.length;
    return { idx: Int32Array.from(idx), offsets, ident, gold: s.gold, base: s.base };
  });
  index.clear();

  const w = new Float32Array(F * L);
  const acc = new Float64Array(F * L);
  const tw = new Float64Array(L * L + 2 * L); // trans, start, end
  const tacc = new Float64Array(L * L + 2 * L);
  const TS = L * L;
  const TE = L * L + L;
  let c = 1;

  const snapshot = (): LinearWeights => {
    const weights = new Float32Array(F * L);
    for (let i = 0; i < F * L; i++) weights[i] = w[i] - acc[i] / c;
    const t = new Float32Array(L * L + 2 * L);
    for (let i = 0; i < t.length; i++) t[i] = tw[i] - tacc[i] / c;
    return {
      L,
      keys: Int32Array.from(keyList),
      weights,
      trans: t.slice(0, TS),
      start: t.slice(TS, TE),
      end: t.slice(TE),
    };
  };

  const order = rows.map((_, i) => i);
  const rand = mulberry32(opts.seed);
  let em = new Float64Array(1024);
  let pred = new Int8Array(4096);
  let skip = new Uint8Array(4096);
  const dropout = opts.wordDropout ?? 0;
  for (let epoch = 1; epoch <= opts.epochs; epoch++) {
    const t0 = Date.now();
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      const t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    let errors = 0;
    let tokens = 0;
    for (const si of order) {
      const { idx, offsets, ident, gold, base: fixed } = rows[si];
      const n = gold.length;
      tokens += n;
      if (skip.length < n) skip = new Uint8Array(n * 2);
      for (let i = 0; i < n; i++) skip[i] = dropout > 0 && ident[i] > 0 && rand() < dropout ? ident[i] : 0;
      if (em.length < n * L) em = new Float64Array(n * L * 2);
      if (pred.length < n) pred = new Int8Array(n * 2);
      if (fixed) em.set(fixed.subarray(0, n * L));
      else em.fill(0, 0, n * L);
      for (let i = 0; i < n; i++) {
        const base = i * L;
        for (let j = offsets[i] + skip[i]; j < offsets[i + 1]; j++) {
          const r = idx[j];
          for (let l = 0; l < L; l++) em[base + l] += w[r + l];
        }
      }
      const tr = constrainTransitions(L, tw.subarray(0, TS), tw.subarray(TS, TE), tw.subarray(TE));
      viterbi(em, n, tr, pred);
      let same = true;
      for (let i = 0; i < n; i++) {
        if (pred[i] !== gold[i]) {
          same = false;
          errors++;
        }
      }
      if (!same) {
        for (let i = 0; i < n; i++) {
          const g = gold[i];
          const p = pred[i];
          if (g !== p) {
            for (let j = offsets[i] + skip[i]; j < offsets[i + 1]; j++) {
              const r = idx[j];
              w[r + g] += 1;
              acc[r + g] += c;
              w[r + p] -= 1;
              acc[r + p] -= c;
            }
          }
          const gi = i === 0 ? TS + g : (gold[i - 1] * L + g);
          const pi = i === 0 ? TS + p : (pred[i - 1] * L + p);
          if (gi !== pi) {
            tw[gi] += 1;
            tacc[gi] += c;
            tw[pi] -= 1;
            tacc[pi] -= c;
          }
        }
        const ge = TE + gold[n - 1];
        const pe = TE + pred[n - 1];
        if (ge !== pe) {
          tw[ge] += 1;
          tacc[ge] += c;
          tw[pe] -= 1;
          tacc[pe] -= c;
        }
      }
      c++;
    }
    opts.onEpoch?.({ epoch, errors, tokens, ms: Date.now() - t0, snapshot });
  }
  return snapshot();
}
