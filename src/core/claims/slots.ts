/** Figures and dates inside claims (slots), when two of them state one fact, and the fact a group of them makes. */
import type { Claim, DocumentResult, Fact } from '../contract';
import type { ArticleDocument } from '../document';
import { findNumbers, quantitiesAgree, type NumberMention } from '../entities/numbers';
import { hash } from '../text/normalize';
import { datesAgree, dayDistance, weakDate, weakNumber } from './values';
import { contextOf, passagesLink, type TermSpace } from './wording';

/** One figure or date inside a claim, with the words around it: the unit facts are built from. */
export interface Slot {
  doc: number;
  /** The claim's number in the facts step. */
  claim: number;
  kind: string; // a number's unit, or 'date'
  /** A date's words; a figure's are read from its article (number.start..end) when a fact names them. */
  label?: string;
  number?: NumberMention;
  date?: string;
  /** A figure or date a reader can pin down (`January 10`, `$916 million`), or a weak one (`2014`, `Monday`, `1 percent`) that many unrelated sentences share. */
  weak: boolean;
  /** Another figure of the same kind sits in the same sentence (`leads 49 percent to 47 percent`): which one is which is unclear. */
  crowded: boolean;
  /** The words around it (a set of term ids). */
  context: number;
  /** The terms of the whole claim (a set of term ids). */
  claimTerms: number;
  /** `=kind:value` as a term id: slots meet through it and their context. */
  key: number;
}

export interface Input {
  doc: ArticleDocument;
  result: DocumentResult;
  articleDate?: Date;
}

/** What a fact reads of its claims and figures once they are grouped: their places, and their words from the articles. */
export interface ClaimsRead {
  path(doc: number): string;
  start(claim: number): number;
  end(claim: number): number;
  text(claim: number): string;
  label(slot: Slot): string;
}

/**
 * Context similarity is a weighted Jaccard over the words around a figure: a word held by few of the
 * folder's claims (`Geneva`, `rupture`) weighs more than one held by many (`Trump` in a campaign folder).
 * Same value (and unit) in two articles, in contexts this alike, is one fact…
 */
const SAME_VALUE_CONTEXT = 0.08;
/** …and more alike for a weak value (a bare year, a month, a weekday, a small round share). */
const SAME_WEAK_VALUE_CONTEXT = 0.22;
/** Different values need more shared context before they are called the same fact (and so a discrepancy). */
const DIFFERENT_VALUE_CONTEXT = 0.3;
/**
 * …except counts in the same unit (troops, people), where the unit already says much of what is
 * counted: they need less shared wording, but at least one shared actor or place.
 */
const DIFFERENT_COUNT_CONTEXT = 0.08;

/**
 * The slots of one claim: each figure with a unit and each date, except the article's own date (`own`,
 * ISO day): every report of an event mentions the day it happened.
 */
export function slotsOf(d: number, input: Input, claim: Claim, c: number, claimTerms: number, demonyms: Map<string, string>, own: string | undefined, space: TermSpace): Slot[] {
  const { doc, result } = input;
  const out: Slot[] = [];
  const ids = (terms: Set<string>) => space.sets.add([...terms].map((t) => space.vocabulary.id(t)));
  for (const n of findNumbers(doc.text, claim)) {
    if (!n.unit) continue;
    const number = { ...n, unit: detached(n.unit) };
    const key = space.vocabulary.id(`=${number.unit}:${n.value}`);
    out.push({ doc: d, claim: c, kind: number.unit, number, weak: weakNumber(n), crowded: false, context: ids(contextOf(doc, claim, n.start, n.end, result.entities, demonyms)), claimTerms, key });
  }
  for (const e of result.entities) {
    if (e.type !== 'DATE' || e.start < claim.start || e.end > claim.end || typeof e.value !== 'string' || e.value === own) continue;
    const key = space.vocabulary.id(`=date:${e.value}`);
    out.push({ doc: d, claim: c, kind: 'date', label: detached(e.text), date: detached(e.value), weak: weakDate(e.text, e.value), crowded: false, context: ids(contextOf(doc, claim, e.start, e.end, result.entities, demonyms)), claimTerms, key });
  }
  for (const x of out) x.crowded = out.some((y) => y !== x && y.kind === x.kind && (x.number ? y.number!.value !== x.number.value : y.date !== x.date));
  return out;
}

/**
 * A string that holds no other: V8 keeps a slice of 13 characters or more as a view of the whole string, so a word
 * kept from an article would keep the article's text in memory.
 */
export function detached(s: string): string {
  return s.length < 13 ? s : (' ' + s).slice(1);
}

/** Whether the whole claims two slots sit in are worded alike (as passages are). */
function claimsWordedAlike(a: Slot, b: Slot, space: TermSpace): boolean {
  return passagesLink({ doc: a.doc, terms: a.claimTerms }, { doc: b.doc, terms: b.claimTerms }, space);
}

