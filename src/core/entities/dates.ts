import type * as chrono from 'chrono-node';
import { parseDates } from './date-parser';
import type { Span } from '../document';

export interface DateMention extends Span {
  /** ISO date `2021-12-30`, month `2022-01`, year `2014`, or a range `2022-01-09/2022-01-10`; undefined when unresolved. */
  value?: string;
}

const MONTHS = 'january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec';
const MONTH_INDEX: Record<string, number> = {};
MONTHS.split('|').forEach((m) => (MONTH_INDEX[m] = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'].indexOf(m.slice(0, 3)) + 1));

/** Something a reader can pin to the calendar: a month, weekday, year or a relative day word. */
const SPECIFIC = new RegExp(`\\b(${MONTHS}|monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|tomorrow|today|\\d{4})\\b`, 'i');

const ORD = '(?:st|nd|rd|th)?';
/** `January 9 and 10`, `January 9th and 10th`, `Jan. 9-10`, `9 and 10 January`: ranges chrono reads only half of. */
const RANGE_MD = new RegExp(`\\b(${MONTHS})\\.?\\s+(\\d{1,2})${ORD}\\s*(?:-|–|and|to|through|until)\\s*(\\d{1,2})${ORD}\\b(?:,?\\s+(\\d{4}))?`, 'gi');
const RANGE_DM = new RegExp(`\\b(\\d{1,2})${ORD}\\s*(?:-|–|and|to)\\s*(\\d{1,2})${ORD}\\s+(${MONTHS})\\b\\.?(?:,?\\s+(\\d{4}))?`, 'gi');
const YEAR = /\b(?:1[89]\d{2}|20\d{2})\b/g;

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * The article's own date: a full date with a year in its text or front matter. Relative mentions
 * (`Thursday`, `next month`) are resolved against it; with none they stay unresolved.
 */
export function findArticleDate(text: string, outside: readonly Span[] = []): Date | undefined {
  const front = /^\s*(?:---[\s\S]*?)?\bdate:\s*["']?(\d{4}-\d{2}-\d{2})/m.exec(text.slice(0, 2000));
  if (front) return new Date(`${front[1]}T12:00:00Z`);
  // Only a date written out with its year counts (`now` and `today` are certain too, but of the reader's
  // clock), so chrono reads only the lines that hold a year: it is slow on long texts.
  const year = /\b(?:1[89]|20)\d{2}\b/;
  for (let start = 0; start < Math.min(text.length, 500_000); ) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const line = text.slice(start, end);
    const lineStart = start;
    start = end + 1;
    if (!year.test(line)) continue;
    for (const r of parseDates(line)) {
      const at = lineStart + r.index;
      // Dates in photo captions are often of file photos, not of the story.
      if (outside.some((z) => z.start <= at && at < z.end)) continue;
      if (/\b\d{4}\b/.test(r.text) && r.start.isCertain('year') && r.start.isCertain('month') && r.start.isCertain('day')) return r.start.date();
    }
  }
  return undefined;
}

function iso(c: chrono.ParsedComponents, year?: number): string {
  const y = year ?? c.get('year');
  const m = c.get('month');
  const d = c.get('day');
  if (c.isCertain('day') || c.isCertain('weekday')) return `${y}-${pad(m ?? 1)}-${pad(d ?? 1)}`;
  if (c.isCertain('month')) return `${y}-${pad(m ?? 1)}`;
  return String(y);
}

function yearFor(month: number, ref: Date | undefined, explicit?: string): number | undefined {
  if (explicit) return Number(explicit);
  if (!ref) return undefined;
  // A month mentioned without a year is the nearest such month to the article date.
  const y = ref.getUTCFullYear();
  const diff = month - (ref.getUTCMonth() + 1);
  return diff < -6 ? y + 1 : diff > 6 ? y - 1 : y;
}

/** Dates in a range of text: chrono-node's readings, plus day ranges and bare years that it misses. */
export function findDates(text: string, range: Span, ref: Date | undefined): DateMention[] {
  const slice = text.slice(range.start, range.end);
  const out: DateMention[] = [];
  const taken = (s: number, e: number) => out.some((d) => d.start < e && s < d.end);
  const add = (s: number, e: number, value?: string) => {
    if (!taken(range.start + s, range.start + e)) out.push({ start: range.start + s, end: range.start + e, value });
  };
  for (const [re, monthGroup, d1Group, d2Group, yGroup] of [[RANGE_MD, 1, 2, 3, 4], [RANGE_DM, 3, 1, 2, 4]] as const) {
    re.lastIndex = 0;
    for (let m = re.exec(slice); m; m = re.exec(slice)) {
      const month = MONTH_INDEX[m[monthGroup].toLowerCase()];
      const d1 = Number(m[d1Group]);
      const d2 = Number(m[d2Group]);
      if (!(d1 >= 1 && d1 <= 31 && d2 > d1 && d2 <= 31)) continue;
      const y = yearFor(month, ref, m[yGroup]);
      add(m.index, m.index + m[0].length, y ? `${y}-${pad(month)}-${pad(d1)}/${y}-${pad(month)}-${pad(d2)}` : undefined);
    }
  }
  // chrono is the slow part of date finding: only run it where a calendar word occurs.
  const results = SPECIFIC.test(slice) ? parseDates(slice, ref ?? new Date(0), { forwardDate: false }) : [];
  for (const r of results) {
    let s = r.index;
    let t = r.text;
    // chrono includes a leading preposition (`on Thursday`); the date is what follows it.
    const prep = /^(on|in|at|by|from|since|until|during|of)\s+/i.exec(t);
    if (prep) {
      s += prep[0].length;
      t = t.slice(prep[0].length);
    }
    // chrono sometimes starts a match on punctuation or a word before the date (`Del., Thursday, December 30`).
    const punct = /^[\s.,;:–—-]+/.exec(t);
    if (punct) {
      s += punct[0].length;
      t = t.slice(punct[0].length);
    }
    for (let lead = /^([A-Za-z]+\.?),?\s+/.exec(t); lead && !SPECIFIC.test(lead[1]) && !/^(early|late|mid|the)$/i.test(lead[1]); lead = /^([A-Za-z]+\.?),?\s+/.exec(t)) {
      s += lead[0].length;
      t = t.slice(lead[0].length);
    }
    t = t.replace(/[\s.,;:–—-]+$/, (tail) => (/^\.$/.test(tail) && /\b[A-Z][a-z]{2}\.$/.test(t) ? tail : '')); // `Thursday,` → `Thursday`; keep `Jan.`
    if (!SPECIFIC.test(t) || /^(this|last|next|coming|past) (week|month|year)$/i.test(t)) continue;
    // Times of day (`after midnight`) are not dates.
    if (!r.start.isCertain('day') && !r.start.isCertain('weekday') && !r.start.isCertain('month') && !r.start.isCertain('year')) continue;
    const resolvable = ref !== undefined || r.start.isCertain('year');
    // chrono guesses the year forwards; news reports mean the nearest such month, before or after.
    const year = ref && !r.start.isCertain('year') && r.start.isCertain('month') ? yearFor(r.start.get('month') ?? 1, ref) : undefined;
    const endYear = year !== undefined && r.end ? year + ((r.end.get('month') ?? 1) < (r.start.get('month') ?? 1) ? 1 : 0) : undefined;
    const value = resolvable ? iso(r.start, year) + (r.end ? `/${iso(r.end, endYear)}` : '') : undefined;
    add(s, s + t.length, value);
  }
  YEAR.lastIndex = 0;
  for (let m = YEAR.exec(slice); m; m = YEAR.exec(slice)) {
    const before = slice.slice(Math.max(0, m.index - 12), m.index);
    const after = slice.slice(m.index + 4, m.index + 16);
    // A year, not a count: `in 2014`, `2008 invasion`, `(2019)`; not `2014 troops`, not `$2014`.
    if (/[$€£\d.,]$/.test(before) || /^\s*(troops|soldiers|people|km|miles|%|percent)/i.test(after)) continue;
    add(m.index, m.index + 4, m[0]);
  }
  return out.sort((a, b) => a.start - b.start);
}
