import type { AnchorTarget } from './types';

/** Units of context stored either side of the quote (Hypothesis and the W3C examples use 32). */
export const CONTEXT_LENGTH = 32;

function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}
function isHighSurrogate(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}

/**
 * Builds both selectors for `text.slice(start, end)`: the position (UTF-16 offsets, clamped to the
 * text and ordered) and the quote with up to `contextLength` units of prefix and suffix. Context
 * never starts or ends in the middle of a surrogate pair (so it stays valid Unicode in JSON).
 */
export function describe(text: string, start: number, end: number, contextLength = CONTEXT_LENGTH): AnchorTarget {
  let s = Math.max(0, Math.min(Math.floor(start), text.length));
  let e = Math.max(0, Math.min(Math.floor(end), text.length));
  if (e < s) [s, e] = [e, s];
  let ps = Math.max(0, s - contextLength);
  if (ps > 0 && ps < s && isLowSurrogate(text.charCodeAt(ps))) ps++;
  let se = Math.min(text.length, e + contextLength);
  if (se < text.length && se > e && isHighSurrogate(text.charCodeAt(se - 1))) se--;
  return {
    position: { type: 'TextPositionSelector', start: s, end: e },
    quote: {
      type: 'TextQuoteSelector',
      exact: text.slice(s, e),
      prefix: text.slice(ps, s),
      suffix: text.slice(e, se),
    },
  };
}
