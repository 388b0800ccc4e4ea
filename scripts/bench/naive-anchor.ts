/**
 * The naive way to re-anchor, as Hypothesis's client does it (`matchQuote` in its anchoring code): for
 * each annotation, every exact occurrence of the quote in the whole text, or when there is none every
 * approximate one (up to len/2 errors, approx-string-match), each scored on quote, prefix and suffix
 * similarity and distance from the old position; the best one wins. No index, no shared work between
 * annotations: the baseline the engine in src/core/anchoring is measured against (by scripts/bench.ts and
 * scripts/bench-anchoring.ts).
 */
import approxSearch from 'approx-string-match';
import type { AnchorTarget } from '../../src/core/anchoring';

interface Match {
  start: number;
  end: number;
  errors: number;
}

function search(text: string, str: string, maxErrors: number): Match[] {
  const exact: Match[] = [];
  for (let i = text.indexOf(str); i >= 0; i = text.indexOf(str, i + 1)) exact.push({ start: i, end: i + str.length, errors: 0 });
  return exact.length ? exact : approxSearch(text, str, maxErrors);
}

function textMatchScore(text: string, str: string): number {
  if (!str.length || !text.length) return 0;
  const m = search(text, str, str.length);
  return m.length ? 1 - m[0].errors / str.length : 0;
}

/** Start offset of the best match for the target in `text`, or -1 (orphaned). */
export function naiveAnchor(text: string, t: AnchorTarget): number {
  const { exact, prefix, suffix } = t.quote;
  if (!exact.length) return -1;
  const matches = search(text, exact, Math.min(256, Math.floor(exact.length / 2)));
  let best = -1;
  let bestScore = -Infinity;
  for (const m of matches) {
    const quoteScore = 1 - m.errors / exact.length;
    const prefixScore = prefix ? textMatchScore(text.slice(Math.max(0, m.start - prefix.length), m.start), prefix) : 1;
    const suffixScore = suffix ? textMatchScore(text.slice(m.end, m.end + suffix.length), suffix) : 1;
    const posScore = 1 - Math.abs(m.start - t.position.start) / text.length;
    const score = (50 * quoteScore + 20 * prefixScore + 20 * suffixScore + 2 * posScore) / 92;
    if (score > bestScore) {
      bestScore = score;
      best = m.start;
    }
  }
  return best;
}
