import type { Span } from '../document';

export interface NumberMention extends Span {
  /** Best single value (the lower bound for ranges such as `tens of thousands`). */
  value: number;
  /** Inclusive range the wording allows: exact numbers have min = max. */
  min: number;
  max: number;
  unit?: string;
  approximate: boolean;
}

const SMALL: Record<string, number> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12,
  thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19, twenty: 20,
  thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90, hundred: 100, dozen: 12,
};
const SCALE: Record<string, number> = { thousand: 1e3, million: 1e6, billion: 1e9, trillion: 1e12, bn: 1e9, m: 1e6, k: 1e3 };

/** Units with the name they are compared under; durations are compared in minutes. */
const UNITS: Record<string, { unit: string; factor?: number }> = {
  troops: { unit: 'troops' }, troop: { unit: 'troops' }, soldiers: { unit: 'troops' }, soldier: { unit: 'troops' },
  servicemen: { unit: 'troops' }, personnel: { unit: 'troops' },
  minutes: { unit: 'minutes' }, minute: { unit: 'minutes' }, min: { unit: 'minutes' },
  hours: { unit: 'minutes', factor: 60 }, hour: { unit: 'minutes', factor: 60 },
  seconds: { unit: 'seconds' }, second: { unit: 'seconds' },
  days: { unit: 'days' }, day: { unit: 'days' }, weeks: { unit: 'days', factor: 7 }, week: { unit: 'days', factor: 7 },
  months: { unit: 'months' }, month: { unit: 'months' }, years: { unit: 'years' }, year: { unit: 'years' },
  percent: { unit: '%' }, 'per cent': { unit: '%' }, '%': { unit: '%' },
  people: { unit: 'people' }, persons: { unit: 'people' }, civilians: { unit: 'civilians' },
  kilometres: { unit: 'km' }, kilometers: { unit: 'km' }, km: { unit: 'km' }, miles: { unit: 'km', factor: 1.609 },
};
const CURRENCY: Record<string, string> = { $: 'USD', '€': 'EUR', '£': 'GBP', '¥': 'JPY', '₽': 'RUB' };

const APPROX = /\b(an estimated|estimated|about|around|almost|nearly|roughly|approximately|some|more than|over|up to|at least|less than|fewer than|under|close to|upwards of)\s+$/i;

/** The range a hedge word allows around a figure: `almost 50` is below it, `more than 50` above, `about 50` near it. */
function hedgeRange(hedge: string, min: number, max: number): [number, number] {
  const h = hedge.toLowerCase();
  // `almost an hour` is said of 50 minutes; `nearly 100,000` of 80,000 or more.
  if (/^(almost|nearly|up to|less than|fewer than|under|close to)$/.test(h)) return [min * 0.8, max];
  if (/^(more than|over|at least|upwards of)$/.test(h)) return [min, max * 1.5];
  return [min * 0.95, max * 1.05];
}

const WORDS_RE = Object.keys(SMALL).join('|');
/**
 * One number phrase: currency sign, digits with separators or number words, an optional scale word,
 * an optional unit. `tens of thousands` and `hundreds of …` are vague ranges. Without a currency sign it does not
 * start inside a word or another number (`often`, `someone`, `COVID19`): the pattern says so, rather than a test after
 * each match, because such a match went on over the words after it (`often hundreds of people` lost `hundreds`) and
 * the number words end many common words.
 */
const NUMBER_RE = new RegExp(
  String.raw`(?:(?<cur>[$€£¥₽])|(?<![\w.,]))(?<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|(?:tens|hundreds|dozens|thousands|millions|billions)\b|(?:(?:${WORDS_RE})(?:[- ](?:${WORDS_RE}))?)\b)` +
    String.raw`(?:\s+(?<of>of)\s+(?<ofscale>thousands|millions|billions|hundreds))?` +
    String.raw`(?:\s*(?<scale>thousand|million|billion|trillion|bn)\b)?` +
    String.raw`(?:(?<dash>-)|\s+|\s*(?=%))?(?<unit>%|per cent|percent|(?:[a-z]+))?`,
  'gi',
);

const VAGUE: Record<string, [number, number]> = {
  // `tens of thousands` is said of 20,000–90,000; a figure near 100,000 is "about a hundred thousand".
  tens: [10, 90], hundreds: [100, 900], dozens: [24, 90], thousands: [1000, 9000], millions: [1e6, 9e6], billions: [1e9, 9e9],
};

function wordValue(w: string): number | undefined {
  const parts = w.toLowerCase().split(/[- ]/);
  let total = 0;
  for (const p of parts) {
    const v = SMALL[p];
    if (v === undefined) return undefined;
    total = v === 100 ? Math.max(1, total) * 100 : total + v;
  }
  return total;
}

