import type { Claim, Fact } from '../contract';
import { readerText } from '../document';
import { hash } from '../text/normalize';
import { CLAIM_THRESHOLD, CORROBORATED_THRESHOLD, findClaims } from './claims';
import { clusterItems } from './cluster';
import { detached, factFromSlots, slotsLink, slotsOf, type ClaimsRead, type Input, type Slot } from './slots';
import { Ints } from '../ints';
import { TermSets, Vocabulary } from './term-sets';
import { TermWeights, weightedJaccard } from './weights';
import { demonymsOf, passagesLink, passagesOf, sharedNames, termSequence, type TermSpace } from './wording';
import { pushTo } from '../multimap';

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

/**
 * buildFacts as resumable steps (it yields after each article's slots and through clustering). The inputs' claims
 * are updated: a sentence just under the threshold that another article states is inserted, and each claim points
 * at the first fact that holds it.
 */
export function* buildFactsSteps(inputs: readonly Input[]): Generator<void, Fact[]> {
  const facts = new FactsCollector(demonymsOf(inputs.map((i) => i.result)));
  const near = inputs.map(nearClaimsOf);
  for (let d = 0; d < inputs.length; d++) {
    facts.add(d, inputs[d], near[d]);
    yield;
  }
  const found = yield* facts.facts({ path: (d) => inputs[d].result.path, source: (d) => inputs[d].doc.source });
  inputs.forEach(({ result }, d) => (result.claims = found.claimsOf(d, result.claims, near[d])));
  return found.facts;
}

/** The sentences of an article just under the claim threshold (none in a skipped or foreign article, which have no claims). */
export function nearClaimsOf({ doc, result }: Pick<Input, 'doc' | 'result'>): Claim[] {
  if (result.skipped || (result.language && result.language !== 'en' && result.language !== 'und')) return [];
  return findClaims(doc, result.entities, result.boilerplate, CORROBORATED_THRESHOLD, CLAIM_THRESHOLD);
}

/** A claim cut at markup a reader does not see (Markdown emphasis, links): how many pieces, the first, and its words as read. */
interface Split {
  pieces: number;
  head?: { start: number; end: number };
  reader: string;
}

/** What the facts mean for one article's claims. */
export interface FactsFound {
  facts: Fact[];
  /** The article's claims with the sentences just under the threshold that became claims, each pointing at its first fact. */
  claimsOf<C extends Claim | Claim[]>(d: number, claims: readonly C[], near: readonly C[]): C[];
}

/**
 * The facts step, one article at a time: each article's claims are read into term ids, passages and figure slots
 * as it is added, and nothing else of it is kept (the facts read their claims' words back through `source` at the
 * end). What it holds grows with the claims: about 20 bytes a claim, 4 bytes a term, a small object a figure.
 */
export class FactsCollector {
  private readonly space: TermSpace = { vocabulary: new Vocabulary(), sets: new TermSets(), weights: new TermWeights() };
  private readonly claimDoc = new Ints();
  private readonly claimStart = new Ints();
  private readonly claimEnd = new Ints();
  private readonly claimNear = new Ints();
  private readonly claimTerms = new Ints();
  private readonly passageDoc = new Ints();
  private readonly passageClaim = new Ints();
  private readonly passageTerms = new Ints();
  private readonly slots: Slot[] = [];
  private readonly splits = new Map<number, Split>();

  constructor(private readonly demonyms: Map<string, string>) {}

  /**
   * Article d's claims and the sentences just under the threshold (`near`). With `pieces` (each claim's and near
   * sentence's pieces as cut at markup, in that order), each fact names a cut claim by its first piece.
   */
  add(d: number, input: Input, near: readonly Claim[], pieces?: readonly (readonly Claim[])[]): void {
    const { doc, result, articleDate } = input;
    const { vocabulary, sets, weights } = this.space;
    const own = articleDate ? articleDate.toISOString().slice(0, 10) : undefined;
    const all = [...result.claims, ...near];
    all.forEach((claim, k) => {
      const c = this.claimDoc.length;
      this.claimDoc.push(d);
      this.claimStart.push(claim.start);
      this.claimEnd.push(claim.end);
      this.claimNear.push(k < result.claims.length ? 0 : 1);
      const seq = termSequence(doc, claim, result.entities, this.demonyms);
      const ids = [...new Set(seq.map((x) => x.t))].map((t) => vocabulary.id(t));
      const terms = sets.add(ids);
      this.claimTerms.push(terms);
      weights.add(ids);
      for (const passage of passagesOf(seq)) {
        this.passageDoc.push(d);
        this.passageClaim.push(c);
        this.passageTerms.push(sets.add([...passage].map((t) => vocabulary.id(t))));
      }
      for (const slot of slotsOf(d, input, claim, c, terms, this.demonyms, own, this.space)) this.slots.push(slot);
      const cut = pieces?.[k];
      if (cut && (cut.length !== 1 || cut[0] !== claim)) {
        this.splits.set(c, { pieces: cut.length, head: cut[0] && { start: cut[0].start, end: cut[0].end }, reader: detached(readerText(doc.source, doc.hidden, claim)) });
      }
    });
  }

