import type { DocumentResult } from '../contract';
import { describe, repeatsOf } from '../anchoring';
import { hash } from '../text/normalize';
import { isUserDecision, SIDECAR_VERSION, type Annotation, type Sidecar } from './model';
import { reanchorAnnotations } from './reanchor';

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

/** What a suggestion says, apart from where it is and when: two equal ones are the same suggestion. */
function suggestionContent(a: Annotation): string {
  return JSON.stringify([a.kind, a.origin, a.status, a.type ?? null, a.entityId ?? null, a.speaker ?? null, [...a.tags].sort(), a.note ?? null, a.mergedInto ?? null, a.target.exact, a.target.prefix, a.target.suffix]);
}

/**
 * Merges fresh suggestions with what the user decided before: every user decision is kept (it wins over
 * a suggestion at the same place); untouched old suggestions are replaced by the fresh ones.
 *
 * - A fresh suggestion is left out when a decision has its id, or marks the same place (same kind and
 *   offsets), or, for a plain quote or claim suggestion, overlaps a decision of the same kind (the
 *   user's version of that quote, re-anchored after an edit, may span a few characters more or less).
 *   Orphaned decisions hold no place: their offsets are stale.
 * - A fresh suggestion that the previous annotations already had (same id, same content) keeps its
 *   `created` and `modified` times, so re-analysing an unchanged article writes the same sidecar byte
 *   for byte; one whose content changed keeps `created` and gets the fresh `modified`.
 *
 * `previous` must be placed in the current text (see `placeAnnotations`).
 */
export function mergeAnnotations(fresh: readonly Annotation[], previous: readonly Annotation[]): Annotation[] {
  const kept = previous.filter(isUserDecision);
  const placed = kept.filter((a) => !a.orphaned);
  const taken = new Set(placed.map((a) => `${a.kind}:${a.target.start}:${a.target.end}`));
  const keptIds = new Set(kept.map((a) => a.id));
  const spans = placed.filter((a) => a.kind === 'quote' || a.kind === 'claim');
  const overlapsDecision = (a: Annotation) => (a.kind === 'quote' || a.kind === 'claim') && spans.some((d) => d.kind === a.kind && d.target.start < a.target.end && a.target.start < d.target.end);
  const before = new Map(previous.filter((a) => !isUserDecision(a)).map((a) => [a.id, a]));
  const out: Annotation[] = [...kept];
  for (const a of fresh) {
    if (taken.has(`${a.kind}:${a.target.start}:${a.target.end}`) || keptIds.has(a.id) || (!isUserDecision(a) && overlapsDecision(a))) continue;
    const old = before.get(a.id);
    if (!old || isUserDecision(a)) out.push(a);
    else if (suggestionContent(old) === suggestionContent(a)) out.push({ ...a, created: old.created, modified: old.modified });
    else out.push({ ...a, created: old.created });
  }
  return out;
}

/**
 * A sidecar's annotations placed in the article's current text, before anything else uses them: found
 * again with the re-anchoring engine `check` uses (those not found become orphans, never dropped), or
 * taken as they are when the text is the one the sidecar was written for. Merging fresh suggestions
 * with the result (`mergeAnnotations`) is what `analyze --write` does, so the order in which `check`
 * and `analyze --write` run, or whether `check` runs at all, makes no difference.
 */
export function placeAnnotations(text: string, sidecar: Pick<Sidecar, 'document' | 'annotations'>): Annotation[] {
  // A sidecar written by an older build may claim the current hash with stale offsets: each target is checked too.
  const inPlace = sidecar.document.hash === hash(text) && sidecar.annotations.every((a) => a.orphaned || text.slice(a.target.start, a.target.end) === a.target.exact);
  return inPlace ? sidecar.annotations : reanchorAnnotations(text, sidecar).annotations;
}

export function makeSidecar(path: string, text: string, annotations: Annotation[], recogniser: string, version: string): Sidecar {
  // (Left out when the text repeats nothing: re-anchoring then treats every repeat as a paste, as it
  // does without the field, and most sidecars stay as they were.)
  const repeats = repeatsOf(text);
  return {
    version: SIDECAR_VERSION,
    generator: { name: 'marginalia', version, recogniser },
    document: { path, length: text.length, hash: hash(text), ...(repeats ? { repeats } : {}) },
    annotations,
  };
}