/**
 * Counts, quantities, money and percentages: `100,000 troops`, `50 minutes`, `50-minute`, `$5 billion`,
 * `12%`, `tens of thousands of troops`. Bare small numbers with no unit (list items, ordinals) and
 * numbers that are part of a date are left to the date finder (callers drop overlaps).
 */
export function findNumbers(text: string, range: Span = { start: 0, end: text.length }): NumberMention[] {
  const out: NumberMention[] = [];
  const slice = text.slice(range.start, range.end);
  NUMBER_RE.lastIndex = 0;
  for (let m = NUMBER_RE.exec(slice); m; m = NUMBER_RE.exec(slice)) {
    const g = m.groups!;
    const startIdx = m.index;
    const isDigits = /^\d/.test(g.num);
    let min: number;
    let max: number;
    let approximate = false;
    const vague = VAGUE[g.num.toLowerCase()];
    if (isDigits) {
      min = max = Number(g.num.replace(/,/g, ''));
    } else if (vague) {
      [min, max] = vague;
      approximate = true;
    } else {
      const v = wordValue(g.num);
      if (v === undefined) continue;
      min = max = v;
    }
    if (g.of && g.ofscale) {
      const s = VAGUE[g.ofscale.toLowerCase()];
      if (s) { min *= s[0]; max *= s[0]; approximate = true; }
    }
    if (g.scale) {
      const f = SCALE[g.scale.toLowerCase()] ?? 1;
      min *= f;
      max *= f;
    }
    let end = startIdx + (g.cur?.length ?? 0) + g.num.length;
    if (g.of) end = startIdx + m[0].indexOf(g.ofscale!) + g.ofscale!.length;
    if (g.scale) end = startIdx + m[0].lastIndexOf(g.scale) + g.scale.length;
    let unit: string | undefined = g.cur ? CURRENCY[g.cur] : undefined;
    let factor = 1;
    const rawUnit = g.unit?.toLowerCase();
    // `tens of thousands of troops`: the unit follows a second `of`.
    let unitWord: string | undefined = rawUnit;
    let unitStart = m.index + m[0].length - (g.unit?.length ?? 0);
    if (rawUnit === 'of') {
      const after = /^\s+([a-z]+)/i.exec(slice.slice(m.index + m[0].length));
      unitWord = after?.[1].toLowerCase();
      unitStart = m.index + m[0].length + (after ? after[0].length - after[1].length : 0);
    }
    if (unitWord && UNITS[unitWord]) {
      unit = UNITS[unitWord].unit;
      factor = UNITS[unitWord].factor ?? 1;
      end = unitStart + unitWord.length;
    }
    const isYearLike = isDigits && !g.cur && !unit && /^\d{4}$/.test(g.num) && min >= 1800 && min <= 2100;
    if (isYearLike) continue;
    // A bare number word with no unit (`one of the`, `two leaders`) is not worth highlighting.
    if (!unit && !isDigits && !vague && !g.scale) continue;
    if (!unit && isDigits && !g.scale && min < 10 && !/\.\d/.test(g.num)) continue;
    const before = slice.slice(Math.max(0, startIdx - 30), startIdx);
    const approx = APPROX.exec(before);
    const start = startIdx;
    const stated = min * factor;
    if (approx) {
      // The hedge (`an estimated`) qualifies the figure but is not part of it: it sets the range only.
      approximate = true;
      [min, max] = hedgeRange(approx[1], min, max);
    }
    out.push({ start: range.start + start, end: range.start + end, value: stated, min: min * factor, max: max * factor, unit, approximate });
    NUMBER_RE.lastIndex = Math.max(NUMBER_RE.lastIndex, end);
  }
  return out.concat(findIndefiniteDurations(slice, range.start));
}

/** `almost an hour`, `more than a week`: an approximate one-unit duration. */
function findIndefiniteDurations(slice: string, offset: number): NumberMention[] {
  const out: NumberMention[] = [];
  const re = /\b(almost|nearly|about|around|roughly|more than|less than|over|under|just over|just under) (an?|one) (hour|minute|day|week|month|year)\b/gi;
  for (let m = re.exec(slice); m; m = re.exec(slice)) {
    const u = UNITS[m[3].toLowerCase()];
    const v = u.factor ?? 1;
    const [min, max] = hedgeRange(m[1].replace(/^just /i, ''), v, v);
    out.push({ start: offset + m.index, end: offset + m.index + m[0].length, value: v, min, max, unit: u.unit, approximate: true });
  }
  return out;
}

/** Whether two quantities in the same unit can describe the same thing: the ranges their wording allows overlap. */
export function quantitiesAgree(a: NumberMention, b: NumberMention): boolean {
  if (a.unit !== b.unit) return true;
  return a.min <= b.max && b.min <= a.max;
}
