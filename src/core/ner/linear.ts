/**
 * A linear sequence model: hashed feature keys → rows of per-label weights,
 * looked up through an open-addressing table, plus BILOU transition scores.
 *
 * At tagging time the weights stay int8 (one scale per model): the table and
 * the weights are small enough to stay mostly in cache.
 */

import { constrainTransitions, viterbi, type Transitions } from './decode';
import { GROUP_START, type SentenceFeatures, type TokenFeatures, type WordInfo } from './features';

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
}

export function quantise(w: LinearWeights): QuantisedWeights {
  let maxAbs = 0;
  for (const v of w.weights) maxAbs = Math.max(maxAbs, Math.abs(v));
  const scale = maxAbs > 0 ? maxAbs / 127 : 1;
  const q = new Int8Array(w.weights.length);
  for (let i = 0; i < q.length; i++) q[i] = Math.max(-127, Math.min(127, Math.round(w.weights[i] / scale)));
  return { L: w.L, keys: w.keys, q, scale, trans: w.trans, start: w.start, end: w.end };
}

/** Words whose feature-group sums a model caches (the cache is reset when full). */
const WORD_SLAB_WORDS = 16384;

export class LinearModel {
  readonly L: number;
  readonly tr: Transitions;
  private readonly mask: number;
  /** Interleaved [key, row * L + 1] pairs; 0 in the second slot marks an empty bucket. */
  private readonly table: Int32Array;
  private readonly q: Int8Array;
  private readonly scale: number;
  private acc = new Int32Array(0);
  /** Per word: offset into `slab` of the summed weights of its five word-only feature groups (5 * L values). */
  private wordCache = new Map<WordInfo, number>();
  private slab = new Int32Array(0);
  private slabUsed = 0;
  private em = new Float32Array(0);

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

  get numFeatures(): number {
    return this.data.keys.length;
  }

  /** Offset into `slab` of the summed int8 weights of each of the word's feature groups (cached). */
  private wordVectors(w: WordInfo): number {
    const cached = this.wordCache.get(w);
    if (cached !== undefined) return cached;
    const L = this.L;
    if (this.slabUsed + 5 * L > this.slab.length) {
      if (this.slab.length < WORD_SLAB_WORDS * 5 * L) {
        const bigger = new Int32Array(Math.min(WORD_SLAB_WORDS * 5 * L, Math.max(1024 * 5 * L, this.slab.length * 2)));
        bigger.set(this.slab);
        this.slab = bigger;
      } else {
        this.wordCache.clear();
        this.slabUsed = 0;
      }
    }
    const off = this.slabUsed;
    this.slabUsed += 5 * L;
    const v = this.slab;
    v.fill(0, off, off + 5 * L);
    const keys = w.groupKeys;
    for (let g = 0; g < 5; g++) {
      const o = off + g * L;
      for (let j = GROUP_START[g]; j < GROUP_START[g + 1]; j++) {
        const k = keys[j];
        if (k === 0) continue;
        const row = this.lookup(k);
        if (row < 0) continue;
        for (let l = 0; l < L; l++) v[o + l] += this.q[row + l];
      }
    }
    this.wordCache.set(w, off);
    return off;
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

  /**
   * Emission scores em[i * L + l] for all tokens of a sentence: the base
   * features (word groups + context keys) and an optional extra key set.
   */
  emissions(f: TokenFeatures, extra?: SentenceFeatures): Float32Array {
    const L = this.L;
    const n = f.offsets.length - 1;
    if (this.acc.length < n * L) {
      this.acc = new Int32Array(Math.max(n * L, this.acc.length * 2));
      this.em = new Float32Array(this.acc.length);
    }
    const acc = this.acc;
    acc.fill(0, 0, n * L);
    const pw = f.padded;
    // Offsets of the five words' vectors; the slab may be reset while filling, so gather first.
    const offs = this.offsets(pw);
    const v = this.slab;
    let vm2 = offs[0];
    let vm1 = offs[1];
    let v0 = offs[2];
    let vp1 = offs[3];
    for (let i = 0; i < n; i++) {
      const vp2 = offs[i + 4];
      const base = i * L;
      for (let l = 0; l < L; l++) {
        acc[base + l] = v[v0 + l] + v[vm1 + L + l] + v[vm2 + 2 * L + l] + v[vp1 + 3 * L + l] + v[vp2 + 4 * L + l];
      }
      vm2 = vm1;
      vm1 = v0;
      v0 = vp1;
      vp1 = vp2;
    }
    this.accumulate(f, n, acc);
    if (extra) this.accumulate(extra, n, acc);
    const em = this.em;
    const scale = this.scale;
    for (let i = 0; i < n * L; i++) em[i] = acc[i] * scale;
    return em;
  }

  private offs = new Int32Array(0);
  private offsets(pw: WordInfo[]): Int32Array {
    if (this.offs.length < pw.length) this.offs = new Int32Array(pw.length * 2);
    const offs = this.offs;
    const startUsed = this.slabUsed;
    for (let i = 0; i < pw.length; i++) {
      offs[i] = this.wordVectors(pw[i]);
      if (this.slabUsed < startUsed) {
        // The cache was reset mid-sentence: start over with an empty cache (a sentence is far below its size).
        return this.offsets(pw);
      }
    }
    return offs;
  }

  /** Emission scores from flat feature keys only (training-time evaluation). */
  emissionsFlat(f: SentenceFeatures): Float32Array {
    const L = this.L;
    const n = f.offsets.length - 1;
    if (this.acc.length < n * L) {
      this.acc = new Int32Array(Math.max(n * L, this.acc.length * 2));
      this.em = new Float32Array(this.acc.length);
    }
    const acc = this.acc;
    acc.fill(0, 0, n * L);
    this.accumulate(f, n, acc);
    const em = this.em;
    for (let i = 0; i < n * L; i++) em[i] = acc[i] * this.scale;
    return em;
  }

  private accumulate(f: SentenceFeatures, n: number, acc: Int32Array): void {
    const L = this.L;
    const mask = this.mask;
    const wrap = 2 * mask + 1;
    const table = this.table;
    const q = this.q;
    const keys = f.keys;
    const offsets = f.offsets;
    for (let i = 0; i < n; i++) {
      const base = i * L;
      const end = offsets[i + 1];
      for (let j = offsets[i]; j < end; j++) {
        const k = keys[j];
        let s = (k & mask) << 1;
        let row = table[s + 1];
        while (row !== 0) {
          if (table[s] === k) break;
          s = (s + 2) & wrap;
          row = table[s + 1];
        }
        if (row === 0) continue;
        row -= 1;
        for (let l = 0; l < L; l++) acc[base + l] += q[row + l];
      }
    }
  }

  /** Best BILOU label sequence; also returns the emission buffer (valid until the next call). */
  decode(f: TokenFeatures, extra?: SentenceFeatures): { labels: Int8Array; em: Float32Array } {
    const n = f.offsets.length - 1;
    const em = this.emissions(f, extra);
    const labels = new Int8Array(n);
    viterbi(em, n, this.tr, labels);
    return { labels, em };
  }

  /** Decode from flat feature keys. */
  decodeFlat(f: SentenceFeatures): Int8Array {
    const n = f.offsets.length - 1;
    const em = this.emissionsFlat(f);
    const labels = new Int8Array(n);
    viterbi(em, n, this.tr, labels);
    return labels;
  }
}