  /** The facts across the articles added; `source` gives an article's text back (to quote the claims of facts). */
  *facts(read: { path(d: number): string; source(d: number): string }): Generator<void, FactsFound> {
    const { vocabulary, sets, weights } = this.space;
    vocabulary.freeze();
    weights.freeze(vocabulary.size);
    sets.index(vocabulary.size);
    const space = this.space;
    const slots = this.slots;
    // A sentence under the claim threshold counts as corroborated only by one about the same actors: sharing
    // wording alone, formulas (`did not immediately respond to requests for comment`) and stock phrases would link.
    const corroborated = (a: number, b: number) => (!this.claimNear.get(a) && !this.claimNear.get(b)) || sharedNames(sets, this.claimTerms.get(a), this.claimTerms.get(b), vocabulary) >= 2;
    const link = (a: Slot, b: Slot) => slotsLink(a, b, space) && corroborated(a.claim, b.claim);
    const slotKeys = { count: slots.length, size: (i: number) => sets.size(slots[i].context) + 1, term: (i: number, k: number) => (k < sets.size(slots[i].context) ? sets.at(slots[i].context, k) : slots[i].key) };
    const groups = (yield* clusterItems({ keys: slotKeys, docOf: (i) => slots[i].doc, link: (x, y) => link(slots[x], slots[y]), sim: (x, y) => weightedJaccard(sets, slots[x].context, slots[y].context, weights) })).map((g) => g.map((i) => slots[i]));

    // What claims state beyond their figures: passages of different articles worded alike. A long sentence
    // has several passages, so it can hold several facts; a fact adds nothing when its claims are all in one
    // already found.
    const passage = (p: number) => ({ doc: this.passageDoc.get(p), terms: this.passageTerms.get(p) });
    const wordingLink = (p: number, q: number) => passagesLink(passage(p), passage(q), space) && corroborated(this.passageClaim.get(p), this.passageClaim.get(q));
    const passageKeys = { count: this.passageTerms.length, size: (p: number) => sets.size(this.passageTerms.get(p)), term: (p: number, k: number) => sets.at(this.passageTerms.get(p), k) };
    const passageGroups = yield* clusterItems({ keys: passageKeys, docOf: (p) => this.passageDoc.get(p), link: wordingLink, sim: (p, q) => weightedJaccard(sets, this.passageTerms.get(p), this.passageTerms.get(q), weights) }, 2);
    // What a fact's articles share: the terms two of its linked members have in common.
    const gistOf = <T>(group: T[], docOf: (x: T) => number, termsOf: (x: T) => number, linked: (a: T, b: T) => boolean) => {
      const gist = new Set<number>();
      for (const a of group) for (const b of group) {
        if (docOf(a) >= docOf(b) || !linked(a, b)) continue;
        sets.markB(termsOf(b));
        for (let k = 0, n = sets.size(termsOf(a)); k < n; k++) if (sets.inB(sets.at(termsOf(a), k))) gist.add(sets.at(termsOf(a), k));
      }
      return gist;
    };
    const found = groups.map((g) => ({ keys: new Set(g.map((s) => s.claim)), gist: gistOf(g, (s) => s.doc, (s) => s.context, link), worded: false }));
    const worded = passageGroups.map((g) => ({ keys: new Set(g.map((p) => this.passageClaim.get(p))), gist: gistOf(g, (p) => this.passageDoc.get(p), (p) => this.passageTerms.get(p), wordingLink) }));
    worded.sort((a, b) => b.keys.size - a.keys.size);
    // The facts found so far by each of their claims: a fact that holds every claim of a group holds its first one.
    const foundByKey = new Map<number, (typeof found)[number][]>();
    const remember = (f: (typeof found)[number]) => {
      for (const k of f.keys) pushTo(foundByKey, k, f);
    };
    found.forEach(remember);
    const wordedClaims: number[][] = [];
    for (const { keys, gist } of worded) {
      // Already said: the same claims, sharing no rare word the fact found had not (another part of the sentences is
      // another fact); or the very claims of a fact found by wording (other passages of the same two long sentences:
      // a reader would see the same statement twice).
      const what = [...gist].filter((t) => !vocabulary.isName(t) && !vocabulary.isDate(t) && weights.rare(t));
      const [first] = keys;
      const said = (foundByKey.get(first) ?? []).some((f) => [...keys].every((k) => f.keys.has(k)) && (what.every((t) => f.gist.has(t)) || (f.worded && f.keys.size === keys.size)));
      if (said) continue;
      const fact = { keys, gist, worded: true };
      found.push(fact);
      remember(fact);
      // The group's claims in the order of its passages (a Set keeps the first place of each).
      wordedClaims.push([...keys]);
    }
    const text = yield* this.texts(groups, wordedClaims, read.source);
    const claimsRead: ClaimsRead = { path: read.path, start: (c) => this.claimStart.get(c), end: (c) => this.claimEnd.get(c), text: (c) => text.get(c)!, label: (s) => s.label ?? text.get(s)! };
    const facts = groups.map((group) => factFromSlots(group, claimsRead, link));
    const claimOf = new Map<Fact['claims'][number], number>();
    facts.forEach((f, i) => {
      // factFromSlots lists a group's claims in the order of their first slot.
      const claims = [...new Set(groups[i].map((s) => s.claim))];
      f.claims.forEach((ref, k) => claimOf.set(ref, claims[k]));
    });
    for (const claims of wordedClaims) {
      const statement = claims.map((c) => text.get(c)!).sort((a, b) => a.length - b.length)[0];
      const path = (c: number) => read.path(this.claimDoc.get(c));
      const fact: Fact = {
        id: `fact-${hash(claims.map((c) => `${path(c)}:${text.get(c)}`).sort().join('|') + ':wording').slice(0, 10)}`,
        statement,
        claims: claims.map((c) => ({ path: path(c), start: this.claimStart.get(c), end: this.claimEnd.get(c), text: text.get(c)! })),
        consistent: true,
        discrepancy: null,
      };
      fact.claims.forEach((ref, k) => claimOf.set(ref, claims[k]));
      facts.push(fact);
    }
    return this.outcome(facts, claimOf);
  }

