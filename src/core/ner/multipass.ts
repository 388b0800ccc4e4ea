/**
 * Tagging-time scorer for a stack of linear models (the passes) that share
 * their base features. The passes' feature keys are merged into one row space
 * (a feature missing from a pass has an all-zero row there), so one compact
 * open-addressing table (key → row, 8 bytes a slot) serves all passes and a
 * feature is looked up once per sentence; per-word sums of the word-only
 * feature groups are cached for all passes at once. A row holds every pass's
 * weights side by side (row r, pass p, label l at (r * passes + p) * L + l), so
 * a feature's weights for all passes are one read of adjacent memory.
 */

import { constrainTransitions, type Transitions } from './decode';
import { GROUP_START, type SentenceFeatures, type TokenFeatures, type WordInfo } from './features';
import type { QuantisedWeights } from './linear';
import { EmissionBuffers } from './buffers';

/**
 * Words whose feature-group sums are cached (the cache is reset when full; grown on demand, 340 bytes a word): at most
 * 11 MB (65,536 allowed 22 MB on a folder with that many distinct words). On the bench's 1,000 articles (~32,000
 * distinct words) 32,768 tags as fast (npm run bench, alternating runs).
 */
const WORD_SLAB_WORDS = 32_768;
/** Ints per table slot: key, row * passes * L + 1 (0 = empty slot). */
const SLOT = 2;

/** A sentence's base features resolved against the model, shared by the passes. */
export interface PreparedSentence {
  f: TokenFeatures;
  /** Weight-row offset + 1 of each context key (0 = unknown feature). */
  rows: Int32Array;
  /** Word-cache offset of each padded word. */
  words: Int32Array;
  generation: number;
}

let nextUid = 1;

export class MultiPassModel {
  /** Identifies this model in WordInfo.cacheOwner. */
  private readonly uid = nextUid++;
  readonly L: number;
  readonly passes: number;
  readonly trs: Transitions[];
  private readonly mask: number;
  private readonly shift: number;
  private readonly table: Int32Array;
  /** Quantised weights of all passes, row-major: see the file comment. */
  private readonly q: Int8Array;
  /** Per pass: whether it adds its extra features to the previous pass's emissions. */
  readonly residual: boolean[];
  private readonly scales: number[];
  /** Slab offsets of the words whose own cache slot belongs to another model. */
  private wordCache = new Map<WordInfo, number>();
  /** Group sums as int16: a group has at most 14 features of |weight| <= 127. */
  private slab = new Int16Array(0);
  private slabUsed = 0;
  private readonly buffers = new EmissionBuffers();

  constructor(ws: readonly QuantisedWeights[]) {
    if (ws.length < 1) throw new Error('NER model: no passes');
    const L = (this.L = ws[0].L);
    if (ws.some((w) => w.L !== L)) throw new Error('NER model: passes disagree on the label count');
    this.passes = ws.length;
    this.residual = ws.map((w, p) => p > 0 && w.residual === true);
    this.scales = ws.map((w) => w.scale);
    this.trs = ws.map((w) => constrainTransitions(L, w.trans, w.start, w.end));
    const total = ws.reduce((a, w) => a + w.keys.length, 0);
    let bits = 4;
    while (1 << bits < total * 1.25) bits++;
    const size = 1 << bits;
    this.mask = size - 1;
    // The slot is the key's top bits: model files store keys sorted, so filling the table is a sequential sweep.
    const shift = (this.shift = 32 - bits);
    const table = (this.table = new Int32Array(size * SLOT));
    const mask = this.mask;
    // Merged row index of each pass's rows.
    const merged: Int32Array[] = [];
    const stride = ws.length * L;
    let rows = 0;
    for (let p = 0; p < ws.length; p++) {
      const keys = ws[p].keys;
      const m = new Int32Array(keys.length);
      for (let r = 0; r < keys.length; r++) {
        const k = keys[r];
        let s = k >>> shift;
        while (table[s * SLOT + 1] !== 0 && table[s * SLOT] !== k) s = (s + 1) & mask;
        if (table[s * SLOT + 1] === 0) {
          table[s * SLOT] = k;
          table[s * SLOT + 1] = rows * stride + 1;
          rows++;
        }
        m[r] = (table[s * SLOT + 1] - 1) / stride;
      }
      merged.push(m);
    }
    const q = (this.q = new Int8Array(rows * stride));
    ws.forEach((w, p) => {
      const m = merged[p];
      const src = w.q;
      for (let r = 0; r < m.length; r++) {
        const a = r * L;
        const b = m[r] * stride + p * L;
        for (let l = 0; l < L; l++) q[b + l] = src[a + l];
      }
    });
  }

  /** Row offset + 1 (row * passes * L + 1) of a key in the merged row space, or 0; pass p's weights follow at + p * L. */
  row(k: number): number {
    const table = this.table;
    const mask = this.mask;
    let s = k >>> this.shift;
    for (;;) {
      const r = table[s * SLOT + 1];
      if (r === 0 || table[s * SLOT] === k) return r;
      s = (s + 1) & mask;
    }
  }

