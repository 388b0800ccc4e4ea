/** How much a term says about what a claim states: terms held by few of the folder's claims say more (idf). */
import { Ints } from '../ints';
import type { TermSets } from './term-sets';

export class TermWeights {
  private readonly df = new Ints();
  private n = 0;
  private weights = new Float64Array(0);
  private rareAt = 0;
  /** One claim's terms (distinct ids). */
  add(ids: readonly number[]) {
    this.n++;
    for (const t of ids) {
      while (this.df.length <= t) this.df.push(0);
      this.df.set(t, this.df.get(t) + 1);
    }
  }
  /** Every claim is added: the weights are read from here on (computed once each, the same doubles as on demand). */
  freeze(vocabulary: number): void {
    this.weights = new Float64Array(vocabulary);
    for (let t = 0; t < vocabulary; t++) this.weights[t] = Math.log((this.n + 1) / (this.count(t) + 0.5));
    // A tenth of a small folder's claims (one story: its key words recur), at most twenty in a large one.
    this.rareAt = Math.max(2, Math.min(0.1 * this.n, 20));
  }
  private count(t: number): number {
    return t < this.df.length ? this.df.get(t) : 0;
  }
  weight(t: number): number {
    return this.weights[t];
  }
  /** Held by few claims: a word that can carry a link (`posture`; not `Trump` in a campaign folder). */
  rare(t: number): boolean {
    return this.count(t) <= this.rareAt;
  }
}

/** Weighted Jaccard of sets a and b (summed in the order their terms were first seen, as the analysis always has). */
export function weightedJaccard(sets: TermSets, a: number, b: number, w: TermWeights): number {
  const na = sets.size(a);
  const nb = sets.size(b);
  if (!na || !nb) return 0;
  sets.markA(a);
  sets.markB(b);
  let inter = 0;
  let union = 0;
  for (let k = 0; k < na; k++) {
    const t = sets.at(a, k);
    const x = w.weight(t);
    union += x;
    if (sets.inB(t)) inter += x;
  }
  for (let k = 0; k < nb; k++) {
    const t = sets.at(b, k);
    if (!sets.inA(t)) union += w.weight(t);
  }
  return union ? inter / union : 0;
}
