import { ENTITY_TYPES, type EntityType } from '../contract';
import type { Annotation, Sidecar } from '../sidecar/model';
import { addPairs, alphaNominal, type Coincidences } from './alpha';

/** One annotator's work on one article: the sidecar as they left it. */
export interface AnnotatorArticle {
  path: string;
  sidecar: Sidecar;
}

export interface SpanAgreement {
  /** How many spans each annotator has. */
  a: number;
  b: number;
  /** Pairs with the same start, end (and type); F1 = 2 × matched / (a + b). */
  matched: number;
  f1: number | null;
  /** Pairs that overlap (with the same type), matched one to one, left to right. */
  overlapMatched: number;
  overlapF1: number | null;
}

export interface EntityAgreement extends SpanAgreement {
  /** Krippendorff's alpha, nominal over characters: each character is this type or not, for each annotator. */
  alpha: number | null;
}

export interface Agreement {
  articles: number;
  /** Articles only one side has a sidecar for (left out of every figure). */
  unmatched: string[];
  entities: Record<EntityType | 'all', EntityAgreement>;
  quotes: SpanAgreement & {
    /** Over quote pairs matched by overlap where both name a speaker: the share naming the same one (case and spaces folded). */
    speaker: { compared: number; agreed: number; agreement: number | null };
    /** Cohen's kappa over quotes both marked, each tag a yes/no decision per quote; `all` pools every tag. */
    tags: { compared: number; kappa: Record<string, number | null> };
  };
  /** How alpha is computed, said in the output so nobody has to guess. */
  alphaMethod: string;
}


/** An annotator's set: what they did not reject and what still stands in the text (suggestions left standing count). */
export function annotatorSet(s: Pick<Sidecar, 'annotations'>): Annotation[] {
  return s.annotations.filter((a) => a.status !== 'rejected' && !a.orphaned);
}

const f1 = (m: number, a: number, b: number) => (a + b ? (2 * m) / (a + b) : null);

/** One-to-one pairs of overlapping spans, greedily left to right (both lists sorted by start). */
function overlapPairs<T extends Annotation>(a: readonly T[], b: readonly T[], same: (x: T, y: T) => boolean): [T, T][] {
  const used = new Set<number>();
  const pairs: [T, T][] = [];
  for (const x of a) {
    let best = -1;
    let bestOverlap = 0;
    for (let j = 0; j < b.length; j++) {
      const y = b[j];
      if (used.has(j) || !same(x, y)) continue;
      const overlap = Math.min(x.target.end, y.target.end) - Math.max(x.target.start, y.target.start);
      if (overlap > bestOverlap) {
        best = j;
        bestOverlap = overlap;
      }
    }
    if (best >= 0) {
      used.add(best);
      pairs.push([x, b[best]]);
    }
  }
  return pairs;
}

function spanAgreement(a: readonly Annotation[], b: readonly Annotation[], same: (x: Annotation, y: Annotation) => boolean): SpanAgreement & { pairs: [Annotation, Annotation][] } {
  const key = (x: Annotation) => `${x.target.start}:${x.target.end}`;
  const bKeys = new Map<string, Annotation[]>();
  for (const y of b) bKeys.set(key(y), [...(bKeys.get(key(y)) ?? []), y]);
  let matched = 0;
  for (const x of a) {
    const ys = bKeys.get(key(x)) ?? [];
    const i = ys.findIndex((y) => same(x, y));
    if (i >= 0) {
      matched++;
      ys.splice(i, 1);
    }
  }
  const pairs = overlapPairs(a, b, same);
  return { a: a.length, b: b.length, matched, f1: f1(matched, a.length, b.length), overlapMatched: pairs.length, overlapF1: f1(pairs.length, a.length, b.length), pairs };
}

function addSpans(x: SpanAgreement, y: SpanAgreement): SpanAgreement {
  const a = x.a + y.a;
  const b = x.b + y.b;
  const matched = x.matched + y.matched;
  const overlapMatched = x.overlapMatched + y.overlapMatched;
  return { a, b, matched, f1: f1(matched, a, b), overlapMatched, overlapF1: f1(overlapMatched, a, b) };
}

const zero = (): SpanAgreement => ({ a: 0, b: 0, matched: 0, f1: null, overlapMatched: 0, overlapF1: null });

/** Characters of [0, length) that the spans cover, as a bitmap. */
function coverage(length: number, spans: readonly Annotation[]): Uint8Array {
  const covered = new Uint8Array(length);
  for (const s of spans) covered.fill(1, Math.max(0, s.target.start), Math.min(length, s.target.end));
  return covered;
}

/** Cohen's kappa of two yes/no raters over the same items; null when chance agreement is total. */
export function cohensKappa(pairs: readonly [boolean, boolean][]): number | null {
  if (!pairs.length) return null;
  const n = pairs.length;
  const observed = pairs.filter(([x, y]) => x === y).length / n;
  const pa = pairs.filter(([x]) => x).length / n;
  const pb = pairs.filter(([, y]) => y).length / n;
  const expected = pa * pb + (1 - pa) * (1 - pb);
  return expected === 1 ? null : (observed - expected) / (1 - expected);
}

const speakerKey = (s: string) => s.toLowerCase().replace(/[.\s]+/g, ' ').trim();

/**
 * How far two annotators agree on the same articles: per entity type (exact and overlap F1, alpha over characters),
 * quotes (span F1, speakers), and tags on the quotes both marked (Cohen's kappa).
 */
