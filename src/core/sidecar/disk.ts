import { parseSidecar } from './format';
import { isUserDecision, type Annotation } from './model';
import { reanchorAnnotations } from './reanchor';

/**
 * The annotations held in the editor merged with the ones a sidecar on disk holds now (another window, a
 * `git pull`). The newer modification of one annotation wins; an annotation the user changed differently
 * on both sides since it was loaded is a conflict: both versions are kept, the disk one as a copy with a
 * note saying so. `mine` is left untouched.
 */
export function mergeWithDisk(mine: readonly Annotation[], disk: readonly Annotation[]): { annotations: Annotation[]; conflicts: string[] } {
  const annotations = mine.map((a) => ({ ...a }));
  const byId = new Map(annotations.map((a) => [a.id, a]));
  const conflicts: string[] = [];
  for (const d of disk) {
    const m = byId.get(d.id);
    if (!m) {
      annotations.push(d);
      continue;
    }
    if (JSON.stringify({ ...m, modified: '' }) === JSON.stringify({ ...d, modified: '' })) continue;
    if (d.modified > m.modified) Object.assign(m, d);
    else if (d.modified !== m.modified && d.origin === 'user' && m.origin === 'user' && d.modified > (m.created ?? '')) {
      conflicts.push(d.id);
      annotations.push({ ...d, id: `${d.id}-conflict`, note: `${d.note ?? ''} [conflicting copy from disk]`.trim() });
    }
  }
  return { annotations, conflicts };
}

/** The annotation under an offset: the smallest one holding it, entities before notes before quotes before claims. */
export function annotationAt(annotations: readonly Annotation[], offset: number, filter: (a: Annotation) => boolean = () => true): Annotation | undefined {
  const rank = { entity: 0, note: 1, quote: 2, claim: 3 } as const;
  return annotations
    .filter((a) => !a.orphaned && a.target.start <= offset && offset <= a.target.end && filter(a))
    .sort((a, b) => rank[a.kind] - rank[b.kind] || a.target.end - a.target.start - (b.target.end - b.target.start))[0];
}

/** An annotation whose text went in an edit: a user's decision becomes an orphan (kept, to re-attach); a suggestion is dropped. */
export function afterLostTarget(a: Annotation): Annotation | undefined {
  return isUserDecision(a) ? { ...a, orphaned: true } : undefined;
}

/** What a sidecar's text gives an article: its annotations re-anchored on the text, or why it cannot be read, and its merge conflicts. */
export interface SidecarRead {
  annotations: Annotation[];
  /** Set when the file cannot be read: the article's annotations are then read-only and the file is never overwritten. */
  unreadable?: string;
  /** Merge conflicts a git merge left in it: the annotations are read-only until they are resolved. */
  conflicts: number;
}

export function readSidecarText(raw: string, articleText: string): SidecarRead {
  const parsed = parseSidecar(raw);
  if (!parsed.ok) return { annotations: [], unreadable: parsed.problem, conflicts: 0 };
  return { annotations: reanchorAnnotations(articleText, parsed.sidecar).annotations, conflicts: parsed.sidecar.conflicts?.length ?? 0 };
}
