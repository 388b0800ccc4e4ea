/** Figures and dates compared as values: which are weak (shared by unrelated sentences), which agree, how far apart. */
import type { NumberMention } from '../entities/numbers';

/** A date a reader cannot pin to one event: a bare year or month, or a weekday / `yesterday` (relative to an article date that may be a guess). */
export function weakDate(label: string, value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}/.test(value)) return true;
  return !/\d/.test(label) && !/\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)/i.test(label);
}

/** A figure that many unrelated sentences share: under ten of anything (`1 percent`, `two years`, `5 minutes`). */
export function weakNumber(n: NumberMention): boolean {
  return n.value < 10;
}

export function datesAgree(a: string, b: string): boolean {
  if (a === b) return true;
  // A less specific date contains a more specific one (`2022-01` holds `2022-01-10` and `2022-01-09/2022-01-10`);
  // two day-level values (or ranges) must match exactly.
  const dayLevel = (x: string) => /^\d{4}-\d{2}-\d{2}/.test(x);
  if (dayLevel(a) && dayLevel(b)) return false;
  return a.startsWith(b.slice(0, 7)) && !dayLevel(b) ? b.length <= a.length || a.startsWith(b) : b.startsWith(a.slice(0, a.length));
}

/** Days between the nearest ends of two ISO dates or ranges; 0 when they overlap; Infinity when either is coarser than a day. */
const dayCache = new Map<string, number[]>();
export function dayDistance(a: string, b: string): number {
  const ends = (x: string) => {
    let v = dayCache.get(x);
    if (!v) {
      v = x.split('/').map((p) => (/^\d{4}-\d{2}-\d{2}$/.test(p) ? Date.parse(p) / 86_400_000 : NaN));
      if (dayCache.size > 10_000) dayCache.clear();
      dayCache.set(x, v);
    }
    return v;
  };
  const [a0, a1 = a0] = ends(a);
  const [b0, b1 = b0] = ends(b);
  if ([a0, a1, b0, b1].some(Number.isNaN)) return Infinity;
  if (a0 <= b1 && b0 <= a1) return 0;
  return Math.min(Math.abs(a0 - b1), Math.abs(b0 - a1));
}
