/** Grouping items of different articles (figure slots, passages) into facts. */
import { forEachCandidatePair, type TermLists } from './terms';

class UnionFind {
  parent: Int32Array;
  constructor(n: number) {
    this.parent = new Int32Array(n);
    for (let i = 0; i < n; i++) this.parent[i] = i;
  }
  find(i: number): number {
    while (this.parent[i] !== i) i = this.parent[i] = this.parent[this.parent[i]];
    return i;
  }
  union(a: number, b: number) {
    this.parent[this.find(b)] = this.find(a);
  }
}

/** Items 0..count-1 as clusterItems reads them: each one's article, its keys, and when two link and how alike they are. */
export interface Clusterable {
  keys: TermLists;
  docOf(i: number): number;
  link(x: number, y: number): boolean;
  sim(x: number, y: number): number;
}

/**
 * Agglomerative grouping with average linkage: two groups merge only when most of their cross-article
 * pairs link, so a chain of loosely similar mentions (every `January …` in the folder) does not
 * collapse into one fact. Items meet through shared rare keys (at least `minShared`). Returns the groups that
 * span two articles or more (the only ones that can be facts), as item numbers, in the order of their first
 * item's group root (as a map of every item's group would list them).
 */
export function* clusterItems(items: Clusterable, minShared = 1): Generator<void, number[][]> {
  const count = items.keys.count;
  const uf = new UnionFind(count);
  // Groups of more than one item; an item not listed is a group of its own.
  const members = new Map<number, number[]>();
  // Linked pairs and their similarity, in typed arrays: an archive has millions.
  let xs = new Int32Array(1024);
  let ys = new Int32Array(1024);
  let sims = new Float64Array(1024);
  let n = 0;
  // Items of one article never link (slotsLink, passagesLink): they are not paired.
  forEachCandidatePair(items.keys, (x, y) => {
    if (!items.link(x, y)) return;
    if (n === xs.length) {
      const grow = <A extends Int32Array | Float64Array>(a: A, b: A) => (b.set(a), b);
      xs = grow(xs, new Int32Array(n * 2));
      ys = grow(ys, new Int32Array(n * 2));
      sims = grow(sims, new Float64Array(n * 2));
    }
    xs[n] = x;
    ys[n] = y;
    sims[n++] = items.sim(x, y);
  }, minShared, undefined, (i) => items.docOf(i));
  // Most alike first; equal similarities in the order found (as a stable sort of the pairs would leave them).
  const order = Array.from({ length: n }, (_, i) => i).sort((p, q) => sims[q] - sims[p] || p - q);
  let done = 0;
  for (const p of order) {
    if (++done % 2000 === 0) yield;
    const rx = uf.find(xs[p]);
    const ry = uf.find(ys[p]);
    if (rx === ry) continue;
    const a = members.get(rx) ?? [rx];
    const b = members.get(ry) ?? [ry];
    let linked = 0;
    let total = 0;
    for (const i of a) for (const j of b) {
      if (items.docOf(i) === items.docOf(j)) continue;
      total++;
      if (items.link(i, j)) linked++;
    }
    if (total && linked / total >= 0.5) {
      uf.union(rx, ry);
      members.set(rx, [...a, ...b]);
      members.delete(ry);
    }
  }
  const groups: number[][] = [];
  for (const root of [...members.keys()].sort((a, b) => a - b)) {
    const group = members.get(root)!;
    const first = items.docOf(group[0]);
    if (group.some((i) => items.docOf(i) !== first)) groups.push(group);
  }
  return groups;
}
