/**
 * Landmarks: annotations already anchored unambiguously. The nearest one before and after an
 * annotation in old order predict where it is now (its old start shifted as they were).
 */
import { byHint, lowerBound, occurrences, type Anchor, type Prepared, type State } from './state';

/** `surroundingsNear` compares up to this many units of each side of the stored context, and needs
 *  at least SURROUNDINGS_MIN of each: fewer occur by chance near any place. */
const SURROUNDINGS_LENGTH = 16;
const SURROUNDINGS_MIN = 8;
/** ...within this many units of the predicted place (beyond the quote's length): edits next to an
 *  annotation move its surroundings by a few words. */
const SURROUNDINGS_SLACK = 64;

/** Nearest landmarks before and after t in old order (other than t). */
export function neighbours(st: State, t: Prepared): { left: Anchor | null; right: Anchor | null } {
  const order = st.order;
  // order is sorted by hint; find t's position by binary search then walk.
  const lo = lowerBound(order, t.hint, byHint);
  let left: Anchor | null = null;
  let right: Anchor | null = null;
  for (let k = lo - 1; k >= 0 && !left; k--) left = st.landmark(order[k].index);
  for (let k = lo; k < order.length && !right; k++) {
    if (order[k] === t) continue;
    right = st.landmark(order[k].index);
  }
  return { left, right };
}

/** Where t's start should be now: its old start shifted as each landmark was (or unshifted). */
export function predictions(t: Prepared, left: Anchor | null, right: Anchor | null): number[] {
  const out: number[] = [];
  if (left) out.push(t.hint + left.delta);
  if (right && (!left || right.delta !== left.delta)) out.push(t.hint + right.delta);
  if (!out.length) out.push(t.hint);
  return out;
}

/**
 * Does the text around a predicted place still hold the annotation's surroundings: the end of its
 * prefix and the start of its suffix, in order, about a quote's length apart? Then the annotation
 * was edited where it stood and an exact match elsewhere is another copy, not the annotation.
 * (`except`: a place that does not count, the match being judged.)
 */
export function surroundingsNear(st: State, t: Prepared, preds: number[], except = -1): boolean {
  const tailLen = Math.min(SURROUNDINGS_LENGTH, t.prefix.length);
  const headLen = Math.min(SURROUNDINGS_LENGTH, t.suffix.length);
  if (tailLen < SURROUNDINGS_MIN || headLen < SURROUNDINGS_MIN) return false;
  const tail = t.prefix.slice(-tailLen);
  const head = t.suffix.slice(0, headLen);
  const slack = SURROUNDINGS_SLACK + t.len;
  for (const p of preds) {
    const ends = occurrences(st.N, tail, p - slack - tailLen, p + slack, 8).map((i) => i + tailLen);
    if (!ends.length) continue;
    const heads = occurrences(st.N, head, p - slack, p + t.len + slack + headLen, 8);
    for (const a of ends) {
      if (a === except) continue;
      // The two sides at most the quote's length twice plus a few words apart (a rewritten quote).
      for (const b of heads) if (b >= a && b - a <= 2 * t.len + 32) return true;
    }
  }
  return false;
}
