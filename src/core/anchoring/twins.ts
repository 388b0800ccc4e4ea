/**
 * Twins: places where a paragraph of the text appears twice, whole or in part, anywhere in the text.
 *
 * A pasted copy leaves two places that the final text cannot rank: pasting a copy of a paragraph at B
 * gives the same text as moving the paragraph to B and pasting the copy where it was, and either copy
 * may be edited afterwards. So an annotation whose paragraph has a twin may sit on the copy while its
 * original is the twin, whichever of the two looks more like the stored context. Re-anchoring asks
 * this index, for each annotation it found, at which shifts its paragraph has a twin.
 *
 * Two kinds of evidence, both independent of where the twin is:
 * - lines: another line that starts and ends like this one (with its middle rewritten), or shares at
 *   least half of it as its start plus its end (a copy edited at one end, or two lines joined);
 * - samples: the K-unit windows whose hash falls in 1/2^SAMPLE_BITS of the hash range. Chosen by
 *   their content, the same windows are sampled in both copies of a paragraph wherever each sits, so
 *   looking up the samples of one paragraph finds the other with no search per annotation (10,000
 *   annotations on a 1 MB article cost one hashing pass). A twin needs several samples at one shift,
 *   a good share of the paragraph's or of the annotation's neighbourhood: a pasted paragraph shares
 *   most of them, a phrase news repeats ("Russian President Vladimir Putin") a few.
 */

import { pushTo } from '../multimap';
import { hashString } from '../ner/hash';
import { lowerBound } from './state';

export interface Twin {
  /** Where the twin is, relative to the line asked about (twin offset - own offset). */
  shift: number;
  /** The part of the text found again, at the twin. */
  from: number;
  to: number;
  /** The twin's line. */
  lineFrom: number;
  lineTo: number;
  /**
   * The parts of the asking line found again at the twin. A sample twin: the span of its shared samples. A line
   * twin: its start and its end only as far as `lineTwin` compared them (it stops once it has enough), so the
   * middle of a long paragraph is not in them; the sample twins cover it.
   */
  own: (readonly [number, number])[];
}

/** Window length and sampling rate. */
const K = 16;
const SAMPLE_BITS = 3; // 1 window in 8
/** A line's end keys (`lineEnds`): its first and last units, this many. */
const LINE_END = 16;
/** Lines are compared by their first and last units: found by the first (last) MIN_SHARED units, or
 *  LONG_KEY units for lines at least four times as long. */
const MIN_SHARED = 3;
const LONG_KEY = 8;
/** A line twin shares at least this share of the line (start + end; LINE_SHARED_MAX units are
 *  plenty), or ENDS_SHARED units at each end. */
const LINE_SHARED = 0.5;
const LINE_SHARED_MAX = 64;
const ENDS_SHARED = 16;
/** A line at least LONGER_LINE times as long as the line asking shares at least SHORT_LINE_SHARED units of it (all of a shorter one). */
const LONGER_LINE = 2;
const SHORT_LINE_SHARED = 8;
/** At most this many lines with the same first (last) units are compared (more: boilerplate). */
const MAX_LINES = 64;
/** Lines longer than this are sampled only within this reach of the annotation. */
const LINE_REACH = 2048;
/** The annotation's own neighbourhood: this far either side (within its line). A twin may cover it and
 *  not the rest of a long line (two lines joined after the paste), or the rest of the line and not the
 *  neighbourhood (the copy edited around the annotation): either counts. */
const NEAR_REACH = 128;
/** Samples found at shifts this close belong to one twin (edits inside a copy move what follows). */
const TWIN_SLACK = 64;
/** A sample twin needs at least this many samples at one shift, and this share of the samples of
 *  the line or of the neighbourhood. */
const MIN_TWIN_SAMPLES = 2;
const MIN_TWIN_SHARE = 0.25;
/** At most this many other places are looked at per sample (a window repeated more is boilerplate). */
const MAX_PLACES = 32;

export class TwinIndex {
  /** Sampled positions, ascending, and the hash of each one's window. */
  private readonly samples: number[] = [];
  private readonly keys: number[] = [];
  /** Window hash -> the sampled positions holding it (only hashes sampled at two places or more). */
  private readonly places = new Map<number, number[]>();
  /** Window hash -> the first sampled position holding it. */
  private readonly first = new Map<number, number>();
  /** Line starts by their first and by their last units, for each key length (see `lineKeys`). */
  private readonly keyed = new Map<number, [Map<string, [number, number][]>, Map<string, [number, number][]>]>();
  /** By line start (many annotations share a line): sample twins of lines no longer than a
   *  neighbourhood, and candidate twin lines. */
  private readonly sampleCache = new Map<number, Twin[]>();
  private readonly candidateCache = new Map<number, (readonly [number, number])[]>();

