/**
 * Compact binary model format (little-endian):
 *
 *   0  "MNER" magic
 *   4  u32 format version (MODEL_FORMAT_VERSION)
 *   8  u32 header length H
 *  12  H bytes of UTF-8 JSON header (ModelHeader), zero-padded to a multiple of 4
 *   …  sections, each 4-byte aligned, at the offsets the header gives
 *
 * Per pass: feature keys sorted as unsigned 32-bit values and stored as LEB128
 * varint deltas; weights as int8 with one scale per pass (weight = q * scale);
 * transition/start/end scores as float32.
 *
 * Pure TypeScript (TextEncoder/TextDecoder and typed arrays only).
 */

import type { LinearWeights, QuantisedWeights } from './linear';
import type { NerType } from './labels';

export const MODEL_MAGIC = 'MNER';
export const MODEL_FORMAT_VERSION = 1;

export interface NerModelData {
  /** Identifies the model in annotations, e.g. `ner-conll-2026-11-29-a1b2c3d4`. */
  id: string;
  featureVersion: number;
  /** Entity types in label order. */
  types: NerType[];
  /** One linear model per pass (the second pass sees the first pass's predictions). */
  passes: QuantisedWeights[];
  /**
   * Span confidence from the decoder margin m (the smallest over the span's tokens):
   * score = 1 / (1 + exp(-(m - scoreBias) / scoreScale)), fitted on dev data.
   */
  scoreScale: number;
  scoreBias?: number;
  /** Free-form training information (data, epochs, seed, dev scores). */
  meta?: Record<string, unknown>;
}

interface SectionRef {
  offset: number;
  length: number;
}

interface PassHeader {
  L: number;
  rows: number;
  scale: number;
  residual?: boolean;
  keys: SectionRef;
  weights: SectionRef;
  transitions: SectionRef;
}

interface ModelHeader {
  id: string;
  featureVersion: number;
  types: NerType[];
  scoreScale: number;
  scoreBias?: number;
  passes: PassHeader[];
  meta?: Record<string, unknown>;
}

function writeVarints(keys: Uint32Array): Uint8Array {
  const out = new Uint8Array(keys.length * 5);
  let p = 0;
  let prev = 0;
  for (let i = 0; i < keys.length; i++) {
    let d = keys[i] - prev;
    prev = keys[i];
    while (d >= 0x80) {
      out[p++] = (d & 0x7f) | 0x80;
      d = Math.floor(d / 128);
    }
    out[p++] = d;
  }
  return out.slice(0, p);
}

function readVarints(bytes: Uint8Array, n: number): Int32Array {
  const keys = new Int32Array(n);
  let p = 0;
  let prev = 0;
  for (let i = 0; i < n; i++) {
    let d = 0;
    let mul = 1;
    for (;;) {
      if (p >= bytes.length) throw new Error('NER model: truncated key section');
      const b = bytes[p++];
      d += (b & 0x7f) * mul;
      if (b < 0x80) break;
      mul *= 128;
    }
    prev += d;
    keys[i] = prev | 0;
  }
  return keys;
}

export function encodeModel(data: NerModelData): Uint8Array {
  const sections: Uint8Array[] = [];
  let offset = 0;
  const add = (b: Uint8Array): SectionRef => {
    const ref = { offset, length: b.byteLength };
    sections.push(b);
    offset += b.byteLength;
    const pad = (4 - (offset % 4)) % 4;
    if (pad) {
      sections.push(new Uint8Array(pad));
      offset += pad;
    }
    return ref;
  };
  const passes: PassHeader[] = data.passes.map((p) => {
    const L = p.L;
    const rows = p.keys.length;
    const order = Array.from({ length: rows }, (_, i) => i).sort((a, b) => (p.keys[a] >>> 0) - (p.keys[b] >>> 0));
    const ukeys = new Uint32Array(rows);
    order.forEach((r, i) => (ukeys[i] = p.keys[r] >>> 0));
    for (let i = 1; i < rows; i++) if (ukeys[i] === ukeys[i - 1]) throw new Error('NER model: duplicate feature key');
    const q = new Int8Array(rows * L);
    order.forEach((r, i) => q.set(p.q.subarray(r * L, r * L + L), i * L));
    const tr = new Float32Array(L * L + 2 * L);
    tr.set(p.trans, 0);
    tr.set(p.start, L * L);
    tr.set(p.end, L * L + L);
    return {
      L,
      rows,
      scale: p.scale,
      ...(p.residual ? { residual: true } : {}),
      keys: add(writeVarints(ukeys)),
      weights: add(new Uint8Array(q.buffer)),
      transitions: add(new Uint8Array(tr.buffer)),
    };
  });
  const header: ModelHeader = {
    id: data.id,
    featureVersion: data.featureVersion,
    types: data.types,
    scoreScale: data.scoreScale,
    scoreBias: data.scoreBias ?? 0,
    passes,
    meta: data.meta,
  };
  let json = new TextEncoder().encode(JSON.stringify(header));
  const hpad = (4 - (json.length % 4)) % 4;
  if (hpad) {
    const j = new Uint8Array(json.length + hpad).fill(0x20);
    j.set(json);
    json = j;
  }
  const total = 12 + json.length + offset;
  const out = new Uint8Array(total);
  const dv = new DataView(out.buffer);
  for (let i = 0; i < 4; i++) out[i] = MODEL_MAGIC.charCodeAt(i);
  dv.setUint32(4, MODEL_FORMAT_VERSION, true);
  dv.setUint32(8, json.length, true);
  out.set(json, 12);
  let p = 12 + json.length;
  for (const s of sections) {
    out.set(s, p);
    p += s.byteLength;
  }
  return out;
}

