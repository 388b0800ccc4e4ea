import type { DocumentResult } from '../contract';
import { describe } from '../anchoring';
import { hash } from '../text/normalize';
import { isUserDecision, SIDECAR_VERSION, type Annotation, type Sidecar } from './model';

function targetOf(text: string, start: number, end: number): Annotation['target'] {
  const t = describe(text, start, end);
  return { start, end, exact: t.quote.exact, prefix: t.quote.prefix, suffix: t.quote.suffix };
}

/** A suggestion's id is derived from what it marks, so recomputing it gives the same id. */
function suggestionId(kind: string, text: string, start: number, end: number): string {
  const t = describe(text, start, end);
  return `${kind[0]}-${hash(`${kind}|${t.quote.prefix}|${t.quote.exact}|${t.quote.suffix}`).slice(0, 12)}`;
}

/** The machine's suggestions for an article, as sidecar annotations. */
export function suggestionsFor(text: string, result: DocumentResult, now: string): Annotation[] {
  const out: Annotation[] = [];
  for (const e of result.entities) {
    out.push({ id: suggestionId('entity', text, e.start, e.end), kind: 'entity', origin: 'suggested', status: 'suggested', type: e.type, entityId: e.entityId, tags: [], created: now, modified: now, target: targetOf(text, e.start, e.end) });
  }
  for (const q of result.quotes) {
    out.push({ id: suggestionId('quote', text, q.start, q.end), kind: 'quote', origin: 'suggested', status: 'suggested', speaker: q.speaker?.name ?? null, ...(q.speaker?.entityId ? { entityId: q.speaker.entityId } : {}), tags: [], created: now, modified: now, target: targetOf(text, q.start, q.end) });
  }
  for (const c of result.claims) {
    out.push({ id: suggestionId('claim', text, c.start, c.end), kind: 'claim', origin: 'suggested', status: 'suggested', tags: [], created: now, modified: now, target: targetOf(text, c.start, c.end) });
  }
  return out;
}

/**
 * Merges fresh suggestions with what the user decided before: every user decision is kept (it wins over
 * a suggestion at the same place); untouched old suggestions are replaced by the fresh ones.
 */
export function mergeAnnotations(fresh: readonly Annotation[], previous: readonly Annotation[]): Annotation[] {
  const kept = previous.filter(isUserDecision);
  const taken = new Set(kept.map((a) => `${a.kind}:${a.target.start}:${a.target.end}`));
  const keptIds = new Set(kept.map((a) => a.id));
  return [...kept, ...fresh.filter((a) => !taken.has(`${a.kind}:${a.target.start}:${a.target.end}`) && !keptIds.has(a.id))];
}

export function makeSidecar(path: string, text: string, annotations: Annotation[], recogniser: string, version: string): Sidecar {
  return {
    version: SIDECAR_VERSION,
    generator: { name: 'marginalia', version, recogniser },
    document: { path, length: text.length, hash: hash(text) },
    annotations,
  };
}
