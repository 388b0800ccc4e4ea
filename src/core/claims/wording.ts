/** What claims state in words: their terms (names as entities, demonyms as places, concept stems), the words around a figure, and passages of claims compared by wording. */
import type { Claim, EntityMention } from '../contract';
import type { ArticleDocument } from '../document';
import type { TermSets, Vocabulary } from './term-sets';
import { eachPartStem, eachWord, stem, termsOf } from './terms';
import { weightedJaccard, type TermWeights } from './weights';

const WINDOW = 60; // characters each side of a figure that describe what it counts
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
export function demonymsOf(results: Iterable<{ entities: readonly Pick<EntityMention, 'type' | 'text' | 'entityId'>[] }>): Map<string, string> {
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

export function contextOf(doc: ArticleDocument, claim: Claim, start: number, end: number, entities: readonly EntityMention[], demonyms: Map<string, string>): Set<string> {
  const from = Math.max(claim.start, start - WINDOW);
  const to = Math.min(claim.end, end + WINDOW);
  // Names count once, as their entity: their words are blanked before the wording is read, and
  // demonyms (`Russian troops`) stand for their place.
  const blank = new Blanks(from, to);
  const terms = new Set<string>();
  for (const e of entities) {
    if (e.start < from || e.end > to || !(e.type === 'PERSON' || e.type === 'ORG' || e.type === 'PLACE')) continue;
    terms.add(e.entityId);
    blank.add(e.start, e.end);
  }
  blank.add(start, end);
  const around = blank.apply(doc.text).replace(/\b[A-Z][a-z]+\b/g, (w) => {
    const place = demonyms.get(w.toLowerCase());
    if (!place) return w;
    terms.add(place);
    return ' ';
  });
  for (const t of termsOf(around)) terms.add(t);
  return terms;
}

/** How many names (entities, places a demonym points at) two sets of terms share. */
export function sharedNames(sets: TermSets, a: number, b: number, vocabulary: Vocabulary): number {
  sets.markB(b);
  let n = 0;
  for (let k = 0, size = sets.size(a); k < size; k++) {
    const t = sets.at(a, k);
    if (vocabulary.isName(t) && sets.inB(t)) n++;
  }
  return n;
}

/**
 * A claim's terms in reading order: names as their entity, demonyms as their place, dates as their
 * value (`@2021-12-30`), a counted noun as its concept, other words as concept stems; stopwords dropped.
 */
export function termSequence(doc: ArticleDocument, claim: Claim, entities: readonly EntityMention[], demonyms: Map<string, string>): { t: string; at: number }[] {
  const out: { t: string; at: number }[] = [];
  const blank = new Blanks(claim.start, claim.end);
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
    blank.add(e.start, e.end);
    // A person's title or role just before the name (`White House press secretary`, `Democratic presidential
    // nominee`) describes who speaks, not what is stated: it is read as part of the name.
    if (e.type === 'PERSON') {
      const before = doc.text.slice(claim.start, e.start);
      const title = TITLE_BEFORE_NAME.exec(before);
      if (title) blank.add(e.start - title[0].length, e.start);
    }
  }
  eachWord(blank.apply(doc.text), (word, index) => {
    const w = word.toLowerCase();
    const at = claim.start + index;
    const first = word.charCodeAt(0);
    if (first >= 65 && first <= 90) {
      const place = demonyms.get(w);
      if (place) return void out.push({ t: place, at });
    }
    eachPartStem(w, (t) => out.push({ t, at }));
  });
  return out.sort((a, b) => a.at - b.at);
}

const ROLE = String.raw`(?:[A-Z][\w.’'-]*|president|presidential|vice|nominee|candidate|secretary|press|spokes(?:man|woman|person)|minister|advis[eo]r|chair(?:man|woman)?|director|senator|governor|mayor|leader|officials?|former|deputy|chief|counterpart|commissioner|officer|judge|ambassador|general|host|moderator|rival|running mate|aide|lawyer|attorney|economist|analyst|co-founder|founder|head|executive|correspondent|editor|reporter)`;
/** The run of title and role words right before a name (`Russian President`, `press secretary`, `Republican nominee`). */
const TITLE_BEFORE_NAME = new RegExp(String.raw`(?:${ROLE}\s+){1,5}$`);

/** Overlapping passages of a claim's terms: a short claim is one passage, a long one several. */
export function passagesOf(seq: readonly { t: string }[]): Set<string>[] {
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

/** What passagesLink compares: terms (a set in `TermSets`) and the article they come from. */
export interface Worded {
  doc: number;
  terms: number;
}

/** The terms the analysis compares claims by, as ids, with their weights. */
export interface TermSpace {
  vocabulary: Vocabulary;
  sets: TermSets;
  weights: TermWeights;
}

/**
 * Whether two passages of different articles state the same thing: worded alike (weighted), sharing at
 * least three terms of which one is a rare word that is not a name (what happened, not only who).
 */
export function passagesLink(a: Worded, b: Worded, { vocabulary, sets, weights }: TermSpace): boolean {
  if (a.doc === b.doc) return false;
  let shared = 0;
  let rareWords = 0;
  let rareNames = 0;
  sets.markB(b.terms);
  for (let k = 0, size = sets.size(a.terms); k < size; k++) {
    const t = sets.at(a.terms, k);
    if (!sets.inB(t)) continue;
    shared++;
    if (!weights.rare(t) || vocabulary.isDate(t)) continue;
    if (vocabulary.isName(t)) rareNames++;
    else rareWords++;
  }
  if (shared < 3) return false;
  const wj = weightedJaccard(sets, a.terms, b.terms, weights);
  // What happened must be shared, not only who: two rare words, or a rare word and two rare names; or nearly the same wording.
  return wj >= NEAR_SAME_WORDING || (wj >= WORDING && (rareWords >= 2 || (rareWords >= 1 && rareNames >= 2)));
}

/**
 * The text from `from` to `to` with some spans of it blanked out (each unit a space, so offsets stay): built from slices
 * rather than an array of single characters, which the facts step made for every claim.
 */
class Blanks {
  private readonly marked: Uint8Array;
  constructor(private readonly from: number, private readonly to: number) {
    this.marked = new Uint8Array(Math.max(0, to - from));
  }
  /** Blanks [start, end), clipped to the text. */
  add(start: number, end: number): void {
    this.marked.fill(1, Math.max(0, start - this.from), Math.max(0, Math.min(end, this.to) - this.from));
  }
  apply(text: string): string {
    const { marked, from } = this;
    let out = '';
    for (let i = 0; i < marked.length; ) {
      let j = i + 1;
      while (j < marked.length && marked[j] === marked[i]) j++;
      out += marked[i] ? ' '.repeat(j - i) : text.slice(from + i, from + j);
      i = j;
    }
    return out;
  }
}