  /** Offset into `slab` of the word's group sums: for pass p and group g at off + (p * 5 + g) * L. */
  private wordVectors(w: WordInfo): number {
    // Fast path: the word carries this model's cache entry.
    if (w.cacheOwner === this.uid && w.cacheGen === this.generation) return w.cacheOffset;
    // The map is only for words whose slot another model holds (two taggers in one process).
    const own = w.cacheOwner === 0 || w.cacheOwner === this.uid;
    if (!own) {
      const cached = this.wordCache.get(w);
      if (cached !== undefined) return cached;
    }
    const L = this.L;
    const P = this.passes;
    const need = P * 5 * L;
    if (this.slabUsed + need > this.slab.length) {
      if (this.slab.length < WORD_SLAB_WORDS * need) {
        const bigger = new Int16Array(Math.min(WORD_SLAB_WORDS * need, Math.max(1024 * need, this.slab.length * 2)));
        bigger.set(this.slab);
        this.slab = bigger;
      } else {
        this.wordCache.clear();
        this.slabUsed = 0;
        this.generation++;
      }
    }
    const off = this.slabUsed;
    this.slabUsed += need;
    const v = this.slab;
    v.fill(0, off, off + need);
    const keys = w.groupKeys;
    const q = this.q;
    for (let g = 0; g < 5; g++) {
      for (let j = GROUP_START[g]; j < GROUP_START[g + 1]; j++) {
        const k = keys[j];
        if (k === 0) continue;
        let row = this.row(k);
        if (row === 0) continue;
        row -= 1;
        for (let p = 0; p < P; p++) {
          const o = off + (p * 5 + g) * L;
          const r = row + p * L;
          for (let l = 0; l < L; l++) v[o + l] += q[r + l];
        }
      }
    }
    if (own) {
      w.cacheOwner = this.uid;
      w.cacheGen = this.generation;
      w.cacheOffset = off;
    } else this.wordCache.set(w, off);
    return off;
  }

  /** Bumped whenever the word cache is reset (prepared word offsets become stale). */
  private generation = 0;

  private wordOffsets(pw: WordInfo[], out: Int32Array): void {
    const gen = this.generation;
    for (let i = 0; i < pw.length; i++) {
      out[i] = this.wordVectors(pw[i]);
      // The cache was reset while filling: start over (a sentence is far smaller than the cache).
      if (this.generation !== gen) return this.wordOffsets(pw, out);
    }
  }

  /** Look up a sentence's features once for all passes. */
  prepare(f: TokenFeatures): PreparedSentence {
    if (f.padded.length > WORD_SLAB_WORDS) throw new Error('NER: sentence too long');
    const words = new Int32Array(f.padded.length);
    this.wordOffsets(f.padded, words);
    const keys = f.keys;
    const rows = new Int32Array(keys.length);
    for (let j = 0; j < keys.length; j++) rows[j] = this.row(keys[j]);
    return { f, rows, words, generation: this.generation };
  }

  /**
   * Emission scores em[i * L + l] of pass p for a prepared sentence: word-group
   * sums, the base context features, and optional extra keys.
   * The returned buffer is reused by the next call.
   */
  emissions(p: number, prep: PreparedSentence, extra?: SentenceFeatures, previous?: Float32Array): Float32Array {
    const f = prep.f;
    const L = this.L;
    const n = f.offsets.length - 1;
    this.buffers.fit(n * L);
    const acc = this.buffers.acc;
    if (this.residual[p]) {
      // Previous pass's scores plus this pass's extra features.
      if (!previous) throw new Error('NER: a residual pass needs the previous emissions');
      acc.fill(0, 0, n * L);
      if (extra) this.addExtra(p, extra, n, acc);
      const em = this.buffers.em;
      const scale = this.scales[p];
      for (let i = 0; i < n * L; i++) em[i] = previous[i] + acc[i] * scale;
      return em;
    }
    if (prep.generation !== this.generation) {
      this.wordOffsets(f.padded, prep.words);
      prep.generation = this.generation;
    }
    const offs = prep.words;
    const v = this.slab;
    const pg = p * 5 * L;
    for (let i = 0; i < n; i++) {
      const base = i * L;
      const a0 = offs[i + 2] + pg;
      const a1 = offs[i + 1] + pg + L;
      const a2 = offs[i] + pg + 2 * L;
      const a3 = offs[i + 3] + pg + 3 * L;
      const a4 = offs[i + 4] + pg + 4 * L;
      if (L === 17) sum5x17(acc, base, v, a0, a1, a2, a3, a4);
      else for (let l = 0; l < L; l++) acc[base + l] = v[a0 + l] + v[a1 + l] + v[a2 + l] + v[a3 + l] + v[a4 + l];
    }
    const q = this.q;
    const offsets = f.offsets;
    const rows = prep.rows;
    // Pass p's weights in each row, less the 1 that marks a known row.
    const po = p * L - 1;
    for (let i = 0; i < n; i++) {
      const base = i * L;
      const end = offsets[i + 1];
      for (let j = offsets[i]; j < end; j++) {
        let row = rows[j];
        if (row === 0) continue;
        row += po;
        if (L === 17) addRow17(acc, base, q, row);
        else for (let l = 0; l < L; l++) acc[base + l] += q[row + l];
      }
    }
    if (extra) this.addExtra(p, extra, n, acc);
    const em = this.buffers.em;
    const scale = this.scales[p];
    for (let i = 0; i < n * L; i++) em[i] = acc[i] * scale;
    return em;
  }

