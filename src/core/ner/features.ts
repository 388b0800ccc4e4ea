/**
 * Feature extraction. Every feature is a 32-bit hash of (template, value...),
 * computed with integer mixing from per-word hashes that are cached by word
 * string, so no feature strings are built at tagging time.
 *
 * Features of token i in a sentence:
 *  - the word, lower-cased word, lower-cased word without periods (U.K. = UK),
 *    word shape (Xxxx, XX, dd-dd ...), short shape, lower-cased prefixes and
 *    suffixes of 1–4 characters;
 *  - neighbouring words (±2) and shapes, word and shape bigrams / trigrams;
 *  - sentence position, headline (all-caps sentence) conjunctions;
 *  - document features from the raw text of the whole document: whether the
 *    word also appears lower-cased in the document, or capitalised in the
 *    middle of a normal sentence, and the casing it has there;
 *  - second pass only (extractSecondPass): the labels a first-pass model gave
 *    to the token and its neighbours, and the types it gave to the other
 *    occurrences of the same word in the document (alone, as part of a longer
 *    name, as its last word), the majority type, with shape conjunctions.
 */

import { combine, hashRange, hashString } from './hash';
import { normaliseToken } from './tokenize';

/** Bump when feature extraction changes: models record the version they were trained with. */
export const FEATURE_VERSION = 4;

// Capitalisation classes.
export const CAP_NONE = 0; // no letters
export const CAP_LOWER = 1; // starts lower-case
export const CAP_INIT = 2; // Initial capital, not all caps
export const CAP_ALL = 3; // all letters upper-case
export const CAP_MIXED = 4; // other (iPhone, eBay)

export interface WordInfo {
  lower: string;
  w: number;
  l: number;
  shape: number;
  short: number;
  /** Lower-case word with digits mapped to 0. */
  dl: number;
  cap: number;
  letters: number;
  /**
   * Keys of the features that depend on this word alone, in five groups by the
   * position the word has relative to the token being tagged: self, -1, -2, +1, +2
   * (GROUP_START gives each group's slots; 0 = no feature). Taggers cache
   * per-word weight sums for these groups.
   */
  groupKeys: number[];
  /** Scratch slot for one tagger's per-word cache (see MultiPassModel): owner id (0 = none), cache generation, offset. */
  cacheOwner: number;
  cacheGen: number;
  cacheOffset: number;
}

/** Slot ranges of the five word-only feature groups in WordInfo.groupKeys. */
export const GROUP_START = [0, 14, 18, 20, 24, 26];

/** Character class for shapes: 'X' upper, 'x' lower / other letter, 'd' digit, else the character or '*'. */
function shapeChar(code: number, ch: string): string {
  if (code >= 48 && code <= 57) return 'd';
  if (code >= 65 && code <= 90) return 'X';
  if (code >= 97 && code <= 122) return 'x';
  if (code < 128) return ch;
  const lo = ch.toLowerCase();
  const up = ch.toUpperCase();
  if (lo !== up) return ch === up ? 'X' : 'x';
  if (/\p{L}/u.test(ch)) return 'x';
  if (/\p{N}/u.test(ch)) return 'd';
  return '*';
}

/**
 * Word shape (`Xxxx`, `XX`, `dd-dd`; runs longer than 4 cut to 4) and short
 * shape (runs collapsed: `Xx`, `X`, `d-d`), plus capitalisation class and letter count.
 */
export function wordShape(w: string): { shape: string; short: string; cap: number; letters: number } {
  let shape = '';
  let short = '';
  let prev = '';
  let run = 0;
  let upper = 0;
  let lower = 0;
  let firstLetterUpper = -1;
  for (let i = 0; i < w.length; i++) {
    const code = w.charCodeAt(i);
    let ch: string;
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < w.length) {
      ch = w.slice(i, i + 2);
      i++;
    } else ch = w[i];
    const c = shapeChar(code, ch);
    if (c === 'X') {
      upper++;
      if (firstLetterUpper < 0) firstLetterUpper = 1;
    } else if (c === 'x') {
      lower++;
      if (firstLetterUpper < 0) firstLetterUpper = 0;
    }
    if (c === prev) run++;
    else {
      run = 1;
      short += c;
    }
    if (run <= 4) shape += c;
    prev = c;
  }
  const letters = upper + lower;
  let cap: number;
  if (letters === 0) cap = CAP_NONE;
  else if (lower === 0) cap = CAP_ALL;
  else if (firstLetterUpper === 0) cap = upper > 0 ? CAP_MIXED : CAP_LOWER;
  else cap = CAP_INIT;
  return { shape, short, cap, letters };
}

