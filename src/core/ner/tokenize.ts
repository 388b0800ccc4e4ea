/**
 * Tokenizer for raw news text, CoNLL/PTB-like, with exact UTF-16 offsets.
 *
 * - whitespace (including NBSP, CR/LF, zero-width space, BOM) separates tokens;
 * - words keep internal hyphens, periods, ampersands, slashes and apostrophes
 *   (`Anglo-Dutch`, `U.S`, `AT&T`, `O'Neill`, `1,000.5`, `10:30`);
 * - clitics are split: `Putin’s` → `Putin` `’s`, `don't` → `do` `n't`, `Reuters'` → `Reuters` `'`;
 * - a trailing period stays on abbreviations and initials (`U.S.`, `Mr.`, `J.`, `a.m.`);
 * - other punctuation is one token per character, except runs of the same
 *   character (`...`, `--`, `''`);
 * - astral characters (emoji, supplementary letters) are never split inside a
 *   surrogate pair; emoji keep their variation selectors, skin tones and ZWJ sequences.
 *
 * Pure TypeScript: no Node or DOM dependencies.
 */

export interface Token {
  text: string;
  start: number;
  end: number;
}

// Character classes.
const OTHER = 0;
const SPACE = 1;
const LETTER = 2;
const DIGIT = 3;
const HIGH = 4; // high surrogate: classify by code point
const EXT = 5; // zero-width joiner, variation selectors, soft hyphen: attach to whatever precedes
const UNKNOWN = 255;

const table = new Uint8Array(65536).fill(UNKNOWN);
const reSpace = /\s/;
const reLetter = /[\p{L}\p{M}]/u;
const reDigit = /\p{N}/u;
const astralCache = new Map<number, number>();

function classifyBmp(c: number): number {
  let k: number;
  if (c >= 0xd800 && c <= 0xdbff) k = HIGH;
  else if (c === 0x200d || (c >= 0xfe00 && c <= 0xfe0f) || c === 0xad || c === 0x20e3) k = EXT;
  else if (c === 0x200b || c === 0x200c || c === 0x2060 || c === 0xfeff) k = SPACE;
  else {
    const ch = String.fromCharCode(c);
    if (reSpace.test(ch)) k = SPACE;
    else if (reDigit.test(ch)) k = DIGIT;
    else if (reLetter.test(ch)) k = LETTER;
    else k = OTHER;
  }
  table[c] = k;
  return k;
}

function classifyAstral(cp: number): number {
  let k = astralCache.get(cp);
  if (k === undefined) {
    if (cp >= 0x1f3fb && cp <= 0x1f3ff) k = EXT; // skin-tone modifiers
    else if (cp >= 0xe0020 && cp <= 0xe007f) k = EXT; // emoji tag sequences
    else {
      const ch = String.fromCodePoint(cp);
      k = reDigit.test(ch) ? DIGIT : reLetter.test(ch) ? LETTER : OTHER;
    }
    astralCache.set(cp, k);
  }
  return k;
}

// ASCII fast path.
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  table[c] = /\s/.test(ch) ? SPACE : /[0-9]/.test(ch) ? DIGIT : /[A-Za-z]/.test(ch) ? LETTER : OTHER;
}

/** Class of the character (code point) at i, and its length in code units via `lastLen`. */
let lastLen = 1;
function classAt(text: string, i: number, end: number): number {
  const c = text.charCodeAt(i);
  let k = table[c];
  if (k === UNKNOWN) k = classifyBmp(c);
  lastLen = 1;
  if (k === HIGH) {
    if (i + 1 < end) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        lastLen = 2;
        return classifyAstral(((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000);
      }
    }
    return OTHER; // lone surrogate
  }
  return k;
}

function isWordClass(k: number): boolean {
  return k === LETTER || k === DIGIT;
}

function isApostrophe(c: number): boolean {
  return c === 39 /* ' */ || c === 0x2019 /* ’ */ || c === 0x2bc /* ʼ */ || c === 0x2018 /* ‘ (misused) */;
}

/** Characters that may join two word runs into one token (when a word character follows). */
function isJoiner(c: number): boolean {
  return c === 45 /* - */ || c === 38 /* & */ || c === 47 /* / */ || c === 95 /* _ */ || c === 64 /* @ */ ||
    c === 46 /* . */ || c === 0x2011 /* non-breaking hyphen */ || c === 0x2010 /* hyphen */;
}