  /** The words of the claims and figures the facts name, read back from their articles one article at a time. */
  private *texts(groups: Slot[][], wordedClaims: number[][], source: (d: number) => string): Generator<void, Map<number | Slot, string>> {
    const wanted = new Map<number, (number | Slot)[]>();
    for (const s of groups.flat()) {
      pushTo(wanted, s.doc, s.claim);
      if (s.label === undefined) pushTo(wanted, s.doc, s);
    }
    for (const c of wordedClaims.flat()) pushTo(wanted, this.claimDoc.get(c), c);
    const text = new Map<number | Slot, string>();
    for (const d of [...wanted.keys()].sort((a, b) => a - b)) {
      const src = source(d);
      for (const x of wanted.get(d)!) {
        if (text.has(x)) continue;
        text.set(x, detached(typeof x === 'number' ? src.slice(this.claimStart.get(x), this.claimEnd.get(x)) : src.slice(x.number!.start, x.number!.end)));
      }
      yield;
    }
    return text;
  }

  /**
   * Each claim points at the first fact that holds it (in the order facts were found); a sentence just under the
   * threshold that a fact holds is a claim. A fact names a claim cut at markup by its first piece, with the words a
   * reader reads (when the article's claims were cut at all).
   */
  private outcome(facts: Fact[], claimOf: Map<Fact['claims'][number], number>): FactsFound {
    const factOf = new Map<number, string>();
    for (const f of facts) for (const ref of f.claims) if (!factOf.has(claimOf.get(ref)!)) factOf.set(claimOf.get(ref)!, f.id);
    if (this.splits.size) {
      const cutDocs = new Map<number, boolean>();
      const isCut = (d: number) => {
        let cut = cutDocs.get(d);
        if (cut !== undefined) return cut;
        let whole = 0;
        let pieces = 0;
        for (let c = this.firstClaim(d); c < this.claimDoc.length && this.claimDoc.get(c) === d; c++) {
          if (this.claimNear.get(c) && !factOf.has(c)) continue;
          whole++;
          pieces += this.splits.get(c)?.pieces ?? 1;
        }
        cutDocs.set(d, (cut = whole !== pieces));
        return cut;
      };
      for (const [ref, c] of claimOf) {
        const split = this.splits.get(c);
        if (!split?.head || !isCut(this.claimDoc.get(c))) continue;
        if (ref.text !== undefined) ref.text = split.reader;
        ref.start = split.head.start;
        ref.end = split.head.end;
      }
    }
    const starts = (d: number) => {
      const out = new Map<number, number>();
      for (let c = this.firstClaim(d); c < this.claimDoc.length && this.claimDoc.get(c) === d; c++) out.set(this.claimStart.get(c), c);
      return out;
    };
    const startOf = (x: Claim | Claim[]) => (Array.isArray(x) ? (x[0]?.partOf?.start ?? x[0]?.start) : x.start);
    return {
      facts: facts.sort((a, b) => Number(a.consistent) - Number(b.consistent) || b.claims.length - a.claims.length),
      claimsOf: (d, claims, near) => {
        const numbered = starts(d);
        const factId = (x: Claim | Claim[]) => factOf.get(numbered.get(startOf(x)!)!);
        const promoted = near.filter((x) => factId(x) !== undefined);
        const out = [...claims, ...promoted].sort((a, b) => startOf(a)! - startOf(b)!);
        for (const x of out) {
          const id = factId(x);
          if (id !== undefined) for (const piece of Array.isArray(x) ? x : [x]) if (!piece.factId) piece.factId = id;
        }
        return out;
      },
    };
  }

  /** The first claim of article d (claims are numbered article by article). */
  private firstClaim(d: number): number {
    let lo = 0;
    let hi = this.claimDoc.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.claimDoc.get(mid) < d) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
