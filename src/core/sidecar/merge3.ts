import type { Annotation, Sidecar, SidecarConflict } from './model';

/**
 * One field of one annotation that the two sides changed differently since their common ancestor. The merged file
 * keeps `ours` in the annotation and records all three values in the sidecar's `conflicts`, so nothing is lost and
 * the file stays JSON.
 */
export type MergeConflict = SidecarConflict;

/** The fields merged one by one; `tags` merge as sets and `modified` takes the later time, so neither conflicts. */
const FIELDS = ['kind', 'origin', 'status', 'type', 'entityId', 'speaker', 'note', 'orphaned', 'mergedInto', 'verdict', 'created', 'target'] as const;

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Tags as sets: what both kept, plus what either side added; a tag one side removed is gone. */
function mergeTags(base: readonly string[], ours: readonly string[], theirs: readonly string[]): string[] {
  const b = new Set(base);
  const o = new Set(ours);
  const t = new Set(theirs);
  const out = new Set<string>();
  for (const tag of b) if (o.has(tag) && t.has(tag)) out.add(tag);
  for (const tag of o) if (!b.has(tag)) out.add(tag);
  for (const tag of t) if (!b.has(tag)) out.add(tag);
  return [...out].sort();
}

function mergeOne(base: Annotation | undefined, ours: Annotation, theirs: Annotation, conflicts: MergeConflict[]): Annotation {
  const merged: Record<string, unknown> = { ...ours };
  const b = (base ?? {}) as Record<string, unknown>;
  const o = ours as unknown as Record<string, unknown>;
  const t = theirs as unknown as Record<string, unknown>;
  for (const f of FIELDS) {
    if (same(o[f], t[f])) continue;
    if (base && same(o[f], b[f])) merged[f] = t[f];
    else if (base && same(t[f], b[f])) merged[f] = o[f];
    // Added on both sides with different values, or changed differently on each: ours stays, both are recorded.
    else conflicts.push({ id: ours.id, field: f, base: b[f], ours: o[f], theirs: t[f] });
  }
  merged.tags = mergeTags(base?.tags ?? [], ours.tags, theirs.tags);
  merged.modified = ours.modified >= theirs.modified ? ours.modified : theirs.modified;
  for (const k of Object.keys(merged)) if (merged[k] === undefined) delete merged[k];
  return merged as unknown as Annotation;
}

/**
 * Two annotations the annotators made by hand, each on their own branch, on the same text as the same thing: they
 * are one decision even though their ids differ (ids of hand-made annotations are not derived from content).
 */
const handKey = (a: Annotation) => (a.origin === 'user' ? JSON.stringify([a.kind, a.target.start, a.target.end, a.target.exact]) : '');

/**
 * A three-way merge of one article's sidecar, by annotation id and field (git's merge driver calls it with the common
 * ancestor, ours and theirs). A change made on one side wins; the same change on both sides is kept once; tags merge
 * as sets; a field changed differently on each side is a conflict. An annotation deleted on one side and changed on
 * the other is kept, as a conflict: a merge never drops a decision.
 */
export function mergeSidecars(base: Sidecar | null, ours: Sidecar, theirs: Sidecar): { sidecar: Sidecar; conflicts: MergeConflict[] } {
  const conflicts: MergeConflict[] = [...(ours.conflicts ?? []), ...(theirs.conflicts ?? [])];
  const baseById = new Map((base?.annotations ?? []).map((a) => [a.id, a]));
  const theirsById = new Map(theirs.annotations.map((a) => [a.id, a]));
  const oursHand = new Map(ours.annotations.filter((a) => handKey(a)).map((a) => [handKey(a), a]));
  // Their hand-made annotation that ours also made (same text, another id) merges into ours.
  for (const t of theirs.annotations) {
    const o = handKey(t) && !baseById.has(t.id) ? oursHand.get(handKey(t)) : undefined;
    if (o && o.id !== t.id && !theirsById.has(o.id)) {
      theirsById.delete(t.id);
      theirsById.set(o.id, { ...t, id: o.id });
    }
  }
  const out: Annotation[] = [];
  const seen = new Set<string>();
  for (const o of ours.annotations) {
    seen.add(o.id);
    const b = baseById.get(o.id);
    const t = theirsById.get(o.id);
    if (t) out.push(mergeOne(b, o, t, conflicts));
    else if (!b) out.push(o); // added by ours
    else if (same(o, b)) continue; // deleted by theirs, untouched by ours
    else {
      out.push(o);
      conflicts.push({ id: o.id, field: 'annotation', base: b, ours: o, theirs: null });
    }
  }
  for (const t of theirsById.values()) {
    if (seen.has(t.id)) continue;
    const b = baseById.get(t.id);
    if (!b) out.push(t); // added by theirs
    else if (same(t, b)) continue; // deleted by ours, untouched by theirs
    else {
      out.push(t);
      conflicts.push({ id: t.id, field: 'annotation', base: b, ours: null, theirs: t });
    }
  }
  const unique = conflicts.filter((c, i) => conflicts.findIndex((d) => d.id === c.id && d.field === c.field) === i);
  // The article itself is merged by git; the newer of the two headers describes it best until the next save.
  const header = ours.document.hash === theirs.document.hash || !base || ours.document.hash !== base.document.hash ? ours : theirs;
  const sidecar: Sidecar = { ...header, annotations: out };
  if (unique.length) sidecar.conflicts = unique;
  else delete sidecar.conflicts;
  return { sidecar, conflicts: unique };
}

/**
 * Settles one recorded conflict with the value chosen (ours, theirs, or one the user wrote) and drops the record. The
 * annotation's `modified` becomes `now`, so the resolution is the newest version wherever the file is merged again.
 */
export function resolveConflict(sidecar: Sidecar, conflict: Pick<MergeConflict, 'id' | 'field'>, value: unknown, now = new Date().toISOString()): Sidecar {
  const rest = (sidecar.conflicts ?? []).filter((c) => !(c.id === conflict.id && c.field === conflict.field));
  let annotations = sidecar.annotations;
  if (conflict.field === 'annotation') {
    annotations = annotations.filter((a) => a.id !== conflict.id);
    if (value) annotations = [...annotations, { ...(value as Annotation), modified: now }];
  } else {
    annotations = annotations.map((a) => (a.id === conflict.id ? ({ ...a, [conflict.field]: value, modified: now } as Annotation) : a));
  }
  const out: Sidecar = { ...sidecar, annotations };
  if (rest.length) out.conflicts = rest;
  else delete out.conflicts;
  return out;
}
