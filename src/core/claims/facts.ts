import type { Claim, DocumentResult, EntityMention, Fact } from '../contract';
import type { ArticleDocument } from '../document';
import { findNumbers, quantitiesAgree, type NumberMention } from '../entities/numbers';
import { hash } from '../text/normalize';
import { candidatePairs, jaccard, termsOf } from './terms';

/** One figure or date inside a claim, with the words around it: the unit facts are built from. */
interface Slot {
  doc: number;
  claim: Claim;
  kind: string; // a number's unit, or 'date'
  label: string;
  number?: NumberMention;
  date?: string;
  context: Set<string>;
}

interface Input {
  doc: ArticleDocument;
  result: DocumentResult;
  articleDate?: Date;
}

const WINDOW = 60; // characters each side of a figure that describe what it counts

/** Same value (and unit) in two articles, in contexts this alike, is one fact. */
const SAME_VALUE_CONTEXT = 0.08;
/** Different values need more shared context before they are called the same fact (and so a discrepancy). */
const DIFFERENT_VALUE_CONTEXT = 0.3;
/**
 * …except counts in the same unit (troops, people), where the unit already says much of what is
 * counted: they need less shared wording, but at least one shared actor or place.
 */
const DIFFERENT_COUNT_CONTEXT = 0.08;
/** Claims with no shared figure are one fact when their wording overlaps this much. */
const WORDING = 0.45;

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
 * with the words around each; claims with no figure meet by wording. The article's own date is not a
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
  for (let d = 0; d < inputs.length; d++) {
    const { doc, result, articleDate } = inputs[d];
    const own = articleDate ? articleDate.toISOString().slice(0, 10) : undefined;
    for (const claim of result.claims) {
      for (const n of findNumbers(doc.text, claim)) {
        if (!n.unit) continue;
        slots.push({ doc: d, claim, kind: n.unit, label: doc.source.slice(n.start, n.end), number: n, context: contextOf(doc, claim, n.start, n.end, result.entities, demonyms) });
      }
      for (const e of result.entities) {
        if (e.type !== 'DATE' || e.start < claim.start || e.end > claim.end || typeof e.value !== 'string' || e.value === own) continue;
        // Bare years are too coarse to tell events apart unless the context agrees strongly; keep them.
        slots.push({ doc: d, claim, kind: 'date', label: e.text, date: e.value, context: contextOf(doc, claim, e.start, e.end, result.entities, demonyms) });
      }
    }
    yield;
  }

  const groups = yield* clusterSlots(slots);

  const facts: Fact[] = [];
  for (const group of groups) {
    if (new Set(group.map((s) => s.doc)).size < 2) continue;
    facts.push(factFromSlots(group, inputs));
  }

  // Claims with no shared figure: group by wording across articles.
  const inFacts = new Set(facts.flatMap((f) => f.claims.map((r) => `${r.path}:${r.start}`)));
  const loose: { doc: number; claim: Claim; terms: Set<string> }[] = [];
  inputs.forEach(({ result }, d) => {
    for (const c of result.claims) if (!inFacts.has(`${result.path}:${c.start}`)) loose.push({ doc: d, claim: c, terms: new Set([...termsOf(c.text), ...c.entityIds]) });
  });
  const uf2 = new UnionFind(loose.length);
  // Wording this alike shares several rare words: only such pairs are compared.
  for (const [x, y] of candidatePairs(loose.map((l) => l.terms), 2)) {
    if (loose[x].doc !== loose[y].doc && jaccard(loose[x].terms, loose[y].terms) >= WORDING) uf2.union(x, y);
  }
  const wordGroups = new Map<number, typeof loose>();
  loose.forEach((l, i) => wordGroups.set(uf2.find(i), [...(wordGroups.get(uf2.find(i)) ?? []), l]));
  for (const g of wordGroups.values()) {
    if (new Set(g.map((l) => l.doc)).size < 2) continue;
    const statement = g.map((l) => l.claim.text).sort((a, b) => a.length - b.length)[0];
    facts.push({
      id: `fact-${hash(g.map((l) => `${inputs[l.doc].result.path}:${l.claim.text}`).sort().join('|')).slice(0, 10)}`,
      statement,
      claims: g.map((l) => ({ path: inputs[l.doc].result.path, start: l.claim.start, end: l.claim.end, text: l.claim.text })),
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

/** Whether two slots of different articles are alike enough to state the same fact. */
function slotsLink(a: Slot, b: Slot): boolean {
  if (a.doc === b.doc || a.kind !== b.kind) return false;
  const same = a.number && b.number ? a.number.value === b.number.value : a.date === b.date;
  // Reports of one event that disagree on its date differ by a day or by a range; dates further apart
  // are different events that share a context (the June summit and the January talks, both in Geneva).
  if (!same && a.date && b.date && dayDistance(a.date, b.date) > 1) return false;
  const isCount = a.number !== undefined && !['minutes', 'seconds', 'days', 'months', 'years', '%'].includes(a.kind);
  const sim = jaccard(a.context, b.context);
  if (same) return sim >= SAME_VALUE_CONTEXT;
  if (isCount) return sim >= DIFFERENT_COUNT_CONTEXT && [...a.context].some((t) => t.includes(':') && b.context.has(t));
  return sim >= DIFFERENT_VALUE_CONTEXT;
}

/**
 * Agglomerative grouping with average linkage: two groups merge only when most of their cross-article
 * slot pairs link, so a chain of loosely similar mentions (every `January …` in the folder) does not
 * collapse into one fact.
 */
function* clusterSlots(slots: Slot[]): Generator<void, Slot[][]> {
  const uf = new UnionFind(slots.length);
  const members = new Map<number, number[]>(slots.map((_, i) => [i, [i]]));
  const pairs: [number, number, number][] = [];
  // Slots meet through a shared rare context term, or the same kind and value (`50 minutes`, `2014`).
  const keys = slots.map((s) => new Set([...s.context, `=${s.kind}:${s.number ? s.number.value : s.date}`]));
  for (const [x, y] of candidatePairs(keys)) {
    if (slotsLink(slots[x], slots[y])) pairs.push([x, y, jaccard(slots[x].context, slots[y].context)]);
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
      if (slots[i].doc === slots[j].doc) continue;
      total++;
      if (slotsLink(slots[i], slots[j])) linked++;
    }
    if (total && linked / total >= 0.5) {
      uf.union(rx, ry);
      members.set(rx, [...a, ...b]);
      members.delete(ry);
    }
  }
  return [...members.values()].map((ids) => ids.map((i) => slots[i]));
}

function factFromSlots(group: Slot[], inputs: readonly Input[]): Fact {
  const byClaim = new Map<Claim, Slot[]>();
  for (const s of group) byClaim.set(s.claim, [...(byClaim.get(s.claim) ?? []), s]);
  let discrepancy: string | null = null;
  const numbers = group.filter((s) => s.number);
  const dates = group.filter((s) => s.date);
  // Only slots that link directly can contradict each other (not two ends of a group).
  const disagree =
    numbers.some((a) => numbers.some((b) => slotsLink(a, b) && !quantitiesAgree(a.number!, b.number!))) ||
    dates.some((a) => dates.some((b) => slotsLink(a, b) && !datesAgree(a.date!, b.date!)));
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
