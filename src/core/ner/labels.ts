/** Entity types and the BILOU label set used by the tagger. */

export type NerType = 'PER' | 'ORG' | 'LOC' | 'MISC';

export const NER_TYPES: readonly NerType[] = ['PER', 'ORG', 'LOC', 'MISC'];

/**
 * Label encoding: BILOU (B-egin, I-nside, L-ast, U-nit) per type, plus O.
 * Label index = 0 for O, else 1 + typeIndex * 4 + part (B=0, I=1, L=2, U=3).
 */
export const PART_B = 0;
export const PART_I = 1;
export const PART_L = 2;
export const PART_U = 3;

export function labelNames(types: readonly string[]): string[] {
  const out = ['O'];
  for (const t of types) for (const p of ['B', 'I', 'L', 'U']) out.push(`${p}-${t}`);
  return out;
}

export function labelType(label: number): number {
  return label === 0 ? -1 : (label - 1) >> 2;
}

export function labelPart(label: number): number {
  return label === 0 ? -1 : (label - 1) & 3;
}

export function makeLabel(typeIndex: number, part: number): number {
  return 1 + typeIndex * 4 + part;
}

/**
 * Whether label `b` may follow label `a` (a = -1 for sentence start).
 * Used as hard constraints in decoding.
 */
export function allowedTransition(a: number, b: number): boolean {
  const aOpen = a > 0 && (labelPart(a) === PART_B || labelPart(a) === PART_I);
  const bCont = b > 0 && (labelPart(b) === PART_I || labelPart(b) === PART_L);
  if (aOpen) return bCont && labelType(a) === labelType(b);
  return !bCont;
}

/** Whether label `a` may end a sentence. */
export function allowedEnd(a: number): boolean {
  return !(a > 0 && (labelPart(a) === PART_B || labelPart(a) === PART_I));
}

/** BILOU labels for one sentence from entity spans over token indices. */
export function spansToLabels(n: number, spans: readonly { start: number; end: number; type: number }[]): Int8Array {
  const y = new Int8Array(n);
  for (const s of spans) {
    if (s.end - s.start === 1) y[s.start] = makeLabel(s.type, PART_U);
    else {
      y[s.start] = makeLabel(s.type, PART_B);
      for (let i = s.start + 1; i < s.end - 1; i++) y[i] = makeLabel(s.type, PART_I);
      y[s.end - 1] = makeLabel(s.type, PART_L);
    }
  }
  return y;
}

/** Entity spans over token indices from a (valid or not) BILOU label sequence. */
export function labelsToSpans(y: ArrayLike<number>): { start: number; end: number; type: number }[] {
  const out: { start: number; end: number; type: number }[] = [];
  let start = -1;
  let type = -1;
  for (let i = 0; i < y.length; i++) {
    const l = y[i];
    const t = labelType(l);
    const p = labelPart(l);
    if (l === 0) {
      if (start >= 0) out.push({ start, end: i, type });
      start = -1;
      continue;
    }
    if (p === PART_B || p === PART_U || start < 0 || t !== type) {
      if (start >= 0) out.push({ start, end: i, type });
      start = i;
      type = t;
    }
    if (p === PART_L || p === PART_U) {
      out.push({ start, end: i + 1, type });
      start = -1;
    }
  }
  if (start >= 0) out.push({ start, end: y.length, type });
  return out;
}
