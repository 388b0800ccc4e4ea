import type { Span } from '../document';
import { inZones } from '../boilerplate';

export interface QuoteSpan extends Span {
  /**
   * Offsets of the last character of the opening mark and of the closing mark (closing = -1 when the
   * mark was missing), so the quoted text starts at `open + 1` and the text after it at `close + 1`.
   */
  open: number;
  close: number;
  /** The quote goes on from the previous paragraph (one record per paragraph, as newspapers print them). */
  continued?: boolean;
}

type Role = 'open' | 'close';
interface Mark {
  at: number;
  /** 1, or 2 for a doubled apostrophe used as a double mark (`''like this''`). */
  len: number;
  role: Role;
  family: 'double' | 'single';
}

const isWordChar = (ch: string | undefined) => ch !== undefined && /[\p{L}\p{N}]/u.test(ch);
const isSpaceOrStart = (ch: string | undefined) => ch === undefined || /[\s([{\u2014\u2013/-]/.test(ch);
const isSpaceOrEnd = (ch: string | undefined) => ch === undefined || /[\s)\]}.,;:!?\u2014\u2013/-]/.test(ch);

/**
 * Classifies each quote mark from the characters around it, so that broken marks from bad translation
 * (a closing `”` used to open, a straight `"` either way) still pair up. Apostrophes (`Russia’s`,
 * `we’ve`) are not marks.
 */
