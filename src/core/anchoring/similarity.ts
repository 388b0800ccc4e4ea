/**
 * Edit-distance similarities used to score a candidate place for an annotation.
 */

let rowA = new Int32Array(64);
let rowB = new Int32Array(64);

/**
 * Similarity in [0, 1] of `pattern` to the text that touches `pos` on one side:
 * `dir = -1` compares with the text ending exactly at `pos` (a prefix), `dir = +1` with the text
 * starting exactly at `pos` (a suffix). The far end is free, so an insertion or deletion inside the
 * context costs one unit per unit, not a shift of everything after it.
 * Returns 1 - editDistance / pattern.length. An empty pattern returns 1 (nothing to contradict).
 *
 * Cost: O(m * (m + m/2)) with m = pattern.length (32 by default): about 1,500 cells.
 */
export function contextSimilarity(text: string, pos: number, pattern: string, dir: -1 | 1): number {
  const m = pattern.length;
  if (m === 0) return 1;
  const avail = dir > 0 ? text.length - pos : pos;
  const n = Math.max(0, Math.min(avail, m + (m >> 1)));
  if (n === 0) return 0;
  if (rowA.length < n + 1) {
    rowA = new Int32Array(n + 1);
    rowB = new Int32Array(n + 1);
  }
  // prev[j]: distance between the first i pattern units (counted from the touching end) and the
  // first j text units from `pos`.
  let prev = rowA;
  let cur = rowB;
  for (let j = 0; j <= n; j++) prev[j] = j;
  for (let i = 1; i <= m; i++) {
    const pc = dir > 0 ? pattern.charCodeAt(i - 1) : pattern.charCodeAt(m - i);
    cur[0] = i;
    for (let j = 1; j <= n; j++) {
      const tc = dir > 0 ? text.charCodeAt(pos + j - 1) : text.charCodeAt(pos - j);
      const sub = prev[j - 1] + (pc === tc ? 0 : 1);
      const del = prev[j] + 1;
      const ins = cur[j - 1] + 1;
      cur[j] = sub < del ? (sub < ins ? sub : ins) : del < ins ? del : ins;
    }
    const t = prev;
    prev = cur;
    cur = t;
  }
  let best = m;
  for (let j = 0; j <= n; j++) if (prev[j] < best) best = prev[j];
  return 1 - best / m;
}

/** Units that continue a word: ASCII letters and digits, and letters of other scripts (roughly:
 *  everything from U+00C0 on except punctuation and symbol blocks and surrogates). Apostrophes and
 *  hyphens are not word units, so "Putin's" has a word boundary after "Putin". */
export function isWordUnit(c: number): boolean {
  if (c < 0x80) {
    return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
  }
  // Latin-1 letters and everything beyond (letters of other scripts, surrogates of emoji are not
  // letters but treating them as word units is harmless: they rarely sit at an annotation edge).
  if (c < 0xc0) return false;
  if (c === 0xd7 || c === 0xf7) return false;
  if (c >= 0x2000 && c <= 0x2bff) return false; // punctuation, symbols, arrows, dingbats
  if (c >= 0x3000 && c <= 0x303f) return false; // CJK punctuation
  if (c >= 0xd800 && c <= 0xdfff) return false; // emoji halves
  if (c === 0xfeff || (c >= 0xfe00 && c <= 0xfe0f)) return false;
  return true;
}
