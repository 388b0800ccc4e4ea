import type { Sentence, Span } from './model';

// Abbreviations after which a full stop does not end a sentence. News text is full of them:
// titles (Mr., Gov.), months (Jan.), US states in datelines (Del., Calif.), corporate suffixes.
const ABBREVIATIONS = new Set(
  [
    'mr', 'mrs', 'ms', 'dr', 'prof', 'sr', 'jr', 'st', 'gen', 'lt', 'col', 'capt', 'sgt', 'adm', 'rep', 'sen',
    'gov', 'pres', 'rev', 'hon', 'amb', 'supt', 'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept',
    'oct', 'nov', 'dec', 'mon', 'tue', 'tues', 'wed', 'thu', 'thur', 'thurs', 'fri', 'sat', 'sun', 'no', 'vs',
    'etc', 'inc', 'ltd', 'co', 'corp', 'dept', 'univ', 'approx', 'est', 'fig', 'al', 'ala', 'ariz', 'ark',
    'calif', 'colo', 'conn', 'del', 'fla', 'ga', 'ill', 'ind', 'kan', 'ky', 'la', 'md', 'mass', 'mich', 'minn',
    'miss', 'mo', 'mont', 'neb', 'nev', 'okla', 'ore', 'pa', 'tenn', 'tex', 'va', 'vt', 'wash', 'wis', 'wyo',
  ],
);

const CLOSERS = new Set(['"', "'", '”', '’', ')', ']', '»']);

function isSpace(ch: string): boolean {
  return ch === ' ' || ch === '\t' || ch === '\u00a0';
}

/** Whether the full stop at `dot` ends an abbreviation or an initial (`U.S.`, `J. Smith`). */
function isAbbreviation(text: string, dot: number, blockStart: number): boolean {
  let i = dot - 1;
  while (i >= blockStart && /[A-Za-z.]/.test(text[i])) i--;
  const word = text.slice(i + 1, dot);
  if (!word) return false;
  if (/^[A-Za-z]$/.test(word)) return true; // single initial
  if (/^([A-Za-z]\.)+[A-Za-z]$/.test(word)) return true; // U.S, U.N
  return ABBREVIATIONS.has(word.toLowerCase());
}

/**
 * Splits each block into sentences. A sentence ends at `.`, `!`, `?` (with any closing marks after it)
 * followed by white space and a character that can start a sentence; abbreviations and initials don't end one.
 */
export function splitSentences(text: string, blocks: readonly Span[]): Sentence[] {
  const out: Sentence[] = [];
  blocks.forEach((block, blockIndex) => {
    let start = block.start;
    const push = (end: number) => {
      let s = start;
      let e = end;
      while (s < e && /\s/.test(text[s])) s++;
      while (e > s && /\s/.test(text[e - 1])) e--;
      if (e > s) out.push({ start: s, end: e, block: blockIndex });
    };
    for (let i = block.start; i < block.end; i++) {
      const ch = text[i];
      if (ch !== '.' && ch !== '!' && ch !== '?') continue;
      let j = i + 1;
      while (j < block.end && (text[j] === '.' || text[j] === '!' || text[j] === '?')) j++;
      while (j < block.end && CLOSERS.has(text[j])) j++;
      if (j < block.end && !isSpace(text[j])) continue;
      let k = j;
      while (k < block.end && isSpace(text[k])) k++;
      if (k >= block.end) continue; // the block's end closes the sentence anyway
      const next = text[k];
      if (!/[A-Z0-9“"‘'(«\u00C0-\u024F\u0400-\u04FF]/.test(next)) continue;
      if (ch === '.' && isAbbreviation(text, i, block.start)) {
        // An abbreviation followed by a capitalised word is usually a title or name (Mr. Putin, U.S. Command);
        // only a few abbreviations commonly close a sentence (etc., Inc.).
        const word = text.slice(Math.max(block.start, i - 4), i).toLowerCase();
        if (!/(etc|inc|ltd|corp)$/.test(word)) continue;
      }
      push(j);
      start = j;
    }
    push(block.end);
  });
  return out;
}