// Template ids: one hashed constant per template.
let nextTemplate = 1;
function T(): number {
  return hashString(`tmpl#${nextTemplate++}`);
}
const T_BIAS = T(), T_W = T(), T_L = T(), T_SHAPE = T(), T_SHORT = T();
const T_PRE = [T(), T(), T(), T()], T_SUF = [T(), T(), T(), T()];
const T_LM1 = T(), T_LM2 = T(), T_LP1 = T(), T_LP2 = T();
const T_SM1 = T(), T_SP1 = T(), T_SSM1 = T(), T_SSP1 = T(), T_SSM2 = T(), T_SSP2 = T();
const T_BI_L = T(), T_BI_R = T(), T_SBI_L = T(), T_SBI_R = T(), T_STRI = T();
const T_LM1_S0 = T(), T_S0_LP1 = T(), T_SUFM1 = T(), T_SUFP1 = T();
const T_FIRST = T(), T_HEAD_L = T(), T_HEAD_S = T(), T_HEAD = T(), T_LEN = T();
const T_DOC_LOWER = T(), T_DOC_CAPMID = T(), T_DOC_FORM = T(), T_DOC_ONLYCAPS = T();
const T_P1_ANY = T(), T_P1_MAJ = T(), T_P1_NONE = T();
const T_WM1_W = T(), T_LM1_LM2 = T(), T_LP1_LP2 = T();
const T_NODOT = T(), T_P1_UNIT = T(), T_P1_MULTI = T(), T_P1_LAST = T(), T_P1_SELF = T(), T_P1_PREV = T(), T_P1_NEXT = T();
const T_P1_SELF_SHAPE = T(), T_P1_TRI = T(), T_P1_MAJ_SHAPE = T(), T_P1_MULTI_SELF = T(), T_P1_UNIT_SELF = T();

/**
 * Words whose features were computed, in two generations of at most WORD_GENERATION words: when the young one is full
 * it becomes the old one and the old one is dropped; a word found in the old one moves to the young one. The frequent
 * words so stay while a folder's long tail passes through, and the cache stays bounded: a word costs ~300 bytes here,
 * so at most ~10 MB (it was one map of up to 100,000 words, cleared when full: up to ~30 MB on a folder with that
 * many distinct words; the bench's 1,000 articles have ~32,000).
 */
const WORD_GENERATION = 16_384;
let youngWords = new Map<string, WordInfo>();
let oldWords = new Map<string, WordInfo>();

function rememberWord(raw: string, info: WordInfo): void {
  if (youngWords.size >= WORD_GENERATION) {
    oldWords = youngWords;
    youngWords = new Map();
  }
  youngWords.set(raw, info);
}

export function wordInfo(raw: string): WordInfo {
  let info = youngWords.get(raw);
  if (info) return info;
  info = oldWords.get(raw);
  if (info) {
    rememberWord(raw, info);
    return info;
  }
  const w = normaliseToken(raw);
  const lower = w.toLowerCase();
  const { shape, short, cap, letters } = wordShape(w);
  const pre: number[] = [0, 0, 0, 0];
  const suf: number[] = [0, 0, 0, 0];
  // Affixes count code points: a word with astral characters is split into them first.
  const chars = /[\ud800-\udfff]/.test(lower) ? Array.from(lower) : null;
  const len = chars ? chars.length : lower.length;
  for (let k = 1; k <= 4 && k < len; k++) {
    pre[k - 1] = chars ? hashString(chars.slice(0, k).join('')) : hashRange(lower, 0, k);
    suf[k - 1] = chars ? hashString(chars.slice(len - k).join('')) : hashRange(lower, len - k, len);
  }
  const hw = hashString(w);
  const hl = hashString(lower);
  const hshape = hashString(shape);
  const hshort = hashString(short);
  const dl = /[0-9]/.test(lower) ? hashString(lower.replace(/[0-9]/g, '0')) : hl;
  const g = new Array<number>(GROUP_START[5]).fill(0);
  // self
  g[0] = T_BIAS;
  g[1] = combine(T_W, hw);
  g[2] = combine(T_L, hl);
  g[3] = combine(T_SHAPE, hshape);
  g[4] = combine(T_SHORT, hshort);
  for (let k = 0; k < 4; k++) {
    if (pre[k] !== 0) g[5 + k] = combine(T_PRE[k], pre[k]);
    if (suf[k] !== 0) g[9 + k] = combine(T_SUF[k], suf[k]);
  }
  // Lower-case word without periods, with its capitalisation class: U.S. and US share it.
  if (letters > 0) g[13] = combine(combine(T_NODOT, w.includes('.') ? hashString(lower.replace(/\./g, '')) : hl), cap);
  let o = GROUP_START[1];
  // as the previous word
  g[o] = combine(T_LM1, dl);
  g[o + 1] = combine(T_SM1, hshape);
  g[o + 2] = combine(T_SSM1, hshort);
  if (suf[2] !== 0) g[o + 3] = combine(T_SUFM1, suf[2]);
  // two words back
  o = GROUP_START[2];
  g[o] = combine(T_LM2, dl);
  g[o + 1] = combine(T_SSM2, hshort);
  // as the next word
  o = GROUP_START[3];
  g[o] = combine(T_LP1, dl);
  g[o + 1] = combine(T_SP1, hshape);
  g[o + 2] = combine(T_SSP1, hshort);
  if (suf[2] !== 0) g[o + 3] = combine(T_SUFP1, suf[2]);
  // two words ahead
  o = GROUP_START[4];
  g[o] = combine(T_LP2, dl);
  g[o + 1] = combine(T_SSP2, hshort);
  info = { lower, w: hw, l: hl, shape: hshape, short: hshort, dl, cap, letters, groupKeys: g, cacheOwner: 0, cacheGen: 0, cacheOffset: 0 };
  rememberWord(raw, info);
  return info;
}