  constructor(private readonly text: string) {
    const n = text.length;
    if (n < K) return;
    const B = 0x01000193;
    let pow = 1; // B^(K-1) mod 2^32
    for (let i = 1; i < K; i++) pow = Math.imul(pow, B);
    let h = 0;
    for (let i = 0; i < K; i++) h = (Math.imul(h, B) + text.charCodeAt(i)) | 0;
    const first = this.first;
    for (let i = 0; ; i++) {
      // Mixed before choosing, so that the choice does not follow the last characters only.
      const m = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d);
      if ((m ^ (m >>> 12)) >>> (32 - SAMPLE_BITS) === 0) {
        this.samples.push(i);
        this.keys.push(h);
        const at = first.get(h);
        if (at === undefined) first.set(h, i);
        else {
          const list = this.places.get(h);
          if (list) list.push(i);
          else this.places.set(h, [at, i]);
        }
      }
      if (i + K >= n) break;
      h = (Math.imul(h - Math.imul(text.charCodeAt(i), pow), B) + text.charCodeAt(i + K)) | 0;
    }
  }

  /** How many sampled windows of the text have hash h (0: not sampled). */
  countOf(h: number): number {
    return this.places.get(h)?.length ?? (this.first.has(h) ? 1 : 0);
  }

  /** Hash -> count of the sampled windows found at two places or more: what a text repeats. */
  repeated(): Map<number, number> {
    return new Map([...this.places].map(([h, list]) => [h, list.length]));
  }

  /** Index of the first sampled position at or after `from`. */
  private firstSampleFrom(from: number): number {
    return lowerBound(this.samples, from, (x) => x);
  }

  /** Hashes of the sampled windows lying wholly inside [from, to). */
  samplesIn(from: number, to: number): number[] {
    const lo = this.firstSampleFrom(from);
    const out: number[] = [];
    for (let k = lo; k < this.samples.length && this.samples[k] + K <= to; k++) out.push(this.keys[k]);
    return out;
  }

  /** The line (paragraph) around [start, end): from after the line break before it to the one after it. */
  lineAround(start: number, end: number): [number, number] {
    const t = this.text;
    const ls = t.lastIndexOf('\n', start - 1) + 1;
    const le = t.indexOf('\n', end);
    return [ls, le < 0 ? t.length : le];
  }

  /**
   * Twins of the line around [start, end), found by their samples. Whole-line twins are asked for
   * separately (`lineCandidates`, then `lineTwin`), so that a caller can skip the comparison of lines
   * it already knows to be old text.
   */
  sampleTwinsOf(start: number, end: number): Twin[] {
    const [ls, le] = this.lineAround(start, end);
    // A line no longer than a neighbourhood has the same twins for every annotation on it.
    const whole = le - ls <= 2 * NEAR_REACH;
    let out = whole ? this.sampleCache.get(ls) : undefined;
    if (out) return out;
    out = this.sampleTwins(whole ? ls : start, whole ? le : end, ls, le);
    if (whole) this.sampleCache.set(ls, out);
    return out;
  }

  private sampleTwins(start: number, end: number, ls: number, le: number): Twin[] {
    const from = Math.max(ls, start - LINE_REACH);
    const to = Math.min(le, end + LINE_REACH);
    const lo = this.firstSampleFrom(from);
    const isNear = (x: number) => x >= start - NEAR_REACH && x + K <= end + NEAR_REACH;
    const found: [number, number][] = []; // [shift, sample]
    let own = 0;
    let ownNear = 0;
    for (let k = lo; k < this.samples.length && this.samples[k] + K <= to; k++) {
      const x = this.samples[k];
      own++;
      if (isNear(x)) ownNear++;
      const list = this.places.get(this.keys[k]);
      if (!list || list.length > MAX_PLACES) continue;
      for (const y of list) {
        if (y !== x && this.text.startsWith(this.text.slice(x, x + K), y)) found.push([y - x, x]);
      }
    }
    const need = Math.max(MIN_TWIN_SAMPLES, Math.ceil(MIN_TWIN_SHARE * own));
    const needNear = Math.max(MIN_TWIN_SAMPLES, Math.ceil(MIN_TWIN_SHARE * ownNear));
    found.sort((a, b) => a[0] - b[0]);
    const out: Twin[] = [];
    for (let i = 0; i < found.length; ) {
      // A run of shifts each within TWIN_SLACK of the previous one: one twin.
      let j = i + 1;
      while (j < found.length && found[j][0] - found[j - 1][0] <= TWIN_SLACK) j++;
      const xs = new Set<number>();
      let a = Infinity;
      let b = -Infinity;
      for (let k = i; k < j; k++) {
        xs.add(found[k][1]);
        a = Math.min(a, found[k][1] + found[k][0]);
        b = Math.max(b, found[k][1] + found[k][0] + K);
      }
      let near = 0;
      for (const x of xs) if (isNear(x)) near++;
      if (xs.size >= need || near >= needNear) {
        const [lineFrom, lineTo] = this.lineAround(a, b);
        out.push({ shift: found[i][0], from: a, to: b, lineFrom, lineTo, own: [[a - found[i][0], b - found[i][0]]] });
      }
      i = j;
    }
    return out;
  }

  /**
   * Lines that may be twins of the line [ls, le): those that start or end with the same units (see
   * `lineTwin`), other than the line or lines [ls, le) spans.
   */
  lineCandidates(ls: number, le: number): readonly (readonly [number, number])[] {
    let out = this.candidateCache.get(ls);
    if (out) return out;
    out = [];
    const len = le - ls;
    if (len >= MIN_SHARED) {
      // A line sharing half of a long line shares a quarter at one end: looked up by LONG_KEY units.
      const key = len >= 4 * LONG_KEY ? LONG_KEY : MIN_SHARED;
      const [heads, tails] = this.lineKeys(key);
      const seen = new Set<number>();
      for (const list of [heads.get(this.text.slice(ls, ls + key)), tails.get(this.text.slice(le - key, le))]) {
        for (let k = 0; list && k < list.length && k < MAX_LINES; k++) {
          const [s, e] = list[k];
          if (seen.has(s) || (s < le && ls < e)) continue;
          seen.add(s);
          out.push(list[k]);
        }
      }
    }
    this.candidateCache.set(ls, out);
    return out;
  }

  /** Whether line [s, e) is a twin of line [ls, le): it starts and ends like it, or shares at least
   *  half of it (or half of itself, when it is the shorter) as its start plus its end. */
  lineTwin(ls: number, le: number, s: number, e: number): Twin | null {
    const t = this.text;
    const len = le - ls;
    // (A much longer line must share more than half of a short one: a byline "Biden2" is no twin of a paragraph
    // that starts "Bid".)
    const short = e - s >= LONGER_LINE * len ? Math.min(len, SHORT_LINE_SHARED) : 0;
    const need = Math.max(MIN_SHARED, Math.min(LINE_SHARED_MAX, Math.max(Math.ceil(LINE_SHARED * len), short)));
    const most = Math.min(len, e - s);
    // (Half of the other line, ENDS_SHARED at least: a line that lost the rest of its paragraph is a
    // twin of the paragraph it starts or ends.)
    const needHere = Math.min(need, Math.max(ENDS_SHARED, Math.ceil(LINE_SHARED * (e - s))));
    let p = 0;
    while (p < most && p < need && t.charCodeAt(s + p) === t.charCodeAt(ls + p)) p++;
    // (Far enough to decide: the end need not be followed to its last common unit.)
    const enough = Math.min(most - p, Math.max(need - p, ENDS_SHARED));
    let q = 0;
    while (q < enough && t.charCodeAt(e - 1 - q) === t.charCodeAt(le - 1 - q)) q++;
    if (p + q < needHere && (p < ENDS_SHARED || q < ENDS_SHARED)) return null;
    const own: [number, number][] = [];
    if (p) own.push([ls, ls + p]);
    if (q) own.push([le - q, le]);
    return p >= q ? { shift: s - ls, from: s, to: s + p, lineFrom: s, lineTo: e, own } : { shift: e - le, from: e - q, to: e, lineFrom: s, lineTo: e, own };
  }

  /**
   * The end keys of line [s, e): its first and its last LINE_END units (the whole line when shorter), or
   * none when shorter than MIN_SHARED. What a line twin found by that end shares with the line.
   */
  lineEnds(s: number, e: number): { side: LineEnd; key: string }[] {
    const len = e - s;
    if (len < MIN_SHARED) return [];
    const m = Math.min(LINE_END, len);
    return [
      { side: 'head', key: this.text.slice(s, s + m) },
      { side: 'tail', key: this.text.slice(e - m, e) },
    ];
  }

  /** How many lines start (head) or end (tail) with `key`. */
  linesWith(side: LineEnd, key: string): number {
    return this.lineKeys(key.length)[side === 'head' ? 0 : 1].get(key)?.length ?? 0;
  }

  /** lineEndHash(key) -> count, of the line end keys (`lineEnds`) that two lines or more have: what a text repeats at its line ends. */
  repeatedLineEnds(): Map<number, number> {
    const out = new Map<number, number>();
    for (const [s, e] of this.lines()) {
      for (const { side, key } of this.lineEnds(s, e)) {
        const n = this.linesWith(side, key);
        if (n > 1) out.set(lineEndHash(side, key), n);
      }
    }
    return out;
  }

  private *lines(): Generator<[number, number]> {
    const t = this.text;
    for (let s = 0; s <= t.length; ) {
      let e = t.indexOf('\n', s);
      if (e < 0) e = t.length;
      yield [s, e];
      s = e + 1;
    }
  }

  /** Line starts by their first `key` units and by their last (built when first needed). */
  private lineKeys(key: number): [Map<string, [number, number][]>, Map<string, [number, number][]>] {
    let keys = this.keyed.get(key);
    if (!keys) {
      const t = this.text;
      keys = [new Map(), new Map()];
      for (const [s, e] of this.lines()) {
        if (e - s >= key) {
          pushTo(keys[0], t.slice(s, s + key), [s, e]);
          pushTo(keys[1], t.slice(e - key, e), [s, e]);
        }
      }
      this.keyed.set(key, keys);
    }
    return keys;
  }
}

export type LineEnd = 'head' | 'tail';

/**
 * A line end key's hash, as the fingerprint (repeats.ts) stores it beside the windows' hashes. Stable across
 * versions: sidecars keep it.
 */
export function lineEndHash(side: LineEnd, key: string): number {
  return hashString((side === 'head' ? '\u0001' : '\u0002') + key);
}
