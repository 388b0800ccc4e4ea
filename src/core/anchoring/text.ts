/**
 * Text helpers for anchoring: comparison-normalised text (line ends, quote marks) with a map back to
 * raw offsets, and UTF-16 <-> code-point offset conversion.
 */

/**
 * Characters that editors, CMSs and "smart quotes" swap freely. Folding them to one representative
 * lets a quote or its context match after such a swap. Every fold is one unit to one unit, so it never
 * moves an offset. (Fixed-string replacements: much faster than a callback on a 1 MB article.)
 */
const SINGLE_QUOTES = /[\u2018\u2019\u201A\u201B\u2032]/g;
const DOUBLE_QUOTES = /[\u201C\u201D\u201E\u201F\u2033\u00AB\u00BB]/g;
const SPACES = /[\u00A0\u2007\u202F]/g;
const LONE_CR = /\r/g; // applied after CRLF pairs are removed: an old Mac line end

function needsFold(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0xa0) {
      if (c === 13) return true;
    } else if (c === 0xa0 || c === 0xab || c === 0xbb || c === 0x2007 || (c >= 0x2018 && c <= 0x201f) || c === 0x202f || c === 0x2032 || c === 0x2033) {
      return true;
    }
  }
  return false;
}

/** The folded code unit for c >= 0xA0 (see the character classes above). */
function foldCode(c: number): number {
  if (c === 0xa0 || c === 0x2007 || c === 0x202f) return 0x20;
  if (c === 0x2018 || c === 0x2019 || c === 0x201a || c === 0x201b || c === 0x2032) return 0x27;
  if (c === 0x201c || c === 0x201d || c === 0x201e || c === 0x201f || c === 0x2033 || c === 0xab || c === 0xbb) return 0x22;
  return c;
}

interface Utf16Decoder {
  decode(input: Uint16Array): string;
}
let decoder: Utf16Decoder | null | undefined;

/** String from UTF-16 code units, lone surrogates kept. */
function decodeUtf16(units: Uint16Array): string {
  if (decoder === undefined) {
    const TD = (globalThis as { TextDecoder?: new (label: string, opts: { fatal: boolean }) => Utf16Decoder }).TextDecoder;
    try {
      decoder = TD ? new TD('utf-16le', { fatal: true }) : null;
    } catch {
      decoder = null;
    }
  }
  if (decoder) {
    try {
      return decoder.decode(units); // native: about 4x faster than fromCharCode on 1 MB
    } catch {
      // a lone surrogate ("fatal" refuses to replace it): fall through
    }
  }
  const parts: string[] = [];
  for (let i = 0; i < units.length; i += 8192) {
    parts.push(String.fromCharCode.apply(null, units.subarray(i, i + 8192) as unknown as number[]));
  }
  return parts.join('');
}

function fold(s: string): string {
  if (!needsFold(s)) return s;
  if (s.indexOf('\r') >= 0) s = s.replace(/\r\n/g, '\n').replace(LONE_CR, '\n');
  return s.replace(SINGLE_QUOTES, "'").replace(DOUBLE_QUOTES, '"').replace(SPACES, ' ');
}

/** Normalise a short string (quote, prefix, suffix) the same way as the document. */
export function normalizeForMatch(s: string): string {
  return fold(s);
}

/**
 * A document prepared for comparison: `text` has CRLF turned into LF and quote marks folded. Offsets
 * in `text` map back to the raw text with `toRaw` / `fromRaw`.
 */
export class NormalizedText {
  readonly text: string;
  /** Normalised offsets of every '\n' that was a CRLF in the raw text, ascending. */
  private readonly crlf: Int32Array;

  constructor(readonly raw: string) {
    // A text built by concatenation is a rope; indexOf flattens it once, so the per-unit loops
    // below do not walk the rope on every access.
    raw.indexOf('\u0000');
    if (!needsFold(raw)) {
      this.text = raw;
      this.crlf = new Int32Array(0);
      return;
    }
    // One pass into a UTF-16 buffer: drop the CR of each CRLF (remembering where), fold the rest.
    // (Three regex replacements over a 1 MB article cost ten times more.)
    const buf = new Uint16Array(raw.length);
    const crlf: number[] = [];
    let j = 0;
    for (let i = 0; i < raw.length; i++) {
      let c = raw.charCodeAt(i);
      if (c === 13) {
        if (raw.charCodeAt(i + 1) === 10) {
          crlf.push(j);
          continue;
        }
        c = 10;
      } else if (c >= 0xa0) {
        c = foldCode(c);
      }
      buf[j++] = c;
    }
    this.crlf = Int32Array.from(crlf);
    this.text = decodeUtf16(buf.subarray(0, j));
  }