/** Number of BILOU labels the second-pass features expect (4 types). */
const PASS1_LABELS = 17;

const BOS = wordInfo('<S>');
const EOS = wordInfo('</S>');

export interface SentenceFeatures {
  /** Feature keys of all tokens, token t at keys[offsets[t] .. offsets[t+1]). */
  keys: Int32Array;
  offsets: Int32Array;
  /** Training only: how many of each token's keys (at the start of its range) are word-identity features. */
  ident?: Uint8Array;
}

/**
 * Base features of one sentence: the word of each token (whose `groups` give the
 * features that depend on one word alone, see WordInfo) plus the remaining
 * context features as keys.
 */
export interface TokenFeatures extends SentenceFeatures {
  /** Word info per position, padded with two sentence-boundary words on each side. */
  padded: WordInfo[];
}

/** All feature keys of each token, for training. */
export function flattenFeatures(f: TokenFeatures): SentenceFeatures {
  const n = f.offsets.length - 1;
  const keys: number[] = [];
  const offsets = new Int32Array(n + 1);
  const ident = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    offsets[i] = keys.length;
    const pw = f.padded;
    const words = [pw[i + 2], pw[i + 1], pw[i], pw[i + 3], pw[i + 4]];
    // Word-identity features first (training may drop them: word dropout).
    const self = words[0].groupKeys;
    for (const j of IDENTITY_SLOTS) if (self[j] !== 0) keys.push(self[j]);
    ident[i] = keys.length - offsets[i];
    for (let g = 0; g < 5; g++) {
      for (let j = GROUP_START[g]; j < GROUP_START[g + 1]; j++) {
        const k = words[g].groupKeys[j];
        if (k !== 0 && !(g === 0 && IDENTITY_SLOTS.includes(j))) keys.push(k);
      }
    }
    for (let j = f.offsets[i]; j < f.offsets[i + 1]; j++) keys.push(f.keys[j]);
  }
  offsets[n] = keys.length;
  return { keys: Int32Array.from(keys), offsets, ident };
}

/** Slots of WordInfo.groupKeys holding the word-identity features (word, lower-case word, dotless word). */
const IDENTITY_SLOTS = [1, 2, 13];

/** Growable key buffer reused across calls. */
let buf = new Int32Array(1 << 14);
function ensure(n: number) {
  if (n > buf.length) {
    const b = new Int32Array(Math.max(n, buf.length * 2));
    b.set(buf);
    buf = b;
  }
}

interface DocStats {
  /** lower-case form → [lower-initial count, capitalised mid-sentence count, all-caps count in normal sentences]. */
  forms: Map<string, number[]>;
}

function isHeadline(infos: WordInfo[]): boolean {
  let letterTokens = 0;
  for (const inf of infos) {
    if (inf.cap === CAP_LOWER || inf.cap === CAP_MIXED) return false;
    if (inf.letters > 0) letterTokens++;
  }
  return letterTokens >= 1;
}