function classify(text: string, i: number): Mark | null {
  const ch = text[i];
  const prev = text[i - 1];
  const next = text[i + 1];
  if (ch === "'" && next === "'") {
    // Two apostrophes standing for a double mark (`''This isn't reform,'' said`), as some archives print them.
    const after = text[i + 2];
    if (isSpaceOrStart(prev) && !/\s/.test(after ?? ' ')) return { at: i, len: 2, role: 'open', family: 'double' };
    if (!/\s/.test(prev ?? ' ') || isSpaceOrEnd(after)) return { at: i, len: 2, role: 'close', family: 'double' };
    return null;
  }
  switch (ch) {
    case '“':
    case '„':
    case '«':
      if (!isSpaceOrStart(prev) && isSpaceOrEnd(next) && ch === '“') return { at: i, len: 1, role: 'close', family: 'double' };
      return { at: i, len: 1, role: 'open', family: 'double' };
    case '”':
    case '»':
      if (isSpaceOrStart(prev) && isWordChar(next)) return { at: i, len: 1, role: 'open', family: 'double' };
      return { at: i, len: 1, role: 'close', family: 'double' };
    case '"':
      if (isSpaceOrStart(prev) && !/\s/.test(next ?? ' ')) return { at: i, len: 1, role: 'open', family: 'double' };
      if (!/\s/.test(prev ?? ' ') || isSpaceOrEnd(next)) return { at: i, len: 1, role: 'close', family: 'double' };
      return null;
    case '‘':
      return isWordChar(next) || /["“]/.test(next ?? '') ? { at: i, len: 1, role: 'open', family: 'single' } : null;
    case '’':
    case "'":
      if (isWordChar(prev) && isWordChar(next)) return null; // apostrophe inside a word
      if (ch === "'" && isSpaceOrStart(prev) && isWordChar(next)) return { at: i, len: 1, role: 'open', family: 'single' };
      if (!isSpaceOrStart(prev) && isSpaceOrEnd(next)) return { at: i, len: 1, role: 'close', family: 'single' };
      return null;
    default:
      return null;
  }
}

const MARK_CHARS = /''|[“”„«»"‘’']/g;

/**
 * Finds direct quotes in a run of paragraphs. Marks pair within a paragraph; a quote left open at the
 * end of a paragraph continues only when the next paragraph opens with a mark (the newspaper convention
 * for quotes running over several paragraphs), and then gives one record per paragraph, the later ones
 * `continued`; otherwise it ends with its paragraph, so a missing closing mark never swallows the rest
 * of the article. A closing mark with nothing open is a stray (doubled) mark and is ignored. Only the
 * outermost quotes are returned; nested ones belong to them.
 */
export function findQuotes(text: string, blocks: readonly Span[], skip: readonly Span[]): QuoteSpan[] {
  const out: QuoteSpan[] = [];
  let carried = false; // an outer double quote was left open at the previous paragraph's end
  blocks.forEach((block, bi) => {
    const marks: Mark[] = [];
    MARK_CHARS.lastIndex = 0;
    const slice = text.slice(block.start, block.end);
    for (let m = MARK_CHARS.exec(slice); m; m = MARK_CHARS.exec(slice)) {
      const at = block.start + m.index;
      if (inZones(skip, at, at + 1)) continue;
      const mark = classify(text, at);
      if (mark) marks.push(mark);
      else if (m[0].length === 2) MARK_CHARS.lastIndex = m.index + 1; // not a doubled mark: look at the second one alone
    }
    const stack: Mark[] = [];
    let continued = false;
    if (carried) {
      // The continuation paragraph opens with its own mark, which re-opens the same quote.
      if (marks[0]?.role === 'open' && marks[0].family === 'double') {
        stack.push(marks.shift()!);
        continued = true;
      }
      carried = false;
    }
    const stack0 = stack[0];
    const push = (open: Mark, end: number, close: Mark | null) => {
      pushQuote(out, text, open.at + open.len - 1, end, close ? close.at + close.len - 1 : -1, continued && open === stack0);
    };
    let lastOuterClose = -1;
    for (const mark of marks) {
      if (mark.role === 'open') {
        // A single mark at the top level of a double-quoting paragraph is usually an apostrophe-like
        // stray; keep it only as an inner quote or when the paragraph uses single marks for speech.
        if (mark.family === 'single' && stack.length === 0 && !hasClosingSingle(marks, mark)) continue;
        // An opening double mark while a double is open and no inner close follows: a broken pair;
        // treat the earlier one as closed just before it.
        if (mark.family === 'double' && stack.length === 1 && stack[0].family === 'double' && !hasLaterClose(marks, mark, 2)) {
          const o = stack.pop()!;
          push(o, mark.at, mark);
        }
        stack.push(mark);
        continue;
      }
      const top = stack[stack.length - 1];
      if (!top) {
        // A doubled closing mark shortly after a quote closed (`…continues.” continued invasion.”`):
        // the first close was misplaced, so the quote runs to this one. Farther away it is a stray.
        const last = out[out.length - 1];
        if (mark.family === 'double' && last && last.close >= block.start && mark.at - last.close <= 80 && !/[“"]/.test(text.slice(last.close + 1, mark.at))) {
          out.pop();
          pushQuote(out, text, last.open, mark.at, mark.at + mark.len - 1, last.continued ?? false);
          lastOuterClose = mark.at;
        }
        continue;
      }
      if (top.family !== mark.family) {
        if (mark.family === 'single') continue; // apostrophe after a word inside a double quote
        // A double closing mark while a single is open: close everything down to the double.
        while (stack.length && stack[stack.length - 1].family !== 'double') stack.pop();
        if (!stack.length) continue;
      }
      const o = stack.pop()!;
      if (stack.length === 0) {
        push(o, mark.at, mark);
        lastOuterClose = mark.at;
      }
    }
    if (stack.length) {
      const outer = stack[0];
      const next = blocks[bi + 1];
      const nextOpens = next && /^(?:[“"«„]|'')/.test(text.slice(next.start, next.start + 2));
      if (lastOuterClose < outer.at) {
        // Never closed in this paragraph: this part of the quote ends with it.
        push(outer, block.end, null);
        carried = outer.family === 'double' && !!nextOpens;
      }
    }
  });
  return out;
}

function hasClosingSingle(marks: Mark[], open: Mark): boolean {
  return marks.some((m) => m.at > open.at && m.family === 'single' && m.role === 'close');
}

function hasLaterClose(marks: Mark[], after: Mark, count: number): boolean {
  return marks.filter((m) => m.at > after.at && m.role === 'close' && m.family === 'double').length >= count;
}

function pushQuote(out: QuoteSpan[], text: string, open: number, end: number, close: number, continued: boolean) {
  let start = open + 1;
  let e = end;
  while (start < e && /\s/.test(text[start])) start++;
  while (e > start && /\s/.test(text[e - 1])) e--;
  if (e > start) out.push(continued ? { start, end: e, open, close, continued } : { start, end: e, open, close });
}
