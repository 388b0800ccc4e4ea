/**
 * Pass 1, position: most annotations still sit at their old offset, or at their old offset plus the
 * shift ("delta") of the annotation before them. Sequential in old order, each annotation is checked
 * at `old + delta` for a few recent deltas: the quote must be there AND the full stored prefix and
 * suffix around it (the quote alone at the old offset is often another mention: "Russia" in "Russian
 * troops" after an insertion). When no recent delta fits, the full context string is looked for near
 * the predicted place (then in the whole text): found once, it gives the new delta, unless the old
 * place still holds the annotation's surroundings (then it was edited there, and this is a copy).
 */
import { neighbours, predictions, surroundingsNear } from './landmarks';
import { occurrences, type Prepared, type State } from './state';

/** A failed position check first looks for the full context string this far (units) around the
 *  predicted place: the shift after an insertion or deletion is found without scanning the text. */
const DISCOVERY_WINDOW = 4096;
/** Recent deltas tried at each annotation: a few edits before it, each undone by later ones
 *  (a paragraph moved up is a deletion here and an insertion there). */
const RECENT_DELTAS = 4;

/** Quote at p with the full stored prefix and suffix around it. */
function holds(st: State, t: Prepared, p: number): boolean {
  const N = st.N;
  if (p < t.prefix.length || p + t.len + t.suffix.length > N.length) return false;
  return N.startsWith(t.exact, p) && N.startsWith(t.prefix, p - t.prefix.length) && N.startsWith(t.suffix, p + t.len);
}

function promote(recent: number[], d: number): void {
  const i = recent.indexOf(d);
  if (i === 0) return;
  if (i > 0) recent.splice(i, 1);
  recent.unshift(d);
  if (recent.length > RECENT_DELTAS) recent.length = RECENT_DELTAS;
}

export function positionPass(st: State): void {
  const recent: number[] = [0];
  const discovered: Prepared[] = [];
  let failedBefore = false;
  for (const t of st.order) {
    let found = -1;
    for (const d of recent) {
      if (holds(st, t, t.hint + d)) {
        found = t.hint + d;
        break;
      }
    }
    if (found < 0 && (t.prefix.length > 0 || t.suffix.length > 0)) {
      // Discover the new delta: the full context string, if it occurs exactly once, and unless the
      // place the annotation should be at still holds its surroundings (then it was edited there
      // and this is another copy: a repeated title, a pasted paragraph).
      const full = t.prefix + t.exact + t.suffix;
      const p0 = t.hint + recent[0] - t.prefix.length;
      let hits = occurrences(st.N, full, p0 - DISCOVERY_WINDOW, p0 + full.length + DISCOVERY_WINDOW, 2);
      // The whole text only when the annotation before failed too: one failure is usually an edit
      // next to the annotation (scanning would find nothing), a run of them a large shift.
      if (!hits.length && failedBefore) hits = st.scanAll(full, 2) ?? [];
      failedBefore = hits.length !== 1;
      if (hits.length === 1) {
        const p = hits[0] + t.prefix.length;
        if (!surroundingsNear(st, t, [t.hint + recent[0], t.hint], p)) {
          st.anchors[t.index] = { start: p, end: p + t.len, delta: p - t.hint, score: 1, method: 'context' };
          discovered.push(t);
          promote(recent, p - t.hint);
        }
      }
      continue;
    }
    if (found >= 0) {
      st.anchors[t.index] = { start: found, end: found + t.len, delta: found - t.hint, score: 1, method: 'position' };
      promote(recent, found - t.hint);
      failedBefore = false;
    }
  }
  // Check discoveries again with both neighbours known.
  for (const t of discovered) {
    const a = st.anchors[t.index]!;
    const { left, right } = neighbours(st, t);
    if (surroundingsNear(st, t, predictions(t, left, right), a.start)) st.anchors[t.index] = null;
  }
}
