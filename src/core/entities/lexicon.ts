import type { Span } from '../document';
import type { NameSpan, NameType } from './names';

/** Words as the lexicon sees them: `U.S.`, `Putin’s`, `Biden` and `Putin` in `Biden-Putin`. */
const WORD = /[\p{L}\p{N}]+(?:[.’'][\p{L}\p{N}]+)*\.?/gu;

interface Word extends Span {
  key: string;
}

function wordsOf(text: string, range: Span): Word[] {
  const out: Word[] = [];
  const slice = text.slice(range.start, range.end);
  WORD.lastIndex = 0;
  for (let m = WORD.exec(slice); m; m = WORD.exec(slice)) {
    let w = m[0];
    let end = m.index + w.length;
    // Possessives and sentence-final dots are not part of the name (`Putin’s`, `Ukraine.`); dotted
    // abbreviations keep theirs (`U.S.`).
    if (/[’']s$/.test(w)) {
      w = w.slice(0, -2);
      end -= 2;
    } else if (w.endsWith('.') && !/^(\p{L}\.)+$/u.test(w)) {
      w = w.slice(0, -1);
      end -= 1;
    }
    out.push({ start: range.start + m.index, end: range.start + end, key: w });
  }
  return out;
}

/**
 * Names already found somewhere in the folder, looked up again in every article so that a name found
 * once is found everywhere (the bare `Biden` after `Joe Biden`, a name the tagger missed in one
 * sentence). Case-sensitive: `Price` the spokesman is not `price`.
 */
export class NameLexicon {
  private byFirst = new Map<string, { words: string[]; type: NameType }[]>();

  add(name: string, type: NameType): void {
    const words = name.split(/\s+/).filter(Boolean);
    if (!words.length || name.length < 2 || !/^\p{Lu}/u.test(name)) return;
    const list = this.byFirst.get(words[0]) ?? [];
    if (!list.some((e) => e.words.join(' ') === words.join(' '))) list.push({ words, type });
    list.sort((a, b) => b.words.length - a.words.length);
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
    const words = wordsOf(text, range);
    const out: NameSpan[] = [];
    for (let i = 0; i < words.length; i++) {
      const entries = this.byFirst.get(words[i].key);
      if (!entries) continue;
      for (const e of entries) {
        if (i + e.words.length > words.length) continue;
        let ok = true;
        for (let k = 1; k < e.words.length && ok; k++) {
          const prev = words[i + k - 1];
          const cur = words[i + k];
          ok = cur.key === e.words[k] && /^[ \u00a0]+$/.test(text.slice(prev.end, cur.start));
        }
        if (!ok) continue;
        out.push({ start: words[i].start, end: words[i + e.words.length - 1].end, type: e.type });
        i += e.words.length - 1;
        break;
      }
    }
    return out;
  }
}
