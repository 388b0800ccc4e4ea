import type { Claim, DocumentResult, EntityMention, Fact } from '../contract';
import type { ArticleDocument } from '../document';
import { findNumbers, quantitiesAgree, type NumberMention } from '../entities/numbers';
import { hash } from '../text/normalize';
import { candidatePairs, jaccard, stem, STOPWORDS, termsOf } from './terms';

/** One figure or date inside a claim, with the words around it: the unit facts are built from. */
interface Slot {
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

interface Input {
  doc: ArticleDocument;
  result: DocumentResult;
  articleDate?: Date;
}

const WINDOW = 60; // characters each side of a figure that describe what it counts

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
/** Passages of two claims with no shared figure state one fact when their wording is this alike (weighted). */
const WORDING = 0.2;
/** …or this alike whatever they share. */
const NEAR_SAME_WORDING = 0.4;
/** Claims are read in passages of this many terms (a long sentence states several things), overlapping by half. */
const PASSAGE = 12;

/**
 * Demonyms point at their place (`Russian troops` is about Russia, `the Ukrainian border` about Ukraine):
 * forms derived from the folder's one-word place names by the usual English endings.
 */
function demonymsOf(results: readonly DocumentResult[]): Map<string, string> {
  const map = new Map<string, string>();
  for (const r of results) {
    for (const e of r.entities) {
      if (e.type !== 'PLACE' || /\s/.test(e.text)) continue;
      const t = e.text.toLowerCase();
      for (const form of [t + 'n', t + 'ian', t.replace(/e$/, 'ian'), t.replace(/a$/, 'an'), t.replace(/y$/, 'ian'), t + 'ese', t + 'i']) {
        if (form !== t) {
          map.set(form, e.entityId);
          map.set(form + 's', e.entityId);
        }
      }
    }
  }
  return map;
}

function contextOf(doc: ArticleDocument, claim: Claim, start: number, end: number, entities: readonly EntityMention[], demonyms: Map<string, string>): Set<string> {
  const from = Math.max(claim.start, start - WINDOW);
  const to = Math.min(claim.end, end + WINDOW);
  // Names count once, as their entity: their words are blanked before the wording is read, and
  // demonyms (`Russian troops`) stand for their place.
  const chars = doc.text.slice(from, to).split('');
  const terms = new Set<string>();
  for (const e of entities) {
    if (e.start < from || e.end > to || !(e.type === 'PERSON' || e.type === 'ORG' || e.type === 'PLACE')) continue;
    terms.add(e.entityId);
    for (let i = e.start; i < e.end; i++) chars[i - from] = ' ';
  }
  for (let i = start; i < end; i++) if (i >= from && i < to) chars[i - from] = ' ';
  const around = chars.join('').replace(/\b[A-Z][a-z]+\b/g, (w) => {
    const place = demonyms.get(w.toLowerCase());
    if (!place) return w;
    terms.add(place);
    return ' ';
  });
  for (const t of termsOf(around)) terms.add(t);
  return terms;
}

/** How much a term says about what a claim states: terms held by few of the folder's claims say more (idf). */
class TermWeights {
  private readonly df = new Map<string, number>();
  private n = 0;
  add(terms: Iterable<string>) {
    this.n++;
    for (const t of new Set(terms)) this.df.set(t, (this.df.get(t) ?? 0) + 1);
  }
  weight(t: string): number {
    return Math.log((this.n + 1) / ((this.df.get(t) ?? 0) + 0.5));
  }
  /** Held by few claims: a word that can carry a link (`posture`; not `Trump` in a campaign folder). */
  rare(t: string): boolean {
    // A tenth of a small folder's claims (one story: its key words recur), at most twenty in a large one.
    return (this.df.get(t) ?? 0) <= Math.max(2, Math.min(0.1 * this.n, 20));
  }
}

function weightedJaccard(a: ReadonlySet<string>, b: ReadonlySet<string>, w: TermWeights): number {
  if (!a.size || !b.size) return 0;
  let inter = 0;
  let union = 0;
  for (const t of a) {
    const x = w.weight(t);
    union += x;
    if (b.has(t)) inter += x;
  }
  for (const t of b) if (!a.has(t)) union += w.weight(t);
  return union ? inter / union : 0;
}

/** A name's entity id (`person:joe-biden`), or a place a demonym points at. */
const isEntityTerm = (t: string) => t.includes(':');

/**
 * A claim's terms in reading order: names as their entity, demonyms as their place, dates as their
 * value (`@2021-12-30`), a counted noun as its concept, other words as concept stems; stopwords dropped.
 */
function termSequence(doc: ArticleDocument, claim: Claim, entities: readonly EntityMention[], demonyms: Map<string, string>): { t: string; at: number }[] {
  const out: { t: string; at: number }[] = [];
  const chars = doc.text.slice(claim.start, claim.end).split('');
  for (const e of entities) {
    if (e.start < claim.start || e.end > claim.end) continue;
    if (e.type === 'DATE') {
      if (typeof e.value === 'string') out.push({ t: `@${e.value}`, at: e.start });
    } else if (e.type === 'NUMBER') {
      const unit = /^[a-z]+$/.test(e.unit ?? '') ? stem(e.unit!) : undefined;
      if (unit) out.push({ t: unit, at: e.start });
    } else {
      out.push({ t: e.entityId, at: e.start });
    }
    for (let i = e.start; i < e.end; i++) chars[i - claim.start] = ' ';
    // A person's title or role just before the name (`White House press secretary`, `Democratic presidential
    // nominee`) describes who speaks, not what is stated: it is read as part of the name.
    if (e.type === 'PERSON') {
      const before = doc.text.slice(claim.start, e.start);
      const title = TITLE_BEFORE_NAME.exec(before);
      if (title) for (let i = e.start - title[0].length; i < e.start; i++) chars[i - claim.start] = ' ';
    }
  }
  const text = chars.join('');
  for (const m of text.matchAll(/[\p{L}][\p{L}’'-]*/gu)) {
    const w = m[0].toLowerCase();
    const at = claim.start + m.index!;
    if (/^[A-Z]/.test(m[0])) {
      const place = demonyms.get(w);
      if (place) { out.push({ t: place, at }); continue; }
    }
    if (w.length < 2 || STOPWORDS.has(w)) continue;
    for (const part of w.split('-')) if (part.length > 1 && !STOPWORDS.has(part)) out.push({ t: stem(part), at });
  }
  return out.sort((a, b) => a.at - b.at);
}

const ROLE = String.raw`(?:[A-Z][\w.’'-]*|president|presidential|vice|nominee|candidate|secretary|press|spokes(?:man|woman|person)|minister|advis[eo]r|chair(?:man|woman)?|director|senator|governor|mayor|leader|officials?|former|deputy|chief|counterpart|commissioner|officer|judge|ambassador|general|host|moderator|rival|running mate|aide|lawyer|attorney|economist|analyst|co-founder|founder|head|executive|correspondent|editor|reporter)`;
/** The run of title and role words right before a name (`Russian President`, `press secretary`, `Republican nominee`). */
const TITLE_BEFORE_NAME = new RegExp(String.raw`(?:${ROLE}\s+){1,5}$`);

/** Overlapping passages of a claim's terms: a short claim is one passage, a long one several. */
function passagesOf(seq: readonly { t: string }[]): Set<string>[] {
  if (seq.length <= PASSAGE + PASSAGE / 2) return [new Set(seq.map((x) => x.t))];
  const out: Set<string>[] = [];
  const step = PASSAGE / 2;
  for (let i = 0; ; i += step) {
    const from = Math.min(i, seq.length - PASSAGE);
    out.push(new Set(seq.slice(from, from + PASSAGE).map((x) => x.t)));
    if (from + PASSAGE >= seq.length) break;
  }
  return out;
}

/** A date a reader cannot pin to one event: a bare year or month, or a weekday / `yesterday` (relative to an article date that may be a guess). */
function weakDate(label: string, value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}/.test(value)) return true;
  return !/\d/.test(label) && !/\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)/i.test(label);
}

