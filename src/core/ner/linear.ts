/**
 * A linear sequence model: hashed feature keys → rows of per-label weights,
 * looked up through an open-addressing table, plus BILOU transition scores.
 *
 * Weights are int8 with one scale per model.
 */

import { constrainTransitions, viterbi, type Transitions } from './decode';
import type { SentenceFeatures } from './features';
import { EmissionBuffers } from './buffers';

/** Float weights, as produced by training. */
export interface LinearWeights {
  /** Number of labels. */
  L: number;
  /** Feature key of each row. */
  keys: Int32Array;
  /** Row-major weights, keys.length * L. */
  weights: Float32Array;
  /** Unconstrained transition scores trans[prev * L + cur], start and end scores. */
  trans: Float32Array;
  start: Float32Array;
  end: Float32Array;
  /**
   * A residual pass scores only its own (extra) features and adds them to the
   * previous pass's emission scores, instead of re-scoring the base features.
   */
  residual?: boolean;
}

/** Weights quantised to int8: weight = q * scale. */
export interface QuantisedWeights {
  L: number;
  keys: Int32Array;
  q: Int8Array;
  scale: number;
  trans: Float32Array;
  start: Float32Array;
  end: Float32Array;
  residual?: boolean;
}

export function quantise(w: LinearWeights): QuantisedWeights {
  let maxAbs = 0;
  for (const v of w.weights) maxAbs = Math.max(maxAbs, Math.abs(v));
  const scale = maxAbs > 0 ? maxAbs / 127 : 1;
  const q = new Int8Array(w.weights.length);
  for (let i = 0; i < q.length; i++) q[i] = Math.max(-127, Math.min(127, Math.round(w.weights[i] / scale)));
  return { L: w.L, keys: w.keys, q, scale, trans: w.trans, start: w.start, end: w.end, residual: w.residual };
}

/**
 * One linear model over flat feature keys: used in training (jackknife tagging)
 * and tests. Tagging uses MultiPassModel, which shares lookups between passes.
 */
export class LinearModel {
  readonly L: number;
  readonly tr: Transitions;
  private readonly mask: number;
  /** Interleaved [key, row * L + 1] pairs; 0 in the second slot marks an empty bucket. */
  private readonly table: Int32Array;
  private readonly q: Int8Array;
  private readonly scale: number;
  private readonly buffers = new EmissionBuffers();

  constructor(readonly data: QuantisedWeights) {
    const L = (this.L = data.L);
    this.q = data.q;
    this.scale = data.scale;
    let size = 16;
    while (size < data.keys.length * 2) size <<= 1;
    this.mask = size - 1;
    const table = (this.table = new Int32Array(size * 2));
    const keys = data.keys;
    for (let r = 0; r < keys.length; r++) {
      const k = keys[r];
      let s = k & this.mask;
      while (table[2 * s + 1] !== 0 && table[2 * s] !== k) s = (s + 1) & this.mask;
      table[2 * s] = k;
      table[2 * s + 1] = r * L + 1;
    }
    this.tr = constrainTransitions(L, data.trans, data.start, data.end);
  }

  /** Row offset (row * L) of a feature key, or -1. */
  lookup(k: number): number {
    const table = this.table;
    const wrap = 2 * this.mask + 1;
    let s = (k & this.mask) << 1;
    let row = table[s + 1];
    while (row !== 0) {
      if (table[s] === k) return row - 1;
      s = (s + 2) & wrap;
      row = table[s + 1];
    }
    return -1;
  }

  /** Emission scores em[i * L + l] from flat feature keys (valid until the next call). */
  emissionsFlat(f: SentenceFeatures): Float32Array {
    const L = this.L;
    const n = f.offsets.length - 1;
    this.buffers.fit(n * L);
    const acc = this.buffers.acc;
    acc.fill(0, 0, n * L);
    const q = this.q;
    for (let i = 0; i < n; i++) {
      const base = i * L;
      for (let j = f.offsets[i]; j < f.offsets[i + 1]; j++) {
        const row = this.lookup(f.keys[j]);
        if (row < 0) continue;
        for (let l = 0; l < L; l++) acc[base + l] += q[row + l];
      }
    }
    const em = this.buffers.em;
    for (let i = 0; i < n * L; i++) em[i] = acc[i] * this.scale;
    return em;
  }

  /** Best BILOU label sequence from flat feature keys. */
  decodeFlat(f: SentenceFeatures): Int8Array {
    const n = f.offsets.length - 1;
    const em = this.emissionsFlat(f);
    const labels = new Int8Array(n);
    viterbi(em, n, this.tr, labels);
    return labels;
  }
}