  /** True when the raw text had CRLF line ends (then raw and normalised offsets differ). */
  get hasCrlf(): boolean {
    return this.crlf.length > 0;
  }

  /** Number of CRLF line ends whose '\n' is at a normalised offset < n. */
  private crlfBefore(n: number): number {
    const a = this.crlf;
    let lo = 0;
    let hi = a.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (a[mid] < n) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Raw offset of a normalised offset. An offset at a line end maps to before its CR. */
  toRaw(n: number): number {
    return this.crlf.length ? n + this.crlfBefore(n) : n;
  }

  /** Normalised offset of a raw offset (an offset between CR and LF maps to the line end). */
  fromRaw(r: number): number {
    if (!this.crlf.length) return r;
    // The k-th CRLF sits at raw offset crlf[k] + k; count those with raw CR offset < r.
    const a = this.crlf;
    let lo = 0;
    let hi = a.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (a[mid] + mid < r) lo = mid + 1;
      else hi = mid;
    }
    return r - lo;
  }
}

// ---------------------------------------------------------------------------------------------
// UTF-16 <-> code points. Sidecar offsets are UTF-16 (what VS Code and JavaScript use); the W3C
// export counts code points (what most other languages' string indices count).

function isHigh(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}
function isLow(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}

/**
 * Code-point offset of a UTF-16 offset: the number of code points in `text.slice(0, offset)`.
 * An offset that splits a surrogate pair counts the pair as not yet started (rounds down).
 * Offsets are clamped to [0, text.length]. O(offset); use `CodePointIndex` for many conversions.
 */
export function utf16ToCodePoint(text: string, offset: number): number {
  const end = Math.max(0, Math.min(offset, text.length));
  let cp = 0;
  for (let i = 0; i < end; i++) {
    if (isHigh(text.charCodeAt(i)) && i + 1 < text.length && isLow(text.charCodeAt(i + 1))) {
      if (i + 1 >= end) break; // the pair is split by the offset: round down
      i++;
    }
    cp++;
  }
  return cp;
}

/**
 * UTF-16 offset of a code-point offset. Clamped to [0, text.length]. O(result).
 */
export function codePointToUtf16(text: string, codePoint: number): number {
  let i = 0;
  for (let cp = 0; cp < codePoint && i < text.length; cp++) {
    if (isHigh(text.charCodeAt(i)) && i + 1 < text.length && isLow(text.charCodeAt(i + 1))) i += 2;
    else i++;
  }
  return i;
}

/**
 * Converts many offsets for one text in O(log n) each, after one O(n) pass: for exporting or
 * importing thousands of annotations of a large article.
 */
export class CodePointIndex {
  /** UTF-16 offsets of the high surrogate of every surrogate pair, ascending. */
  private readonly pairs: Int32Array;

  constructor(private readonly text: string) {
    const pairs: number[] = [];
    // Fast skip: a text with no surrogates at all needs no table.
    if (/[\uD800-\uDBFF]/.test(text)) {
      for (let i = 0; i + 1 < text.length; i++) {
        if (isHigh(text.charCodeAt(i)) && isLow(text.charCodeAt(i + 1))) {
          pairs.push(i);
          i++;
        }
      }
    }
    this.pairs = Int32Array.from(pairs);
  }

  /** Same as `utf16ToCodePoint(text, offset)`. */
  toCodePoint(offset: number): number {
    const o = Math.max(0, Math.min(offset, this.text.length));
    // Pairs that end at or before o (high < o - 1 ... i.e. high + 2 <= o) count 1 instead of 2;
    // a pair split by o (high === o - 1) is not counted at all.
    const a = this.pairs;
    let lo = 0;
    let hi = a.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (a[mid] + 2 <= o) lo = mid + 1;
      else hi = mid;
    }
    const split = lo < a.length && a[lo] === o - 1 ? 1 : 0;
    return o - lo - split;
  }

  /** Same as `codePointToUtf16(text, codePoint)`. */
  toUtf16(codePoint: number): number {
    if (codePoint <= 0) return 0;
    // Find the number k of pairs before the result: result = cp + k, with pairs[k-1] < cp + k - 1.
    const a = this.pairs;
    let lo = 0;
    let hi = a.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      // Pair `mid` starts before the code point `codePoint` when its code-point index < codePoint.
      if (a[mid] - mid < codePoint) lo = mid + 1;
      else hi = mid;
    }
    return Math.min(this.text.length, codePoint + lo);
  }
}
