/**
 * What the old text already repeated: a fingerprint stored with the targets, so that re-anchoring can
 * tell a paragraph the article repeated all along (a standfirst repeated in the body, a scraped
 * paragraph twice) from a pasted copy. Without it, a twin the anchors around it cannot vouch for
 * (edits nearby shifted them unevenly) has to be treated as a paste: its annotations are orphaned.
 *
 * The fingerprint lists the content-sampled windows of twins.ts that the old text held at two places
 * or more, with their counts; and the line end keys (a line's first or last 16 units, a shorter line
 * whole) that two lines or more began or ended with, with theirs: a byline above a biography that
 * starts with the name, a "Read also" line, which are too short to hold a sampled window. A twin is old
 * text when every sampled window it shares with the annotation's paragraph, and every line end the
 * two lines share that the old text repeated, is found no more often now than then: a pasted copy of
 * the paragraph adds one to each. (A line end the fingerprint lacks tells nothing: fingerprints made
 * before line ends were added lack them all.) Stored as text, `hash:count` in base 36 separated by spaces; a text
 * repeating more than MAX_REPEATS windows (a feed of near-identical items) gets no fingerprint, and
 * re-anchoring then treats every twin as a paste, as it does for targets stored without one.
 */
import { matchText } from './state';
import { NormalizedText } from './text';
import { TwinIndex } from './twins';

const MAX_REPEATS = 512;

/** The fingerprint of `text` (the text the targets were described in), or undefined when too long. */
export function repeatsOf(text: string): string | undefined {
  const index = new TwinIndex(matchText(new NormalizedText(text)));
  const repeated = new Map([...index.repeated(), ...index.repeatedLineEnds()]);
  if (repeated.size > MAX_REPEATS) return undefined;
  return [...repeated].map(([h, c]) => `${(h >>> 0).toString(36)}:${c.toString(36)}`).join(' ');
}

/** The fingerprint read back (hash -> count); null when absent or not one. */
export function parseRepeats(s: unknown): Map<number, number> | null {
  if (typeof s !== 'string') return null;
  const out = new Map<number, number>();
  for (const entry of s.split(' ')) {
    if (!entry) continue;
    const m = /^([0-9a-z]{1,7}):([0-9a-z]{1,4})$/.exec(entry);
    if (!m) return null;
    out.set(parseInt(m[1], 36) | 0, parseInt(m[2], 36));
  }
  return out;
}
