/** Figures and dates inside claims (slots), when two of them state one fact, and the fact a group of them makes. */
import type { Claim, DocumentResult, Fact } from '../contract';
import type { ArticleDocument } from '../document';
import { findNumbers, quantitiesAgree, type NumberMention } from '../entities/numbers';
import { hash } from '../text/normalize';
import { jaccard } from './terms';
import { datesAgree, dayDistance, weakDate, weakNumber } from './values';
import { type TermWeights } from './weights';
import { contextOf, isEntityTerm, passagesLink } from './wording';

/** One figure or date inside a claim, with the words around it: the unit facts are built from. */
export interface Slot {
  doc: number;
  claim: Claim;
  kind: string; // a number's unit, or 'date'
  label: string;
  number?: NumberMention;
  date?: string;
  /** A figure or date a reader can pin down (`January 10`, `$916 million`), or a weak one (`2014`, `Monday`, `1 percent`) that many unrelated sentences share. */
  weak: boolean;
  /** Another figure of the same kind sits in the same sentence (`leads 49 percent to 47 percent`): which one is which is unclear. */
  crowded: boolean;
  context: Set<string>;
  /** The terms of the whole claim. */
  claimTerms: Set<string>;
}

export interface Input {
  doc: ArticleDocument;
  result: DocumentResult;
  articleDate?: Date;
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
export function slotsOf(d: number, input: Input, claim: Claim, claimTerms: Set<string>, demonyms: Map<string, string>, own: string | undefined): Slot[] {
  const { doc, result } = input;
  const out: Slot[] = [];
  for (const n of findNumbers(doc.text, claim)) {
    if (!n.unit) continue;
    out.push({ doc: d, claim, kind: n.unit, label: doc.source.slice(n.start, n.end), number: n, weak: weakNumber(n), crowded: false, context: contextOf(doc, claim, n.start, n.end, result.entities, demonyms), claimTerms });
  }
  for (const e of result.entities) {
    if (e.type !== 'DATE' || e.start < claim.start || e.end > claim.end || typeof e.value !== 'string' || e.value === own) continue;
    out.push({ doc: d, claim, kind: 'date', label: e.text, date: e.value, weak: weakDate(e.text, e.value), crowded: false, context: contextOf(doc, claim, e.start, e.end, result.entities, demonyms), claimTerms });
  }
  for (const x of out) x.crowded = out.some((y) => y !== x && y.kind === x.kind && (x.number ? y.number!.value !== x.number.value : y.date !== x.date));
  return out;
}

/** Whether the whole claims two slots sit in are worded alike (as passages are). */
function claimsWordedAlike(a: Slot, b: Slot, w: TermWeights): boolean {
  return passagesLink({ doc: a.doc, claim: a.claim, terms: a.claimTerms }, { doc: b.doc, claim: b.claim, terms: b.claimTerms }, w);
}

/** Whether two slots of different articles are alike enough to state the same fact. */
export function slotsLink(a: Slot, b: Slot, w: TermWeights): boolean {
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
  const sim = jaccard(a.context, b.context);
  let sharedActor = false;
  let sharedRareWord = false;
  for (const t of a.context) {
    if (!b.context.has(t)) continue;
    if (isEntityTerm(t)) sharedActor = true;
    if (w.rare(t)) sharedRareWord = true;
  }
  // A weak value (`2014`, `Monday`) is shared by many unrelated sentences: the words around it must share
  // a rare word or name, and the claims be worded alike.
  if (same) return a.weak || b.weak ? sim >= SAME_WEAK_VALUE_CONTEXT && sharedRareWord && claimsWordedAlike(a, b, w) : sim >= SAME_VALUE_CONTEXT;
  if (isCount) return sim >= DIFFERENT_COUNT_CONTEXT && sharedActor;
  if (sim < DIFFERENT_VALUE_CONTEXT) return false;
  // Values that agree (`50 minutes`, `almost an hour`) only join a fact; values that would contradict each
  // other make a discrepancy, which needs a shared actor and claims worded alike too.
  const agree = a.number && b.number ? quantitiesAgree(a.number, b.number) : datesAgree(a.date!, b.date!);
  return agree || (sharedActor && claimsWordedAlike(a, b, w));
}

export function factFromSlots(group: Slot[], inputs: readonly Input[], link: (a: Slot, b: Slot) => boolean): Fact {
  const byClaim = new Map<Claim, Slot[]>();
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
      const key = s.number ? s.label.replace(/^(an? )/i, '') : s.date!;
      const display = s.number ? key : `${s.label} (${s.date})`;
      const set = byValue.get(display) ?? new Set();
      set.add(inputs[s.doc].result.path.split('/').pop()!);
      byValue.set(display, set);
    }
    discrepancy = `${group[0].kind === 'date' ? 'dates differ' : `${group[0].kind} differ`}: ` +
      [...byValue.entries()].map(([v, docs]) => `${v} (${[...docs].join(', ')})`).join(' vs ');
  }
  const claims = [...byClaim.entries()].map(([claim, ss]) => ({
    path: inputs[ss[0].doc].result.path,
    start: claim.start,
    end: claim.end,
    text: claim.text,
    values: ss.map((s) => s.label),
  }));
  const statement = [...byClaim.keys()].map((c) => c.text).sort((a, b) => a.length - b.length)[0];
  return {
    id: `fact-${hash(claims.map((c) => `${c.path}:${c.text}`).sort().join('|') + group[0].kind).slice(0, 10)}`,
    statement,
    claims,
    consistent: discrepancy === null,
    discrepancy,
  };
}
