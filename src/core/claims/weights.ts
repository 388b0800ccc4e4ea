/** How much a term says about what a claim states: terms held by few of the folder's claims say more (idf). */
export class TermWeights {
  private readonly df = new Map<string, number>();
  private n = 0;
  add(terms: Iterable<string>) {
    this.n++;
    for (const t of new Set(terms)) this.df.set(t, (this.df.get(t) ?? 0) + 1);
  }
  weight(t: string): number {
    return Math.log((this.n + 1) / ((this.df.get(t) ?? 0) + 0.5));
  }
  /** Held by few claims: a word that can carry a link (`posture`; not `Trump` in a campaign folder). */
  rare(t: string): boolean {
    // A tenth of a small folder's claims (one story: its key words recur), at most twenty in a large one.
    return (this.df.get(t) ?? 0) <= Math.max(2, Math.min(0.1 * this.n, 20));
  }
}

export function weightedJaccard(a: ReadonlySet<string>, b: ReadonlySet<string>, w: TermWeights): number {
  if (!a.size || !b.size) return 0;
  let inter = 0;
  let union = 0;
  for (const t of a) {
    const x = w.weight(t);
    union += x;
    if (b.has(t)) inter += x;
  }
  for (const t of b) if (!a.has(t)) union += w.weight(t);
  return union ? inter / union : 0;
}
