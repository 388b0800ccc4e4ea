/**
 * Tagging-time scorer for a stack of linear models (the passes) that share
 * their base features. One open-addressing table holds the union of the passes'
 * feature keys with each pass's row, so a feature is looked up once for all
 * passes; per-word sums of the word-only feature groups are cached for all
 * passes at once.
 */

import { constrainTransitions, type Transitions } from './decode';
import { GROUP_START, type SentenceFeatures, type TokenFeatures, type WordInfo } from './features';
import type { QuantisedWeights } from './linear';

/** Words whose feature-group sums are cached (the cache is reset when full). */
const WORD_SLAB_WORDS = 16384;
/** Ints per table slot: key, row * L + 1 (0 = absent) for each of up to two passes, in-use flag. */
const SLOT = 4;

export class MultiPassModel {
  readonly L: number;
  readonly passes: number;
  readonly trs: Transitions[];
  private readonly mask: number;
  private readonly table: Int32Array;
  private readonly qs: Int8Array[];
  private readonly scales: number[];
  private wordCache = new Map<WordInfo, number>();
  private slab = new Int32Array(0);
  private slabUsed = 0;
  private acc = new Int32Array(0);
  private em = new Float32Array(0);
  private offs = new Int32Array(0);

  constructor(ws: readonly QuantisedWeights[]) {
    if (ws.length < 1 || ws.length > SLOT - 2) throw new Error(`NER model: 1 to ${SLOT - 2} passes supported`);
    const L = (this.L = ws[0].L);
    if (ws.some((w) => w.L !== L)) throw new Error('NER model: passes disagree on the label count');
    this.passes = ws.length;
    this.qs = ws.map((w) => w.q);
    this.scales = ws.map((w) => w.scale);
    this.trs = ws.map((w) => constrainTransitions(L, w.trans, w.start, w.end));
    const total = ws.reduce((a, w) => a + w.keys.length, 0);
    let size = 16;
    while (size < total * 1.5) size <<= 1;
    this.mask = size - 1;
    const table = (this.table = new Int32Array(size * SLOT));
    // A slot is in use when any of its row fields is non-zero.
    const used = new Uint8Array(size);
    ws.forEach((w, p) => {
      for (let r = 0; r < w.keys.length; r++) {
        const k = w.keys[r];
        let s = k & this.mask;
        while (used[s] && table[s * SLOT] !== k) s = (s + 1) & this.mask;
        used[s] = 1;
        table[s * SLOT] = k;
        table[s * SLOT + 1 + p] = r * L + 1;
      }
    });
    for (let s = 0; s < size; s++) if (used[s]) table[s * SLOT + SLOT - 1] = 1;
  }

  /** Table slot (index into the table / SLOT) of a key, or -1. */
  slot(k: number): number {
    const table = this.table;
    const mask = this.mask;
    let s = k & mask;
    while (table[s * SLOT + SLOT - 1] !== 0) {
      if (table[s * SLOT] === k) return s;
      s = (s + 1) & mask;
    }
    return -1;
  }

  /** Slots of all keys of a feature set (-1 where absent), to be shared by the passes. */
  slots(f: SentenceFeatures): Int32Array {
    const keys = f.keys;
    const out = new Int32Array(keys.length);
    for (let j = 0; j < keys.length; j++) out[j] = this.slot(keys[j]);
    return out;
  }