/** A figure that many unrelated sentences share: under ten of anything (`1 percent`, `two years`, `5 minutes`). */
function weakNumber(n: NumberMention): boolean {
  return n.value < 10;
}

function datesAgree(a: string, b: string): boolean {
  if (a === b) return true;
  // A less specific date contains a more specific one (`2022-01` holds `2022-01-10` and `2022-01-09/2022-01-10`);
  // two day-level values (or ranges) must match exactly.
  const dayLevel = (x: string) => /^\d{4}-\d{2}-\d{2}/.test(x);
  if (dayLevel(a) && dayLevel(b)) return false;
  return a.startsWith(b.slice(0, 7)) && !dayLevel(b) ? b.length <= a.length || a.startsWith(b) : b.startsWith(a.slice(0, a.length));
}

/** Days between the nearest ends of two ISO dates or ranges; 0 when they overlap; Infinity when either is coarser than a day. */
const dayCache = new Map<string, number[]>();
function dayDistance(a: string, b: string): number {
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

class UnionFind {
  parent: number[];
  constructor(n: number) {
    this.parent = Array.from({ length: n }, (_, i) => i);
  }
  find(i: number): number {
    while (this.parent[i] !== i) i = this.parent[i] = this.parent[this.parent[i]];
    return i;
  }
  union(a: number, b: number) {
    this.parent[this.find(b)] = this.find(a);
  }
}

/**
 * Groups claims from different articles that state the same thing into facts, and says where the
 * articles disagree. Figures and dates are compared slot by slot (a sentence can carry several facts),
 * with the words around each; beyond their figures, claims meet by the wording of their passages (a long
 * sentence can state several facts). A discrepancy needs more evidence than a fact: a shared actor and claims
 * worded alike, and never from a sentence holding several figures of a kind. The article's own date is not a
 * slot: every report of an event mentions the day it happened.
 */
export function buildFacts(inputs: readonly Input[]): Fact[] {
  const steps = buildFactsSteps(inputs);
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

/** buildFacts as resumable steps (it yields after each article's slots and through clustering). */
export function* buildFactsSteps(inputs: readonly Input[]): Generator<void, Fact[]> {
  const slots: Slot[] = [];
  const demonyms = demonymsOf(inputs.map((i) => i.result));
  const weights = new TermWeights();
  const passages: Passage[] = [];
  for (let d = 0; d < inputs.length; d++) {
    const { doc, result, articleDate } = inputs[d];
    const own = articleDate ? articleDate.toISOString().slice(0, 10) : undefined;
    for (const claim of result.claims) {
      const seq = termSequence(doc, claim, result.entities, demonyms);
      weights.add(seq.map((x) => x.t));
      for (const terms of passagesOf(seq)) passages.push({ doc: d, claim, terms });
      const claimTerms = new Set(seq.map((x) => x.t));
      const first = slots.length;
      for (const n of findNumbers(doc.text, claim)) {
        if (!n.unit) continue;
        slots.push({ doc: d, claim, kind: n.unit, label: doc.source.slice(n.start, n.end), number: n, weak: weakNumber(n), crowded: false, context: contextOf(doc, claim, n.start, n.end, result.entities, demonyms), claimTerms });
      }
      for (const e of result.entities) {
        if (e.type !== 'DATE' || e.start < claim.start || e.end > claim.end || typeof e.value !== 'string' || e.value === own) continue;
        slots.push({ doc: d, claim, kind: 'date', label: e.text, date: e.value, weak: weakDate(e.text, e.value), crowded: false, context: contextOf(doc, claim, e.start, e.end, result.entities, demonyms), claimTerms });
      }
      const mine = slots.slice(first);
      for (const x of mine) x.crowded = mine.some((y) => y !== x && y.kind === x.kind && (x.number ? y.number!.value !== x.number.value : y.date !== x.date));
    }
    yield;
  }

  const link = (a: Slot, b: Slot) => slotsLink(a, b, weights);
  const groups = yield* clusterItems(slots, (s) => [...s.context, `=${s.kind}:${s.number ? s.number.value : s.date}`], link, (a, b) => weightedJaccard(a.context, b.context, weights));

  const facts: Fact[] = [];
  for (const group of groups) {
    if (new Set(group.map((s) => s.doc)).size < 2) continue;
    facts.push(factFromSlots(group, inputs, link));
  }

  // What claims state beyond their figures: passages of different articles worded alike. A long sentence
  // has several passages, so it can hold several facts; a fact adds nothing when its claims are all in one
  // already found.
  const wordingLink = (a: Passage, b: Passage) => passagesLink(a, b, weights);
  const passageGroups = yield* clusterItems(passages, (p) => p.terms, wordingLink, (a, b) => weightedJaccard(a.terms, b.terms, weights), 2);
  const keyOf = (doc: number, c: Claim) => `${doc}:${c.start}`;
  // What a fact's articles share: the terms two of its linked members have in common.
  const gistOf = <T extends { doc: number }>(group: T[], termsOf: (x: T) => Set<string>, linked: (a: T, b: T) => boolean) => {
    const gist = new Set<string>();
    for (const a of group) for (const b of group) if (a.doc < b.doc && linked(a, b)) for (const t of termsOf(a)) if (termsOf(b).has(t)) gist.add(t);
    return gist;
  };
  const found = groups.filter((g) => new Set(g.map((s) => s.doc)).size >= 2).map((g) => ({
    keys: new Set(g.map((s) => keyOf(s.doc, s.claim))),
    gist: gistOf(g, (s) => s.context, link),
  }));
  const worded: { keys: Set<string>; gist: Set<string>; group: Passage[] }[] = [];
  for (const g of passageGroups) {
    if (new Set(g.map((p) => p.doc)).size < 2) continue;
    worded.push({ keys: new Set(g.map((p) => keyOf(p.doc, p.claim))), gist: gistOf(g, (p) => p.terms, wordingLink), group: g });
  }
  worded.sort((a, b) => b.keys.size - a.keys.size);
  for (const { keys, gist, group } of worded) {
    // Already said: the same claims, sharing no rare word the fact found had not (another part of the sentences is another fact).
    const what = [...gist].filter((t) => !isEntityTerm(t) && !t.startsWith('@') && weights.rare(t));
    const said = found.some((f) => [...keys].every((k) => f.keys.has(k)) && what.every((t) => f.gist.has(t)));
    if (said) continue;
    found.push({ keys, gist });
    const claims: Claim[] = [];
    const docs: number[] = [];
    for (const p of group) if (!claims.includes(p.claim)) { claims.push(p.claim); docs.push(p.doc); }
    const statement = claims.map((c) => c.text).sort((a, b) => a.length - b.length)[0];
    facts.push({
      id: `fact-${hash(claims.map((c, i) => `${inputs[docs[i]].result.path}:${c.text}`).sort().join('|') + ':wording').slice(0, 10)}`,
      statement,
      claims: claims.map((c, i) => ({ path: inputs[docs[i]].result.path, start: c.start, end: c.end, text: c.text })),
      consistent: true,
      discrepancy: null,
    });
  }

  // Each claim points at the first fact that holds it.
  for (const f of facts) {
    for (const ref of f.claims) {
      const claim = inputs.find((i) => i.result.path === ref.path)?.result.claims.find((c) => c.start === ref.start);
      if (claim && !claim.factId) claim.factId = f.id;
    }
  }
  return facts.sort((a, b) => Number(a.consistent) - Number(b.consistent) || b.claims.length - a.claims.length);
}

interface Passage {
  doc: number;
  claim: Claim;
  terms: Set<string>;
}

/**
 * Whether two passages of different articles state the same thing: worded alike (weighted), sharing at
 * least three terms of which one is a rare word that is not a name (what happened, not only who).
 */
function passagesLink(a: Passage, b: Passage, w: TermWeights): boolean {
  if (a.doc === b.doc) return false;
  let shared = 0;
  let rareWords = 0;
  let rareNames = 0;
  for (const t of a.terms) {
    if (!b.terms.has(t)) continue;
    shared++;
    if (!w.rare(t) || t.startsWith('@')) continue;
    if (isEntityTerm(t)) rareNames++;
    else rareWords++;
  }
  if (shared < 3) return false;
  const wj = weightedJaccard(a.terms, b.terms, w);
  // What happened must be shared, not only who: two rare words, or a rare word and two rare names; or nearly the same wording.
  return wj >= NEAR_SAME_WORDING || (wj >= WORDING && (rareWords >= 2 || (rareWords >= 1 && rareNames >= 2)));
}

/** Whether the whole claims two slots sit in are worded alike (as passages are). */
function claimsWordedAlike(a: Slot, b: Slot, w: TermWeights): boolean {
  return passagesLink({ doc: a.doc, claim: a.claim, terms: a.claimTerms }, { doc: b.doc, claim: b.claim, terms: b.claimTerms }, w);
}

/** Whether two slots of different articles are alike enough to state the same fact. */
function slotsLink(a: Slot, b: Slot, w: TermWeights): boolean {
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

/**
 * Agglomerative grouping with average linkage: two groups merge only when most of their cross-article
 * pairs link, so a chain of loosely similar mentions (every `January …` in the folder) does not
 * collapse into one fact. Items meet through shared rare keys (at least `minShared`).
 */
function* clusterItems<T extends { doc: number }>(items: T[], keysOf: (x: T) => Iterable<string>, link: (a: T, b: T) => boolean, sim: (a: T, b: T) => number, minShared = 1): Generator<void, T[][]> {
  const uf = new UnionFind(items.length);
  const members = new Map<number, number[]>(items.map((_, i) => [i, [i]]));
  const pairs: [number, number, number][] = [];
  for (const [x, y] of candidatePairs(items.map((s) => new Set(keysOf(s))), minShared)) {
    if (link(items[x], items[y])) pairs.push([x, y, sim(items[x], items[y])]);
  }
  pairs.sort((p, q) => q[2] - p[2]);
  let n = 0;
  for (const [x, y] of pairs) {
    if (++n % 2000 === 0) yield;
    const rx = uf.find(x);
    const ry = uf.find(y);
    if (rx === ry) continue;
    const a = members.get(rx)!;
    const b = members.get(ry)!;
    let linked = 0;
    let total = 0;
    for (const i of a) for (const j of b) {
      if (items[i].doc === items[j].doc) continue;
      total++;
      if (link(items[i], items[j])) linked++;
    }
    if (total && linked / total >= 0.5) {
      uf.union(rx, ry);
      members.set(rx, [...a, ...b]);
      members.delete(ry);
    }
  }
  return [...members.values()].map((ids) => ids.map((i) => items[i]));
}

function factFromSlots(group: Slot[], inputs: readonly Input[], link: (a: Slot, b: Slot) => boolean): Fact {
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