  private addExtra(p: number, extra: SentenceFeatures, n: number, acc: Int32Array): void {
    const L = this.L;
    const q = this.q;
    const po = p * L - 1;
    const keys = extra.keys;
    const eo = extra.offsets;
    for (let i = 0; i < n; i++) {
      const base = i * L;
      for (let j = eo[i]; j < eo[i + 1]; j++) {
        let row = this.row(keys[j]);
        if (row === 0) continue;
        row += po;
        if (L === 17) addRow17(acc, base, q, row);
        else for (let l = 0; l < L; l++) acc[base + l] += q[row + l];
      }
    }
  }
}

// Unrolled inner loops for the usual 17 labels (4 types, BILOU + O).
function addRow17(acc: Int32Array, a: number, q: Int8Array, r: number): void {
  acc[a + 0] += q[r + 0];
  acc[a + 1] += q[r + 1];
  acc[a + 2] += q[r + 2];
  acc[a + 3] += q[r + 3];
  acc[a + 4] += q[r + 4];
  acc[a + 5] += q[r + 5];
  acc[a + 6] += q[r + 6];
  acc[a + 7] += q[r + 7];
  acc[a + 8] += q[r + 8];
  acc[a + 9] += q[r + 9];
  acc[a + 10] += q[r + 10];
  acc[a + 11] += q[r + 11];
  acc[a + 12] += q[r + 12];
  acc[a + 13] += q[r + 13];
  acc[a + 14] += q[r + 14];
  acc[a + 15] += q[r + 15];
  acc[a + 16] += q[r + 16];
}

function sum5x17(acc: Int32Array, a: number, v: Int16Array, b0: number, b1: number, b2: number, b3: number, b4: number): void {
  acc[a + 0] = v[b0 + 0] + v[b1 + 0] + v[b2 + 0] + v[b3 + 0] + v[b4 + 0];
  acc[a + 1] = v[b0 + 1] + v[b1 + 1] + v[b2 + 1] + v[b3 + 1] + v[b4 + 1];
  acc[a + 2] = v[b0 + 2] + v[b1 + 2] + v[b2 + 2] + v[b3 + 2] + v[b4 + 2];
  acc[a + 3] = v[b0 + 3] + v[b1 + 3] + v[b2 + 3] + v[b3 + 3] + v[b4 + 3];
  acc[a + 4] = v[b0 + 4] + v[b1 + 4] + v[b2 + 4] + v[b3 + 4] + v[b4 + 4];
  acc[a + 5] = v[b0 + 5] + v[b1 + 5] + v[b2 + 5] + v[b3 + 5] + v[b4 + 5];
  acc[a + 6] = v[b0 + 6] + v[b1 + 6] + v[b2 + 6] + v[b3 + 6] + v[b4 + 6];
  acc[a + 7] = v[b0 + 7] + v[b1 + 7] + v[b2 + 7] + v[b3 + 7] + v[b4 + 7];
  acc[a + 8] = v[b0 + 8] + v[b1 + 8] + v[b2 + 8] + v[b3 + 8] + v[b4 + 8];
  acc[a + 9] = v[b0 + 9] + v[b1 + 9] + v[b2 + 9] + v[b3 + 9] + v[b4 + 9];
  acc[a + 10] = v[b0 + 10] + v[b1 + 10] + v[b2 + 10] + v[b3 + 10] + v[b4 + 10];
  acc[a + 11] = v[b0 + 11] + v[b1 + 11] + v[b2 + 11] + v[b3 + 11] + v[b4 + 11];
  acc[a + 12] = v[b0 + 12] + v[b1 + 12] + v[b2 + 12] + v[b3 + 12] + v[b4 + 12];
  acc[a + 13] = v[b0 + 13] + v[b1 + 13] + v[b2 + 13] + v[b3 + 13] + v[b4 + 13];
  acc[a + 14] = v[b0 + 14] + v[b1 + 14] + v[b2 + 14] + v[b3 + 14] + v[b4 + 14];
  acc[a + 15] = v[b0 + 15] + v[b1 + 15] + v[b2 + 15] + v[b3 + 15] + v[b4 + 15];
  acc[a + 16] = v[b0 + 16] + v[b1 + 16] + v[b2 + 16] + v[b3 + 16] + v[b4 + 16];
}
