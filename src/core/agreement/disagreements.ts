import type { Annotation } from '../sidecar/model';
import { annotatorSet } from './agree';

/**
 * One place where two annotators of the same article disagree, for adjudication: a span only one of them has (or
 * rejected), or the same span with another type, speaker or tags. Taking a side turns one annotation into the other.
 */
export interface Disagreement {
  /** Stable within one comparison: kind and span. */
  key: string;
  kind: Annotation['kind'];
  start: number;
  end: number;
  exact: string;
  /** What differs, in words: `only mine`, `only theirs`, `type`, `speaker`, `tags` (several joined by `, `). */
  what: string;
  mine?: Annotation;
  theirs?: Annotation;
}

const spanKey = (a: Annotation) => `${a.kind}:${a.target.start}:${a.target.end}`;
const sameTags = (a: Annotation, b: Annotation) => [...a.tags].sort().join('\u0000') === [...b.tags].sort().join('\u0000');

/** The disagreements between two annotators' annotations of one article (both placed in the same text), in text order. */
export function disagreements(mine: readonly Annotation[], theirs: readonly Annotation[]): Disagreement[] {
  const a = new Map(annotatorSet({ annotations: [...mine] }).map((x) => [spanKey(x), x]));
  const b = new Map(annotatorSet({ annotations: [...theirs] }).map((x) => [spanKey(x), x]));
  const out: Disagreement[] = [];
  const push = (key: string, x: Annotation, what: string, m?: Annotation, t?: Annotation) =>
    out.push({ key, kind: x.kind, start: x.target.start, end: x.target.end, exact: x.target.exact, what, ...(m ? { mine: m } : {}), ...(t ? { theirs: t } : {}) });
  for (const [key, m] of a) {
    const t = b.get(key);
    if (!t) {
      push(key, m, 'only mine', m);
      continue;
    }
    const differs = [
      ...(m.kind === 'entity' && m.type !== t.type ? ['type'] : []),
      ...(m.kind === 'quote' && (m.speaker ?? null) !== (t.speaker ?? null) ? ['speaker'] : []),
      ...(!sameTags(m, t) ? ['tags'] : []),
      ...(m.kind === 'claim' && (m.verdict ?? null) !== (t.verdict ?? null) ? ['verdict'] : []),
    ];
    if (differs.length) push(key, m, differs.join(', '), m, t);
  }
  for (const [key, t] of b) if (!a.has(key)) push(key, t, 'only theirs', undefined, t);
  return out.sort((x, y) => x.start - y.start || x.end - y.end || x.key.localeCompare(y.key));
}

/**
 * My annotation after taking their side of one disagreement (to store in place of mine, by id): their fields on my
 * annotation of the same span (my id kept; one I had rejected counts), their annotation where I had none, or mine
 * rejected where they had none. A decision, stamped `now`.
 */
export function takeTheirs(mine: readonly Annotation[], d: Disagreement, now: string): Annotation {
  const same = d.mine ?? mine.find((a) => spanKey(a) === d.key);
  if (d.theirs) {
    const { id: _id, created: _created, ...fields } = d.theirs;
    const base = same ?? d.theirs;
    return { ...base, ...fields, id: base.id, created: base.created, origin: 'user', status: 'accepted', orphaned: undefined, modified: now };
  }
  return { ...same!, status: 'rejected', modified: now };
}