/** Whether two slots of different articles are alike enough to state the same fact. */
export function slotsLink(a: Slot, b: Slot, space: TermSpace): boolean {
  if (a.doc === b.doc || a.kind !== b.kind) return false;
  const same = a.number && b.number ? a.number.value === b.number.value : a.date === b.date;
  // Reports of one event that disagree on its date differ by a day or by a range; dates further apart
  // are different events that share a context (the June summit and the January talks, both in Geneva).
  if (!same && a.date && b.date && dayDistance(a.date, b.date) > 1) return false;
  // A sentence with several figures of a kind (`49 percent to 47 percent`) cannot say which one another
  // article's different figure answers: such slots meet only on the same value.
  if (!same && (a.crowded || b.crowded)) return false;
  // Counts of people (troops, civilians): the unit already says much of what is counted. Money and
  // durations say little: `$1 billion` of losses and `$150 billion` of spending share only the currency.
  const isCount = a.number !== undefined && /^[a-z]+$/.test(a.kind) && !['minutes', 'seconds', 'days', 'months', 'years', 'km'].includes(a.kind);
  const { sets, vocabulary, weights } = space;
  let shared = 0;
  let sharedActor = false;
  let sharedRareWord = false;
  sets.markB(b.context);
  const na = sets.size(a.context);
  const nb = sets.size(b.context);
  for (let k = 0; k < na; k++) {
    const t = sets.at(a.context, k);
    if (!sets.inB(t)) continue;
    shared++;
    if (vocabulary.isName(t)) sharedActor = true;
    if (weights.rare(t)) sharedRareWord = true;
  }
  // Jaccard of the contexts.
  const sim = na && nb ? shared / (na + nb - shared) : 0;
  // A weak value (`2014`, `Monday`) is shared by many unrelated sentences: the words around it must share
  // a rare word or name, and the claims be worded alike.
  if (same) return a.weak || b.weak ? sim >= SAME_WEAK_VALUE_CONTEXT && sharedRareWord && claimsWordedAlike(a, b, space) : sim >= SAME_VALUE_CONTEXT;
  if (isCount) return sim >= DIFFERENT_COUNT_CONTEXT && sharedActor;
  if (sim < DIFFERENT_VALUE_CONTEXT) return false;
  // Values that agree (`50 minutes`, `almost an hour`) only join a fact; values that would contradict each
  // other make a discrepancy, which needs a shared actor and claims worded alike too.
  const agree = a.number && b.number ? quantitiesAgree(a.number, b.number) : datesAgree(a.date!, b.date!);
  return agree || (sharedActor && claimsWordedAlike(a, b, space));
}

export function factFromSlots(group: Slot[], read: ClaimsRead, link: (a: Slot, b: Slot) => boolean): Fact {
  const byClaim = new Map<number, Slot[]>();
  for (const s of group) byClaim.set(s.claim, [...(byClaim.get(s.claim) ?? []), s]);
  let discrepancy: string | null = null;
  const numbers = group.filter((s) => s.number);
  const dates = group.filter((s) => s.date);
  // Only slots that link directly can contradict each other (not two ends of a group).
  const disagree =
    numbers.some((a) => numbers.some((b) => link(a, b) && !quantitiesAgree(a.number!, b.number!))) ||
    dates.some((a) => dates.some((b) => link(a, b) && !datesAgree(a.date!, b.date!)));
  if (disagree) {
    // Name each distinct value with the articles that give it.
    const byValue = new Map<string, Set<string>>();
    for (const s of group) {
      const key = s.number ? read.label(s).replace(/^(an? )/i, '') : s.date!;
      const display = s.number ? key : `${read.label(s)} (${s.date})`;
      const set = byValue.get(display) ?? new Set();
      set.add(read.path(s.doc).split('/').pop()!);
      byValue.set(display, set);
    }
    discrepancy = `${group[0].kind === 'date' ? 'dates differ' : `${group[0].kind} differ`}: ` +
      [...byValue.entries()].map(([v, docs]) => `${v} (${[...docs].join(', ')})`).join(' vs ');
  }
  const claims = [...byClaim.entries()].map(([claim, ss]) => ({
    path: read.path(ss[0].doc),
    start: read.start(claim),
    end: read.end(claim),
    text: read.text(claim),
    values: ss.map((s) => read.label(s)),
  }));
  const statement = [...byClaim.keys()].map((c) => read.text(c)).sort((a, b) => a.length - b.length)[0];
  return {
    id: `fact-${hash(claims.map((c) => `${c.path}:${c.text}`).sort().join('|') + group[0].kind).slice(0, 10)}`,
    statement,
    claims,
    consistent: discrepancy === null,
    discrepancy,
  };
}
