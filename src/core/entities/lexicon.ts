import type { Span } from '../document';
import type { NameSpan, NameType } from './names';

/**
 * Words as the lexicon sees them: `U.S.`, `Putin’s`, `Biden` and `Putin` in `Biden-Putin`. The words
 * of /[\p{L}\p{N}]+(?:[.’'][\p{L}\p{N}]+)*\.?/u, read by hand: every article is read once per
 * lexicon, and a match array per word was most of what the lookup cost.
 */
const ALNUM = /[\p{L}\p{N}]/u;
/** Letter-or-number class of BMP characters: 0 not yet known, 1 yes, 2 no. */
const bmpAlnum = new Uint8Array(65536);
const astralAlnum = new Map<number, boolean>();

/** Length in code units (1 or 2) of the letter or number at i, or 0 when there is none. */
function alnumAt(text: string, i: number, end: number): number {
  if (i >= end) return 0;
  const c = text.charCodeAt(i);
  if (c >= 0xd800 && c <= 0xdfff) {
    const d = i + 1 < end ? text.charCodeAt(i + 1) : 0;
    if (c > 0xdbff || d < 0xdc00 || d > 0xdfff) return 0; // a lone surrogate is no letter
    const cp = ((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000;
    let yes = astralAlnum.get(cp);
    if (yes === undefined) astralAlnum.set(cp, (yes = ALNUM.test(String.fromCodePoint(cp))));
    return yes ? 2 : 0;
  }
  let k = bmpAlnum[c];
  if (k === 0) bmpAlnum[c] = k = ALNUM.test(String.fromCharCode(c)) ? 1 : 2;
  return k === 1 ? 1 : 0;
}

/** End of the run of letters and numbers from i. */
function alnumRun(text: string, i: number, end: number): number {
  for (let n = alnumAt(text, i, end); n > 0; n = alnumAt(text, i, end)) i += n;
  return i;
}

const isWordJoiner = (c: number) => c === 46 /* . */ || c === 0x2019 /* ’ */ || c === 39; /* ' */

/** The words of the last wordsOf() call: word k is text[wordStart[k], wordEnd[k]). Reused, grown on demand. */
let wordStart = new Int32Array(1024);
let wordEnd = new Int32Array(1024);

/** Finds the words of text[range] into wordStart / wordEnd; returns how many there are. */
function wordsOf(text: string, range: Span): number {
  let n = 0;
  const end = Math.min(range.end, text.length);
  for (let i = range.start; i < end; ) {
    const first = alnumAt(text, i, end);
    if (first === 0) {
      i++;
      continue;
    }
    let j = alnumRun(text, i, end);
    while (j < end && isWordJoiner(text.charCodeAt(j)) && alnumAt(text, j + 1, end) > 0) j = alnumRun(text, j + 1, end);
    if (j < end && text.charCodeAt(j) === 46) j++;
    let wEnd = j;
    // Possessives and sentence-final dots are not part of the name (`Putin’s`, `Ukraine.`); dotted
    // abbreviations keep theirs (`U.S.`).
    const last = text.charCodeAt(j - 1);
    const before = j - 2 >= i ? text.charCodeAt(j - 2) : 0;
    if (last === 115 /* s */ && (before === 39 || before === 0x2019)) wEnd -= 2;
    else if (last === 46 && !/^(\p{L}\.)+$/u.test(text.slice(i, j))) wEnd -= 1;
    if (n === wordStart.length) {
      const grow = (a: Int32Array) => {
        const b = new Int32Array(a.length * 2);
        b.set(a);
        return b;
      };
      wordStart = grow(wordStart);
      wordEnd = grow(wordEnd);
    }
    wordStart[n] = i;
    wordEnd[n] = wEnd;
    n++;
    i = j;
  }
  return n;
}

/** Whether text[start, end) is `word`, without slicing it. */
const isWordAt = (text: string, start: number, end: number, word: string) => end - start === word.length && text.startsWith(word, start);

/** Whether the character at i is an upper-case letter: every name's first word starts with one. */
const UPPER = /\p{Lu}/u;
const startsUpper = (text: string, i: number) => {
  const c = text.charCodeAt(i);
  if (c >= 65 && c <= 90) return true;
  if (c < 128) return false;
  return UPPER.test(String.fromCodePoint(text.codePointAt(i)!));
};

/** Whether text[a, b) is one or more spaces (plain or no-break): the words of a name are written so. */
function onlySpaces(text: string, a: number, b: number): boolean {
  if (b <= a) return false;
  for (let i = a; i < b; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 0xa0) return false;
  }
  return true;
}

/**
 * Names already found somewhere in the folder, looked up again in every article so that a name found
 * once is found everywhere (the bare `Biden` after `Joe Biden`, a name the tagger missed in one
 * sentence). Case-sensitive: `Price` the spokesman is not `price`.
 */
export class NameLexicon {
  /** Entries by their first word, longest first (in the order added among equally long ones). */
  private byFirst = new Map<string, { words: string[]; type: NameType }[]>();
  /** The entries' words joined by one space: the first type given to a name stays. */
  private known = new Set<string>();

  add(name: string, type: NameType): void {
    const words = name.split(/\s+/).filter(Boolean);
    if (!words.length || name.length < 2 || !/^\p{Lu}/u.test(name)) return;
    const key = words.join(' ');
    if (this.known.has(key)) return;
    this.known.add(key);
    const list = this.byFirst.get(words[0]) ?? [];
    let at = list.length;
    while (at > 0 && list[at - 1].words.length < words.length) at--;
    list.splice(at, 0, { words, type });
    this.byFirst.set(words[0], list);
  }

  /** The type of a one-word entry, if `word` is one. */
  typeOfWord(word: string): NameType | undefined {
    return this.byFirst.get(word)?.find((e) => e.words.length === 1)?.type;
  }

  get size(): number {
    return this.byFirst.size;
  }

  /** Occurrences of lexicon names in `range` (longest match at each word), skipping spans in `skip`. */
  find(text: string, range: Span): NameSpan[] {
    const n = wordsOf(text, range);
    const out: NameSpan[] = [];
    for (let i = 0; i < n; i++) {
      // Only a word starting with a capital can begin a name (see add): the rest are not looked up.
      if (!startsUpper(text, wordStart[i])) continue;
      const entries = this.byFirst.get(text.slice(wordStart[i], wordEnd[i]));
      if (!entries) continue;
      for (const e of entries) {
        if (i + e.words.length > n) continue;
        let ok = true;
        for (let k = 1; k < e.words.length && ok; k++) {
          ok = isWordAt(text, wordStart[i + k], wordEnd[i + k], e.words[k]) && onlySpaces(text, wordEnd[i + k - 1], wordStart[i + k]);
        }
        if (!ok) continue;
        out.push({ start: wordStart[i], end: wordEnd[i + e.words.length - 1], type: e.type });
        i += e.words.length - 1;
        break;
      }
    }
    return out;
  }
}
