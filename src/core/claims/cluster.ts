/** Grouping items of different articles (figure slots, passages) into facts. */
import { candidatePairs } from './terms';

class UnionFind {
  parent: number[];
  constructor(n: number) {
    this.parent = Array.from({ length: n }, (_, i) => i);
  }
  find(i: number): number {
    while (this.parent[i] !== i) i = this.parent[i] = this.parent[this.parent[i]];
    return i;
  }
  union(a: number, b: number) {
    this.parent[this.find(b)] = this.find(a);
  }
}

/**
 * Agglomerative grouping with average linkage: two groups merge only when most of their cross-article
 * pairs link, so a chain of loosely similar mentions (every `January …` in the folder) does not
 * collapse into one fact. Items meet through shared rare keys (at least `minShared`).
 */
export function* clusterItems<T extends { doc: number }>(items: T[], keysOf: (x: T) => Iterable<string>, link: (a: T, b: T) => boolean, sim: (a: T, b: T) => number, minShared = 1): Generator<void, T[][]> {
  const uf = new UnionFind(items.length);
  const members = new Map<number, number[]>(items.map((_, i) => [i, [i]]));
  const pairs: [number, number, number][] = [];
  // Items of one article never link (slotsLink, passagesLink): they are not paired.
  for (const [x, y] of candidatePairs(items.map((s) => new Set(keysOf(s))), minShared, undefined, items.map((s) => s.doc))) {
    if (link(items[x], items[y])) pairs.push([x, y, sim(items[x], items[y])]);
  }
  pairs.sort((p, q) => q[2] - p[2]);
  let n = 0;
  for (const [x, y] of pairs) {
    if (++n % 2000 === 0) yield;
    const rx = uf.find(x);
    const ry = uf.find(y);
    if (rx === ry) continue;
    const a = members.get(rx)!;
    const b = members.get(ry)!;
    let linked = 0;
    let total = 0;
    for (const i of a) for (const j of b) {
      if (items[i].doc === items[j].doc) continue;
      total++;
      if (link(items[i], items[j])) linked++;
    }
    if (total && linked / total >= 0.5) {
      uf.union(rx, ry);
      members.set(rx, [...a, ...b]);
      members.delete(ry);
    }
  }
  return [...members.values()].map((ids) => ids.map((i) => items[i]));
}
