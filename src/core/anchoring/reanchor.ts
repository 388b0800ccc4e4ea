/**
 * Re-anchoring after the article changed outside the editor: given the new text and the stored
 * targets (old position + quote with context), find each annotation's new place or orphan it.
 *
 * Two demands shape it: no wrong answers, and 10,000 annotations on a 1 MB article within a few
 * hundred ms. Most annotations still sit at their old offset, or at their old offset plus the shift
 * ("delta") of the annotation before them; only the rest is searched, and only near where its
 * neighbours say it should be. One module per step:
 *
 * 0. prepare.ts: targets normalised like the text, old offsets read in the right line-end convention.
 * 1. position-pass.ts: each annotation checked where the recent shifts put it (quote and full context).
 * 2. twin-check.ts: an annotation whose paragraph appears twice (a pasted copy) is orphaned, the text
 *    cannot tell which copy is the original (unless the old text's fingerprint, repeats.ts, shows
 *    the repeat was there before).
 * 3. search.ts: the rest searched near where the landmarks (landmarks.ts) predict it, candidates
 *    scored (score.ts) and accepted only on enough evidence and no rival (accept.ts).
 *
 * "Context" that counts as evidence is mostly the annotation's own paragraph: the part of the stored
 * prefix/suffix beyond a line break changes whenever paragraphs move, and then matches unrelated
 * text by accident. Comparison happens on a normalised copy of the text (CRLF -> LF, curly quotes
 * -> straight, no-break spaces -> spaces; text.ts), so a change of line ends or quote style moves
 * nothing; offsets are mapped back to the raw text.
 */
import { CONTEXT_LENGTH } from './describe';
import { positionPass } from './position-pass';
import { prepare } from './prepare';
import { parseRepeats } from './repeats';
import { searchPass } from './search';
import { State } from './state';
import { twinCheck } from './twin-check';
import type { AnchorResult, AnchorTarget } from './types';

export interface ReanchorOptions {
  /** Units of context `describe` stored (default CONTEXT_LENGTH); only the first/last this many
   *  units of longer stored contexts are compared. */
  contextLength?: number;
  /** The fingerprint of the text the targets were described in (`repeatsOf`): lets a paragraph the
   *  article repeated all along be told from a pasted copy. */
  repeats?: string;
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;

/** One result per target from what the passes found, offsets mapped back to the raw text. */
function results(st: State): AnchorResult[] {
  const { nt, N } = st;
  for (let i = 0; i < st.targets.length; i++) {
    if (st.results[i]) continue;
    const t = st.preps[i]!;
    const a = st.anchors[i];
    if (!a) {
      st.results[i] = { status: 'orphaned', reason: st.ambiguous[i] ? 'ambiguous' : 'not-found' };
      continue;
    }
    // N has a leading sentinel; clamp away from both sentinels. An end right after a line break
    // maps after its CRLF; one right before it, before the CR.
    const last = N.length - 1;
    const start = nt.toRaw(Math.min(last, Math.max(1, a.start)) - 1);
    const end = Math.max(start, nt.toRaw(Math.min(last, Math.max(1, a.end)) - 1));
    const same = start === t.oldStart && end === t.oldEnd;
    st.results[i] = { status: same ? 'anchored' : 'moved', start, end, score: round3(a.score), method: a.method };
  }
  return st.results;
}

/**
 * Re-anchors every target in `text` (the article as it is now, e.g. read from disk after it changed
 * outside the editor).
 *
 * Returns one result per target, in input order (never fewer): 'anchored' (found at exactly the
 * stored offsets), 'moved' (found elsewhere: new `start`/`end`) or 'orphaned' (with a `reason`; the
 * caller keeps the annotation and shows it as detached, never deletes it). `score` in [0, 1] and
 * `method` say how sure and how it was found. Offsets are UTF-16 into `text` as given (CRLF and all).
 *
 * Cost: one pass over the text to normalise it, then about three string comparisons per annotation
 * that kept its place or shifted with its neighbours; the rest are searched near their predicted
 * place, and whole-text scans are capped (state.ts); the twin check hashes the text once and
 * compares the lines that start or end alike. 10,000 annotations on a 1 MB article after an outside
 * edit (scripts/bench-anchoring.ts, whose article repeats each paragraph about 40 times: every line
 * has dozens of twins): about 300 ms of CPU.
 */
export function reanchor(text: string, targets: readonly AnchorTarget[], options: ReanchorOptions = {}): AnchorResult[] {
  const st = new State(text, targets, options.contextLength ?? CONTEXT_LENGTH, parseRepeats(options.repeats));
  prepare(st);
  positionPass(st);
  twinCheck(st);
  searchPass(st);
  return results(st);
}