export function agreement(sideA: readonly AnnotatorArticle[], sideB: readonly AnnotatorArticle[]): Agreement {
  const bByPath = new Map(sideB.map((x) => [x.path, x]));
  const aPaths = new Set(sideA.map((x) => x.path));
  const unmatched = [...sideA.filter((x) => !bByPath.has(x.path)).map((x) => x.path), ...sideB.filter((x) => !aPaths.has(x.path)).map((x) => x.path)].sort();
  const perType = new Map<EntityType, SpanAgreement>(ENTITY_TYPES.map((t) => [t, zero()]));
  const alphaOf = new Map<EntityType | 'all', Coincidences>([...ENTITY_TYPES, 'all' as const].map((t) => [t, new Map()]));
  let quotes = zero();
  let speakerCompared = 0;
  let speakerAgreed = 0;
  const quotePairs: [Annotation, Annotation][] = [];
  let articles = 0;
  for (const x of sideA) {
    const y = bByPath.get(x.path);
    if (!y) continue;
    articles++;
    const a = annotatorSet(x.sidecar).sort((p, q) => p.target.start - q.target.start);
    const b = annotatorSet(y.sidecar).sort((p, q) => p.target.start - q.target.start);
    const length = Math.max(x.sidecar.document.length, y.sidecar.document.length, ...a.map((s) => s.target.end), ...b.map((s) => s.target.end));
    const allA: Annotation[] = [];
    const allB: Annotation[] = [];
    for (const t of ENTITY_TYPES) {
      const ea = a.filter((s) => s.kind === 'entity' && s.type === t);
      const eb = b.filter((s) => s.kind === 'entity' && s.type === t);
      allA.push(...ea);
      allB.push(...eb);
      const { pairs: _, ...s } = spanAgreement(ea, eb, () => true);
      perType.set(t, addSpans(perType.get(t)!, s));
      countCharacters(alphaOf.get(t)!, coverage(length, ea), coverage(length, eb), 'yes');
    }
    // All types at once: each character's label is its type (or none), so a retyped name counts as a disagreement.
    countTyped(alphaOf.get('all')!, length, allA, allB);
    const qa = a.filter((s) => s.kind === 'quote');
    const qb = b.filter((s) => s.kind === 'quote');
    const { pairs, ...qs } = spanAgreement(qa, qb, () => true);
    quotes = addSpans(quotes, qs);
    quotePairs.push(...pairs);
    for (const [p, q] of pairs) {
      if (!p.speaker || !q.speaker) continue;
      speakerCompared++;
      if (speakerKey(p.speaker) === speakerKey(q.speaker)) speakerAgreed++;
    }
  }
  const entities = {} as Record<EntityType | 'all', EntityAgreement>;
  let all = zero();
  for (const t of ENTITY_TYPES) {
    entities[t] = { ...perType.get(t)!, alpha: alphaNominal(alphaOf.get(t)!) };
    all = addSpans(all, perType.get(t)!);
  }
  entities.all = { ...all, alpha: alphaNominal(alphaOf.get('all')!) };
  const tags = [...new Set(quotePairs.flatMap(([p, q]) => [...p.tags, ...q.tags]))].sort();
  const kappa: Record<string, number | null> = {};
  for (const tag of tags) kappa[tag] = cohensKappa(quotePairs.map(([p, q]) => [p.tags.includes(tag), q.tags.includes(tag)]));
  kappa.all = cohensKappa(tags.flatMap((tag) => quotePairs.map(([p, q]) => [p.tags.includes(tag), q.tags.includes(tag)] as [boolean, boolean])));
  return {
    articles,
    unmatched,
    entities,
    quotes: { ...quotes, speaker: { compared: speakerCompared, agreed: speakerAgreed, agreement: speakerCompared ? speakerAgreed / speakerCompared : null }, tags: { compared: quotePairs.length, kappa } },
    alphaMethod: 'Krippendorff\'s alpha, nominal, over the characters of the articles both annotated: per type, each character is of that type or not; for all, its label is the type of the entity covering it or none',
  };
}

/** Adds each character as a unit with two values: whether each annotator covered it (`label`) or not. */
function countCharacters(o: Coincidences, a: Uint8Array, b: Uint8Array, label: string): void {
  let both = 0;
  let onlyA = 0;
  let onlyB = 0;
  for (let i = 0; i < a.length; i++) {
    if (a[i] && b[i]) both++;
    else if (a[i]) onlyA++;
    else if (b[i]) onlyB++;
  }
  addPairs(o, label, label, both);
  addPairs(o, label, 'no', onlyA);
  addPairs(o, 'no', label, onlyB);
  addPairs(o, 'no', 'no', a.length - both - onlyA - onlyB);
}

function countTyped(o: Coincidences, length: number, a: readonly Annotation[], b: readonly Annotation[]): void {
  const label = (spans: readonly Annotation[]) => {
    const out = new Array<string>(length).fill('none');
    for (const s of spans) out.fill(s.type ?? 'none', Math.max(0, s.target.start), Math.min(length, s.target.end));
    return out;
  };
  const la = label(a);
  const lb = label(b);
  const counts = new Map<string, number>();
  for (let i = 0; i < length; i++) counts.set(`${la[i]}\u0000${lb[i]}`, (counts.get(`${la[i]}\u0000${lb[i]}`) ?? 0) + 1);
  for (const [k, n] of counts) {
    const [x, y] = k.split('\u0000');
    addPairs(o, x, y, n);
  }
}
