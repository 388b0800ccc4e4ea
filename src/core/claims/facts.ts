import type { Claim, Fact } from '../contract';
import { hash } from '../text/normalize';
import { CLAIM_THRESHOLD, CORROBORATED_THRESHOLD, findClaims } from './claims';
import { clusterItems } from './cluster';
import { factFromSlots, slotsLink, slotsOf, type Input, type Slot } from './slots';
import { TermWeights, weightedJaccard } from './weights';
import { demonymsOf, isEntityTerm, passagesLink, passagesOf, sharedNames, termSequence, type Passage } from './wording';
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

/** buildFacts as resumable steps (it yields after each article's slots and through clustering). */
export function* buildFactsSteps(inputs: readonly Input[]): Generator<void, Fact[]> {
  const slots: Slot[] = [];
  const demonyms = demonymsOf(inputs.map((i) => i.result));
  const weights = new TermWeights();
  const passages: Passage[] = [];
  const near = inputs.map(nearClaimsOf);
  const termsOfClaim = new Map<Claim, Set<string>>();
  // A sentence under the claim threshold counts as corroborated only by one about the same actors: sharing
  // wording alone, formulas (`did not immediately respond to requests for comment`) and stock phrases would link.
  const nearSet = new Set(near.flat());
  const corroborated = (a: Claim, b: Claim) => (!nearSet.has(a) && !nearSet.has(b)) || sharedNames(termsOfClaim.get(a)!, termsOfClaim.get(b)!) >= 2;
  for (let d = 0; d < inputs.length; d++) {
    const { doc, result, articleDate } = inputs[d];
    const own = articleDate ? articleDate.toISOString().slice(0, 10) : undefined;
    for (const claim of [...result.claims, ...near[d]]) {
      const seq = termSequence(doc, claim, result.entities, demonyms);
      termsOfClaim.set(claim, new Set(seq.map((x) => x.t)));
      weights.add(seq.map((x) => x.t));
      for (const terms of passagesOf(seq)) passages.push({ doc: d, claim, terms });
      slots.push(...slotsOf(d, inputs[d], claim, termsOfClaim.get(claim)!, demonyms, own));
    }
    yield;
  }

  const link = (a: Slot, b: Slot) => slotsLink(a, b, weights) && corroborated(a.claim, b.claim);
  const groups = yield* clusterItems(slots, (s) => [...s.context, `=${s.kind}:${s.number ? s.number.value : s.date}`], link, (a, b) => weightedJaccard(a.context, b.context, weights));

  const facts: Fact[] = [];
  for (const group of groups) {
    if (new Set(group.map((s) => s.doc)).size < 2) continue;
    facts.push(factFromSlots(group, inputs, link));
  }

  // What claims state beyond their figures: passages of different articles worded alike. A long sentence
  // has several passages, so it can hold several facts; a fact adds nothing when its claims are all in one
  // already found.
  const wordingLink = (a: Passage, b: Passage) => passagesLink(a, b, weights) && corroborated(a.claim, b.claim);
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
    worded: false,
  }));
  const worded: { keys: Set<string>; gist: Set<string>; group: Passage[] }[] = [];
  for (const g of passageGroups) {
    if (new Set(g.map((p) => p.doc)).size < 2) continue;
    worded.push({ keys: new Set(g.map((p) => keyOf(p.doc, p.claim))), gist: gistOf(g, (p) => p.terms, wordingLink), group: g });
  }
  worded.sort((a, b) => b.keys.size - a.keys.size);
  // The facts found so far by each of their claims: a fact that holds every claim of a group holds its first one.
  const foundByKey = new Map<string, (typeof found)[number][]>();
  const remember = (f: (typeof found)[number]) => {
    for (const k of f.keys) pushTo(foundByKey, k, f);
  };
  found.forEach(remember);
  for (const { keys, gist, group } of worded) {
    // Already said: the same claims, sharing no rare word the fact found had not (another part of the sentences is
    // another fact); or the very claims of a fact found by wording (other passages of the same two long sentences:
    // a reader would see the same statement twice).
    const what = [...gist].filter((t) => !isEntityTerm(t) && !t.startsWith('@') && weights.rare(t));
    const [first] = keys;
    const said = (foundByKey.get(first) ?? []).some((f) => [...keys].every((k) => f.keys.has(k)) && (what.every((t) => f.gist.has(t)) || (f.worded && f.keys.size === keys.size)));
    if (said) continue;
    const fact = { keys, gist, worded: true };
    found.push(fact);
    remember(fact);
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

  // A sentence just under the claim threshold that another article states too is a claim.
  const docOf = new Map<string, number>();
  inputs.forEach((input, d) => {
    if (!docOf.has(input.result.path)) docOf.set(input.result.path, d);
  });
  for (const f of facts) {
    for (const ref of f.claims) {
      const d = docOf.get(ref.path) ?? -1;
      if (d < 0) continue;
      const at = near[d].findIndex((c) => c.start === ref.start);
      if (at < 0) continue;
      const claims = inputs[d].result.claims;
      const after = claims.findIndex((c) => c.start > ref.start);
      claims.splice(after < 0 ? claims.length : after, 0, near[d][at]);
      near[d].splice(at, 1);
    }
  }

  // Each claim points at the first fact that holds it.
  for (const f of facts) {
    for (const ref of f.claims) {
      const d = docOf.get(ref.path);
      const claim = d === undefined ? undefined : inputs[d].result.claims.find((c) => c.start === ref.start);
      if (claim && !claim.factId) claim.factId = f.id;
    }
  }
  return facts.sort((a, b) => Number(a.consistent) - Number(b.consistent) || b.claims.length - a.claims.length);
}

/** The sentences of an article just under the claim threshold (none in a skipped or foreign article, which have no claims). */
function nearClaimsOf({ doc, result }: Input): Claim[] {
  if (result.skipped || (result.language && result.language !== 'en' && result.language !== 'und')) return [];
  return findClaims(doc, result.entities, result.boilerplate, CORROBORATED_THRESHOLD, CLAIM_THRESHOLD);
}
