import type { Corrections } from '../entities';
import type { Annotation } from './model';

/**
 * What the user taught across a folder, from the annotations of all its sidecars: strings rejected as
 * names, names marked, accepted or retyped (with their type), and merges. The editor and the CLI pass
 * the same corrections to the analysis, so a decision in one article holds in every other. Orphaned
 * annotations teach nothing (their text is no longer in the article); an explicit acceptance anywhere
 * wins over a rejection of the same string.
 */
export function correctionsFrom(annotationLists: Iterable<readonly Annotation[]>): Corrections {
  // Built here rather than with noCorrections(): the entities module would pull the analysis into the extension's bundle.
  const c: Corrections = { rejected: new Set(), accepted: new Map(), merges: new Map() };
  for (const anns of annotationLists) {
    for (const a of anns) {
      if (a.kind !== 'entity' || a.orphaned) continue;
      if (a.status === 'rejected') c.rejected.add(a.target.exact);
      else if ((a.origin === 'user' || a.status === 'accepted') && a.type) c.accepted.set(a.target.exact, a.type);
      if (a.mergedInto) c.merges.set(a.target.exact, a.mergedInto);
    }
  }
  for (const name of c.accepted.keys()) c.rejected.delete(name);
  return c;
}