/** Abbreviations that keep their period when capitalised (lower-case key, no period). */
const ABBREV_CAP = new Set([
  'mr', 'mrs', 'ms', 'dr', 'st', 'jr', 'sr', 'inc', 'corp', 'co', 'ltd', 'plc', 'gen', 'sen', 'rep', 'gov',
  'lt', 'col', 'capt', 'cmdr', 'sgt', 'maj', 'adm', 'prof', 'rev', 'hon', 'pres', 'supt', 'insp', 'messrs',
  'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec',
  'mon', 'tue', 'tues', 'wed', 'thu', 'thur', 'thurs', 'fri', 'sat', 'sun',
  'no', 'nos', 'vol', 'vs', 'mt', 'ft', 'ave', 'blvd', 'bros', 'dept', 'univ', 'assn', 'est',
  'ala', 'ariz', 'ark', 'calif', 'colo', 'conn', 'del', 'fla', 'ga', 'ill', 'ind', 'kan', 'kans', 'ky', 'la',
  'md', 'mass', 'mich', 'minn', 'miss', 'mo', 'mont', 'neb', 'nev', 'okla', 'ore', 'pa', 'tenn', 'tex', 'va',
  'vt', 'wash', 'wis', 'wyo', 'dak',
]);
/** Abbreviations that keep their period in any case. */
const ABBREV_ANY = new Set(['vs', 'etc', 'cf', 'approx', 'al', 'viz', 'incl']);

/** Clitic after an apostrophe at `i` (the apostrophe position): returns its length incl. apostrophe, or 0. */
function cliticAt(text: string, i: number, end: number): number {
  const a = i + 1;
  if (a >= end) return 0;
  const c1 = text.charCodeAt(a) | 0x20;
  let len = 0;
  if (c1 === 115 /* s */ || c1 === 100 /* d */ || c1 === 109 /* m */) len = 1;
  else if (a + 1 < end) {
    const c2 = text.charCodeAt(a + 1) | 0x20;
    if ((c1 === 108 && c2 === 108) /* ll */ || (c1 === 114 && c2 === 101) /* re */ || (c1 === 118 && c2 === 101) /* ve */) len = 2;
  }
  if (len === 0) return 0;
  const after = a + len;
  if (after < end && isWordClass(classAt(text, after, end))) return 0;
  return len + 1;
}

/** `n't` starting at i (n, apostrophe, t, then a non-word character)? */
function isNt(text: string, i: number, end: number): boolean {
  if (i + 2 >= end) return false;
  if ((text.charCodeAt(i) | 0x20) !== 110) return false;
  if (!isApostrophe(text.charCodeAt(i + 1))) return false;
  if ((text.charCodeAt(i + 2) | 0x20) !== 116) return false;
  return !(i + 3 < end && isWordClass(classAt(text, i + 3, end)));
}

function isAbbrevWord(text: string, s: number, e: number): boolean {
  const len = e - s;
  const first = text.charCodeAt(s);
  const upperFirst = first >= 65 && first <= 90;
  if (len === 1) return upperFirst;
  // Letters separated by periods (U.S, a.m, e.g, N.J): keep the final period.
  let sawDot = false;
  let segLen = 0;
  let ok = true;
  for (let i = s; i < e; i++) {
    const c = text.charCodeAt(i);
    if (c === 46) {
      sawDot = true;
      if (segLen > 2) ok = false;
      segLen = 0;
    } else if (classAt(text, i, e) === LETTER) segLen++;
    else ok = false;
  }
  if (sawDot && ok && segLen <= 2) return true;
  if (len > 6) return false;
  const w = text.slice(s, e).toLowerCase();
  if (ABBREV_ANY.has(w)) return true;
  return upperFirst && ABBREV_CAP.has(w);
}

/** End of a word token starting at i (i is a word character). */
function scanWord(text: string, i: number, end: number): number {
  if (isNt(text, i, end)) return i + 3;
  const s = i;
  let j = i;
  let lastWasDigit = false;
  for (;;) {
    // Word run.
    while (j < end) {
      const k = classAt(text, j, end);
      if (k === LETTER || k === DIGIT) {
        lastWasDigit = k === DIGIT;
        j += lastLen;
      } else if (k === EXT && j > s) j += lastLen;
      else break;
    }
    if (j >= end) break;
    const c = text.charCodeAt(j);
    if (isApostrophe(c)) {
      if (cliticAt(text, j, end) > 0) break;
      // don't → do + n't
      if (j - 1 > s && isNt(text, j - 1, end)) return j - 1;
      if (j + 1 < end && classAt(text, j + 1, end) === LETTER) {
        j += 1;
        continue;
      }
      break;
    }
    if (isJoiner(c)) {
      if (j + 1 < end && isWordClass(classAt(text, j + 1, end))) {
        j += 1;
        continue;
      }
      break;
    }
    if ((c === 44 /* , */ || c === 58 /* : */) && lastWasDigit && j + 1 < end && classAt(text, j + 1, end) === DIGIT) {
      j += 1;
      continue;
    }
    break;
  }
  if (j < end) {
    const c = text.charCodeAt(j);
    if (c === 46 && isAbbrevWord(text, s, j)) {
      j += 1;
      // U.S.-led: continue through a hyphen.
      if (j + 1 < end && text.charCodeAt(j) === 45 && isWordClass(classAt(text, j + 1, end))) return scanWord(text, j + 1, end);
    } else if (c === 36 /* $ */ && j - s <= 3 && isUpperRun(text, s, j)) j += 1; // US$, HK$, C$
  }
  return j;
}