  /** Offset into `slab` of the word's group sums: for pass p and group g at off + (p * 5 + g) * L. */
  private wordVectors(w: WordInfo): number {
    const cached = this.wordCache.get(w);
    if (cached !== undefined) return cached;
    const L = this.L;
    const P = this.passes;
    const need = P * 5 * L;
    if (this.slabUsed + need > this.slab.length) {
      if (this.slab.length < WORD_SLAB_WORDS * need) {
        const bigger = new Int32Array(Math.min(WORD_SLAB_WORDS * need, Math.max(1024 * need, this.slab.length * 2)));
        bigger.set(this.slab);
        this.slab = bigger;
      } else {
        this.wordCache.clear();
        this.slabUsed = 0;
      }
    }
    const off = this.slabUsed;
    this.slabUsed += need;
    const v = this.slab;
    v.fill(0, off, off + need);
    const keys = w.groupKeys;
    const table = this.table;
    for (let g = 0; g < 5; g++) {
      for (let j = GROUP_START[g]; j < GROUP_START[g + 1]; j++) {
        const k = keys[j];
        if (k === 0) continue;
        const s = this.slot(k);
        if (s < 0) continue;
        for (let p = 0; p < P; p++) {
          let row = table[s * SLOT + 1 + p];
          if (row === 0) continue;
          row -= 1;
          const q = this.qs[p];
          const o = off + (p * 5 + g) * L;
          for (let l = 0; l < L; l++) v[o + l] += q[row + l];
        }
      }
    }
    this.wordCache.set(w, off);
    return off;
  }

  private wordOffsets(pw: WordInfo[]): Int32Array {
    if (this.offs.length < pw.length) this.offs = new Int32Array(pw.length * 2);
    const offs = this.offs;
    const startUsed = this.slabUsed;
    for (let i = 0; i < pw.length; i++) {
      offs[i] = this.wordVectors(pw[i]);
      // The cache was reset while filling: start over (a sentence is far smaller than the cache).
      if (this.slabUsed < startUsed) return this.wordOffsets(pw);
    }
    return offs;
  }

  /**
   * Emission scores em[i * L + l] of pass p for a sentence: word-group sums,
   * the base context features (through their precomputed `slots`), and optional extra keys.
   * The returned buffer is reused by the next call.
   */
  emissions(p: number, f: TokenFeatures, slots: Int32Array, extra?: SentenceFeatures): Float32Array {
    const L = this.L;
    const n = f.offsets.length - 1;
    if (this.acc.length < n * L) {
      this.acc = new Int32Array(Math.max(n * L, this.acc.length * 2));
      this.em = new Float32Array(this.acc.length);
    }
    const acc = this.acc;
    const pw = f.padded;
    if (pw.length > WORD_SLAB_WORDS) throw new Error('NER: sentence too long');
    const offs = this.wordOffsets(pw);
    const v = this.slab;
    const pg = p * 5 * L;
    for (let i = 0; i < n; i++) {
      const base = i * L;
      const a0 = offs[i + 2] + pg;
      const a1 = offs[i + 1] + pg + L;
      const a2 = offs[i] + pg + 2 * L;
      const a3 = offs[i + 3] + pg + 3 * L;
      const a4 = offs[i + 4] + pg + 4 * L;
      for (let l = 0; l < L; l++) acc[base + l] = v[a0 + l] + v[a1 + l] + v[a2 + l] + v[a3 + l] + v[a4 + l];
    }
    const table = this.table;
    const q = this.qs[p];
    const offsets = f.offsets;
    for (let i = 0; i < n; i++) {
      const base = i * L;
      const end = offsets[i + 1];
      for (let j = offsets[i]; j < end; j++) {
        const s = slots[j];
        if (s < 0) continue;
        let row = table[s * SLOT + 1 + p];
        if (row === 0) continue;
        row -= 1;
        for (let l = 0; l < L; l++) acc[base + l] += q[row + l];
      }
    }
    if (extra) {
      const keys = extra.keys;
      const eo = extra.offsets;
      for (let i = 0; i < n; i++) {
        const base = i * L;
        for (let j = eo[i]; j < eo[i + 1]; j++) {
          const s = this.slot(keys[j]);
          if (s < 0) continue;
          let row = table[s * SLOT + 1 + p];
          if (row === 0) continue;
          row -= 1;
          for (let l = 0; l < L; l++) acc[base + l] += q[row + l];
        }
      }
    }
    const em = this.em;
    const scale = this.scales[p];
    for (let i = 0; i < n * L; i++) em[i] = acc[i] * scale;
    return em;
  }
}
