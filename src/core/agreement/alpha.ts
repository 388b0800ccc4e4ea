/**
 * Krippendorff's alpha for nominal data: 1 − D_o / D_e, from the coincidence matrix (Krippendorff 2011, "Computing
 * Krippendorff's Alpha-Reliability"). Handles any number of coders and missing values: a unit counts only with two or
 * more values, each pair of values in a unit weighing 1 / (m_u − 1).
 */

/** A coincidence matrix over category labels: o[c][k], symmetric. */
export type Coincidences = Map<string, Map<string, number>>;

function add(o: Coincidences, c: string, k: string, w: number): void {
  const row = o.get(c) ?? new Map<string, number>();
  row.set(k, (row.get(k) ?? 0) + w);
  o.set(c, row);
}

/** Adds one unit's values (null = this coder gave none) to the coincidences. */
export function addUnit(o: Coincidences, values: readonly (string | null)[]): void {
  const v = values.filter((x): x is string => x !== null);
  if (v.length < 2) return;
  const w = 1 / (v.length - 1);
  for (let i = 0; i < v.length; i++) for (let j = 0; j < v.length; j++) if (i !== j) add(o, v[i], v[j], w);
}

/** Adds `count` units on which two coders gave the values `a` and `b` (a fast path for many identical units). */
export function addPairs(o: Coincidences, a: string, b: string, count: number): void {
  if (count <= 0) return;
  add(o, a, b, count);
  add(o, b, a, count);
}

/** Alpha from the coincidences; null when there is no variation to measure (every value the same, or no units). */
export function alphaNominal(o: Coincidences): number | null {
  const n = new Map<string, number>();
  let total = 0;
  let disagree = 0;
  for (const [c, row] of o) {
    for (const [k, w] of row) {
      n.set(c, (n.get(c) ?? 0) + w);
      total += w;
      if (c !== k) disagree += w;
    }
  }
  if (total <= 1) return null;
  let expected = 0;
  for (const [c, nc] of n) for (const [k, nk] of n) if (c !== k) expected += nc * nk;
  expected /= total - 1;
  if (expected === 0) return null;
  return 1 - disagree / expected;
}

/** Alpha of a units × coders table (rows are units), as in the published worked examples. */
export function alphaOfTable(units: readonly (readonly (string | number | null)[])[]): number | null {
  const o: Coincidences = new Map();
  for (const u of units) addUnit(o, u.map((x) => (x === null ? null : String(x))));
  return alphaNominal(o);
}