function docStats(doc: WordInfo[][], headline: boolean[]): DocStats {
  const forms = new Map<string, number[]>();
  doc.forEach((infos, si) => {
    if (headline[si]) return;
    for (let i = 0; i < infos.length; i++) {
      const inf = infos[i];
      if (inf.letters === 0) continue;
      let k = -1;
      if (inf.cap === CAP_LOWER) k = 0;
      else if (i > 0 && inf.cap === CAP_INIT) k = 1;
      else if (i > 0 && inf.cap === CAP_ALL && inf.letters > 1) k = 2;
      if (k < 0) continue;
      let f = forms.get(inf.lower);
      if (!f) forms.set(inf.lower, (f = [0, 0, 0]));
      f[k]++;
    }
  });
  return { forms };
}

/**
 * Base features for every sentence of one document (sentence and document context,
 * raw text only).
 * @param doc sentences as token strings (raw token text; normalised internally)
 */
export function extractDocument(doc: readonly (readonly string[])[]): TokenFeatures[] {
  const infos = doc.map((s) => s.map(wordInfo));
  const headline = infos.map(isHeadline);
  const stats = docStats(infos, headline);
  const out: TokenFeatures[] = [];
  for (let si = 0; si < infos.length; si++) {
    const ws = infos[si];
    const n = ws.length;
    const head = headline[si] ? 1 : 0;
    ensure(n * 32 + 32);
    const offsets = new Int32Array(n + 1);
    let p = 0;
    const lenBucket = n <= 3 ? n : n <= 6 ? 4 : 5;
    for (let i = 0; i < n; i++) {
      offsets[i] = p;
      const c = ws[i];
      const m1 = i > 0 ? ws[i - 1] : BOS;
      const m2 = i > 1 ? ws[i - 2] : BOS;
      const p1 = i + 1 < n ? ws[i + 1] : EOS;
      const p2 = i + 2 < n ? ws[i + 2] : EOS;
      buf[p++] = combine(combine(T_BI_L, m1.dl), c.dl);
      buf[p++] = combine(combine(T_BI_R, c.dl), p1.dl);
      buf[p++] = combine(combine(T_WM1_W, m1.w), c.w);
      buf[p++] = combine(combine(T_LM1_LM2, m2.dl), m1.dl);
      buf[p++] = combine(combine(T_LP1_LP2, p1.dl), p2.dl);
      buf[p++] = combine(combine(T_SBI_L, m1.short), c.short);
      buf[p++] = combine(combine(T_SBI_R, c.short), p1.short);
      buf[p++] = combine(combine(combine(T_STRI, m1.short), c.short), p1.short);
      buf[p++] = combine(combine(T_LM1_S0, m1.dl), c.short);
      buf[p++] = combine(combine(T_S0_LP1, c.short), p1.dl);
      if (i === 0) buf[p++] = combine(T_FIRST, c.short);
      buf[p++] = combine(combine(T_LEN, lenBucket), c.cap);
      if (head) {
        buf[p++] = T_HEAD;
        buf[p++] = combine(T_HEAD_L, c.l);
        buf[p++] = combine(T_HEAD_S, c.short);
      }
      // Document features from the raw text.
      if (c.letters > 0 && c.cap !== CAP_LOWER) {
        const f = stats.forms.get(c.lower);
        const lowerSeen = f !== undefined && f[0] > 0;
        const capMid = f !== undefined && f[1] > 0;
        buf[p++] = combine(combine(T_DOC_LOWER, lowerSeen ? 1 : 0), c.cap);
        if (i === 0 || head || c.cap === CAP_ALL) {
          buf[p++] = combine(combine(T_DOC_CAPMID, capMid ? 1 : 0), head * 2 + (i === 0 ? 1 : 0));
          if (f) {
            const form = f[1] >= f[0] && f[1] >= f[2] ? 1 : f[2] >= f[0] ? 2 : 0;
            buf[p++] = combine(combine(T_DOC_FORM, form), head);
          } else buf[p++] = combine(T_DOC_ONLYCAPS, head);
        }
      }
    }
    offsets[n] = p;
    out.push({ keys: buf.slice(0, p), offsets, padded: [BOS, BOS, ...ws, EOS, EOS] });
  }
  return out;
}

/**
 * Second-pass features: what a first-pass model said about the other
 * occurrences of each word in the document.
 * @param doc the document's sentences as token strings, or their base features
 * @param pass1 first-pass BILOU label ids per sentence
 */
