import type { Span } from './model';

/** Index of the first run in `hidden` (sorted, disjoint) that ends after `at`. */
function firstEndingAfter(hidden: readonly Span[], at: number): number {
  let lo = 0;
  let hi = hidden.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (hidden[mid].end <= at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Whether [start, end) covers any hidden markup. */
export function coversHidden(hidden: readonly Span[], start: number, end: number): boolean {
  const i = firstEndingAfter(hidden, start);
  return i < hidden.length && hidden[i].start < end;
}

/**
 * The pieces of [start, end) that a reader sees: the span cut at every run of hidden markup, each piece trimmed of
 * white space and of the punctuation that only joined it to the markup (`Russia-[NATO](…)` gives `Russia`, `NATO`).
 * Pieces with no letter or digit are dropped. A span that covers no markup comes back whole, untrimmed.
 */
export function visibleParts(text: string, hidden: readonly Span[], span: Span): Span[] {
  if (!coversHidden(hidden, span.start, span.end)) return [{ start: span.start, end: span.end }];
  const parts: Span[] = [];
  let from = span.start;
  const push = (s: number, e: number) => {
    while (s < e && /[\s\-–—/(]/.test(text[s])) s++;
    while (e > s && /[\s\-–—/(]/.test(text[e - 1])) e--;
    if (/[\p{L}\p{N}]/u.test(text.slice(s, e))) parts.push({ start: s, end: e });
  };
  for (let i = firstEndingAfter(hidden, span.start); i < hidden.length && hidden[i].start < span.end; i++) {
    if (hidden[i].start > from) push(from, hidden[i].start);
    from = Math.max(from, hidden[i].end);
  }
  if (from < span.end) push(from, span.end);
  return parts;
}

/** What a reader reads of [start, end): the source with hidden markup left out (`Russia-NATO Council`). */
export function readerText(source: string, hidden: readonly Span[], span: Span): string {
  let out = '';
  let from = span.start;
  for (let i = firstEndingAfter(hidden, span.start); i < hidden.length && hidden[i].start < span.end; i++) {
    if (hidden[i].start > from) out += source.slice(from, hidden[i].start);
    from = Math.max(from, hidden[i].end);
  }
  return out + (from < span.end ? source.slice(from, span.end) : '');
}

/** Sorted, disjoint spans covering the same characters as `spans`. */
export function mergeSpans(spans: readonly Span[]): Span[] {
  const out: Span[] = [];
  for (const s of [...spans].sort((a, b) => a.start - b.start)) {
    const last = out[out.length - 1];
    if (last && s.start <= last.end) last.end = Math.max(last.end, s.end);
    else out.push({ start: s.start, end: s.end });
  }
  return out;
}

/**
 * Quotes or claims cut to what a reader sees: one that covers hidden markup (`"We will *never* accept"`) becomes its
 * visible pieces, each a copy of it with its own offsets and text and `partOf`, the span of the whole.
 */
export function cutAtMarkup<T extends Span & { text: string; partOf?: Span }>(source: string, text: string, hidden: readonly Span[], items: readonly T[]): T[] {
  if (!hidden.length) return [...items];
  return items.flatMap((item) => {
    if (!coversHidden(hidden, item.start, item.end)) return [item];
    return visibleParts(text, hidden, item).map((part) => ({
      ...structuredClone(item), start: part.start, end: part.end, text: source.slice(part.start, part.end),
      partOf: { start: item.start, end: item.end },
    }));
  });
}