function isUpperRun(text: string, s: number, e: number): boolean {
  for (let i = s; i < e; i++) {
    const c = text.charCodeAt(i);
    if (c < 65 || c > 90) return false;
  }
  return true;
}

/** Punctuation characters whose runs form one token. */
function isRunChar(c: number): boolean {
  return c === 46 || c === 45 || c === 96 || c === 39 || c === 42 || c === 61 || c === 95 || c === 126 ||
    c === 33 || c === 63 || c === 35 || c === 0x2014 || c === 0x2015;
}

const URL_RE = /(?:https?:\/\/|www\.)[^\s<>"“”]+/y;

/** End of a URL starting at i, or -1. */
function urlEnd(text: string, i: number, end: number): number {
  const c = text.charCodeAt(i) | 0x20;
  if (c !== 104 /* h */ && c !== 119 /* w */) return -1;
  URL_RE.lastIndex = i;
  const m = URL_RE.exec(text);
  if (!m) return -1;
  let j = Math.min(end, i + m[0].length);
  // Trailing punctuation belongs to the sentence.
  while (j > i && /[.,;:!?)\]'’]/.test(text[j - 1])) j--;
  return j;
}

/**
 * Tokenize text[start, end). Offsets are UTF-16 code-unit offsets into `text`.
 */
export function tokenize(text: string, start = 0, end = text.length): Token[] {
  const out: Token[] = [];
  if (start < 0) start = 0;
  if (end > text.length) end = text.length;
  let i = start;
  while (i < end) {
    const k = classAt(text, i, end);
    const len = lastLen;
    if (k === SPACE) {
      i++;
      continue;
    }
    let j: number;
    if ((k === LETTER) && (j = urlEnd(text, i, end)) > i) {
      // URL: one token.
    } else if (k === LETTER || k === DIGIT) {
      j = scanWord(text, i, end);
    } else {
      const c = text.charCodeAt(i);
      const clitic = isApostrophe(c) ? cliticAt(text, i, end) : 0;
      if (clitic > 0) j = i + clitic;
      else if ((c === 46 || c === 43) && i + 1 < end && classAt(text, i + 1, end) === DIGIT &&
        (i === start || classAt(text, i - 1, end) === SPACE)) {
        // .598, +44: a number with a leading period or plus sign.
        j = scanWord(text, i + 1, end);
      } else if (len === 2 || k === EXT) {
        // Symbol / emoji: the code point plus modifiers, variation selectors and ZWJ sequences.
        j = i + len;
        while (j < end) {
          const k2 = classAt(text, j, end);
          if (k2 === EXT) {
            const zwj = text.charCodeAt(j) === 0x200d;
            j += lastLen;
            if (zwj && j < end) {
              const k3 = classAt(text, j, end);
              if (k3 !== SPACE) j += lastLen;
            }
          } else break;
        }
      } else if (isRunChar(c)) {
        j = i + 1;
        while (j < end && text.charCodeAt(j) === c) j++;
      } else {
        j = i + 1;
        while (j < end && classAt(text, j, end) === EXT) j += lastLen;
      }
    }
    out.push({ text: text.slice(i, j), start: i, end: j });
    i = j;
  }
  return out;
}

/** British-style titles written without a period: normalised to the US style the training data uses. */
const TITLES_WITHOUT_PERIOD = new Set(['Mr', 'Mrs', 'Ms', 'Dr', 'Prof', 'Gen', 'Sen', 'Rep', 'Gov', 'Lt', 'Col', 'Capt', 'Sgt', 'Jr', 'Sr', 'MR', 'MRS', 'DR']);

/**
 * Map a token to the form the model was trained on (CoNLL style ASCII):
 * curly quotes → straight quotes, dashes → `--`, ellipsis → `...`, `Mr` → `Mr.`,
 * `US` → `U.S.` and `UN` → `U.N.` (the training data's spelling).
 */
export function normaliseToken(s: string): string {
  if (s.length <= 4) {
    if (TITLES_WITHOUT_PERIOD.has(s)) return s + '.';
    if (s === 'US') return 'U.S.';
    if (s === 'UN') return 'U.N.';
  }
  let ascii = true;
  for (let i = 0; i < s.length; i++) {
    if (s.charCodeAt(i) > 127) {
      ascii = false;
      break;
    }
  }
  if (ascii) return s;
  let r = s
    .replace(/[\u2018\u2019\u201a\u201b\u2032\u02bc]/g, "'")
    .replace(/[\u201c\u201d\u201e\u201f\u00ab\u00bb\u2033]/g, '"')
    .replace(/\u2026/g, '...')
    .replace(/\u00ad|\u200d|\ufe0f/g, '') // each alone (in a [class] the joiner reads as joining its neighbours)
    .replace(/[\u2010\u2011]/g, '-');
  if (/^[\u2013\u2014\u2015]+$/.test(r)) r = '--';
  else r = r.replace(/[\u2013\u2014]/g, '-');
  return r;
}