export function extractSecondPass(doc: readonly (readonly string[])[] | readonly TokenFeatures[], pass1: readonly ArrayLike<number>[]): SentenceFeatures[] {
  const infos: WordInfo[][] = doc.map((s: readonly string[] | TokenFeatures) =>
    'padded' in s ? s.padded.slice(2, s.padded.length - 2) : s.map(wordInfo),
  );
  // Per lower-case word: how often the first pass gave each label to its occurrences.
  const agg = new Map<string, Int32Array>();
  for (let si = 0; si < infos.length; si++) {
    const lab = pass1[si];
    for (let i = 0; i < infos[si].length; i++) {
      const inf = infos[si][i];
      if (inf.letters === 0) continue;
      let a = agg.get(inf.lower);
      if (!a) agg.set(inf.lower, (a = new Int32Array(PASS1_LABELS)));
      a[lab[i]]++;
    }
  }
  const out: SentenceFeatures[] = [];
  const byType = new Int32Array(5);
  for (let si = 0; si < infos.length; si++) {
    const ws = infos[si];
    const n = ws.length;
    ensure(n * 32 + 32);
    const offsets = new Int32Array(n + 1);
    let p = 0;
    for (let i = 0; i < n; i++) {
      offsets[i] = p;
      const c = ws[i];
      const own = pass1[si][i];
      buf[p++] = combine(T_P1_SELF, own);
      const prev = i > 0 ? pass1[si][i - 1] : -1;
      const next = i + 1 < n ? pass1[si][i + 1] : -1;
      buf[p++] = combine(T_P1_PREV, prev);
      buf[p++] = combine(T_P1_NEXT, next);
      buf[p++] = combine(combine(T_P1_SELF_SHAPE, own), c.short);
      buf[p++] = combine(combine(combine(T_P1_TRI, prev), own), next);
      if (c.letters === 0) continue;
      const a = agg.get(c.lower)!;
      byType.fill(0);
      let total = 0;
      let unit = 0;
      let multi = 0;
      let last = 0;
      for (let l = 0; l < PASS1_LABELS; l++) {
        const cnt = a[l] - (l === own ? 1 : 0);
        if (cnt <= 0) continue;
        total += cnt;
        const t = l === 0 ? 0 : 1 + ((l - 1) >> 2);
        byType[t] += cnt;
        if (l > 0) {
          const part = (l - 1) & 3; // B I L U
          if (part === 3) unit |= 1 << t;
          else multi |= 1 << t;
          if (part === 2) last |= 1 << t;
        }
      }
      for (let t = 1; t < 5; t++) {
        if (unit & (1 << t)) {
          buf[p++] = combine(T_P1_UNIT, t);
          buf[p++] = combine(combine(T_P1_UNIT_SELF, t), own);
        }
        if (multi & (1 << t)) {
          buf[p++] = combine(T_P1_MULTI, t);
          buf[p++] = combine(combine(T_P1_MULTI_SELF, t), own);
        }
        if (last & (1 << t)) buf[p++] = combine(T_P1_LAST, t);
      }
      if (total === 0) {
        buf[p++] = T_P1_NONE;
        continue;
      }
      let best = 0;
      for (let t = 1; t < 5; t++) if (byType[t] > byType[best]) best = t;
      buf[p++] = combine(combine(T_P1_MAJ, best), c.cap === CAP_LOWER ? 0 : 1);
      buf[p++] = combine(combine(T_P1_MAJ_SHAPE, best), c.short);
      for (let t = 1; t < 5; t++) if (byType[t] > 0) buf[p++] = combine(T_P1_ANY, t);
    }
    offsets[n] = p;
    out.push({ keys: buf.slice(0, p), offsets });
  }
  return out;
}

/** Concatenate two feature sets of the same tokens. */
export function mergeFeatures(a: SentenceFeatures, b: SentenceFeatures): SentenceFeatures {
  const n = a.offsets.length - 1;
  const keys = new Int32Array(a.keys.length + b.keys.length);
  const offsets = new Int32Array(n + 1);
  let p = 0;
  for (let i = 0; i < n; i++) {
    offsets[i] = p;
    keys.set(a.keys.subarray(a.offsets[i], a.offsets[i + 1]), p);
    p += a.offsets[i + 1] - a.offsets[i];
    keys.set(b.keys.subarray(b.offsets[i], b.offsets[i + 1]), p);
    p += b.offsets[i + 1] - b.offsets[i];
  }
  offsets[n] = p;
  return { keys, offsets, ident: a.ident };
}