export function decodeModel(bytes: Uint8Array): NerModelData {
  if (bytes.length < 12) throw new Error('NER model: file too short');
  for (let i = 0; i < 4; i++) {
    if (bytes[i] !== MODEL_MAGIC.charCodeAt(i)) throw new Error('NER model: bad magic (not a Marginalia NER model)');
  }
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = dv.getUint32(4, true);
  if (version !== MODEL_FORMAT_VERSION) throw new Error(`NER model: unsupported format version ${version} (expected ${MODEL_FORMAT_VERSION})`);
  const hlen = dv.getUint32(8, true);
  if (12 + hlen > bytes.length) throw new Error('NER model: truncated header');
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(12, 12 + hlen))) as ModelHeader;
  const base = 12 + hlen;
  const section = (r: SectionRef): Uint8Array => {
    if (base + r.offset + r.length > bytes.length) throw new Error('NER model: truncated section');
    return bytes.subarray(base + r.offset, base + r.offset + r.length);
  };
  const passes: QuantisedWeights[] = header.passes.map((p) => {
    const L = p.L;
    const keys = readVarints(section(p.keys), p.rows);
    const wb = section(p.weights);
    if (wb.length !== p.rows * L) throw new Error('NER model: weight section has the wrong size');
    const q = new Int8Array(wb.slice().buffer);
    const tr = new Float32Array(section(p.transitions).slice().buffer);
    if (tr.length !== L * L + 2 * L) throw new Error('NER model: transition section has the wrong size');
    return {
      L,
      keys,
      q,
      scale: p.scale,
      ...(p.residual ? { residual: true } : {}),
      trans: tr.slice(0, L * L),
      start: tr.slice(L * L, L * L + L),
      end: tr.slice(L * L + L, L * L + 2 * L),
    };
  });
  return {
    id: header.id,
    featureVersion: header.featureVersion,
    types: header.types,
    passes,
    scoreScale: header.scoreScale,
    scoreBias: header.scoreBias ?? 0,
    meta: header.meta,
  };
}

/**
 * Drop feature rows whose largest absolute weight is below `threshold`, and
 * (optionally) keep at most `maxRows` rows, the ones with the largest L1 norm.
 */
export function pruneWeights(w: LinearWeights, threshold: number, maxRows = Infinity): LinearWeights {
  const L = w.L;
  const rows = w.keys.length;
  const norms: { r: number; n: number }[] = [];
  for (let r = 0; r < rows; r++) {
    let max = 0;
    let l1 = 0;
    for (let l = 0; l < L; l++) {
      const a = Math.abs(w.weights[r * L + l]);
      if (a > max) max = a;
      l1 += a;
    }
    if (max >= threshold && max > 0) norms.push({ r, n: l1 });
  }
  if (norms.length > maxRows) {
    norms.sort((a, b) => b.n - a.n);
    norms.length = maxRows;
    norms.sort((a, b) => a.r - b.r);
  }
  const keys = new Int32Array(norms.length);
  const weights = new Float32Array(norms.length * L);
  norms.forEach(({ r }, i) => {
    keys[i] = w.keys[r];
    weights.set(w.weights.subarray(r * L, r * L + L), i * L);
  });
  return { ...w, keys, weights };
}
