/**
 * Terms as integer ids, and sets of them stored end to end in typed arrays. The facts step of an archive holds
 * every claim's terms, passages and figure contexts: tens of millions of terms at 10^5 articles, where a JavaScript
 * Set of strings costs about 50 bytes an entry and an id here costs 4.
 */
import { Ints } from '../ints';

/** Term strings to ids (the strings are forgotten once every article is read), and what kind of term each id is. */
export class Vocabulary {
  private ids: Map<string, number> | undefined = new Map();
  /** Per id, bits: 1 a name (an entity id, `person:joe-biden`, or a place a demonym points at), 2 a date (`@2021-12-30`). */
  private readonly kinds = new Ints();

  get size(): number {
    return this.kinds.length;
  }
  id(term: string): number {
    const ids = this.ids!;
    let id = ids.get(term);
    if (id === undefined) {
      id = this.kinds.length;
      ids.set(term, id);
      this.kinds.push((term.includes(':') ? 1 : 0) | (term.startsWith('@') ? 2 : 0));
    }
    return id;
  }
  isName(id: number): boolean {
    return (this.kinds.get(id) & 1) !== 0;
  }
  isDate(id: number): boolean {
    return (this.kinds.get(id) & 2) !== 0;
  }
  /** No more terms: only ids are compared from here on. */
  freeze(): void {
    this.ids = undefined;
  }
}

/**
 * Sets of term ids (each in the order its terms were first seen, as a Set of strings iterates), end to end in one
 * array. Membership is read through two marks, A and B: marking a set stamps its terms, so `inB(t)` is one lookup.
 */
export class TermSets {
  private readonly terms = new Ints();
  private readonly starts = new Ints();
  private stampA = new Int32Array(0);
  private stampB = new Int32Array(0);
  private epoch = 0;
  private markedA = -1;
  private markedB = -1;

  constructor() {
    this.starts.push(0);
  }
  get count(): number {
    return this.starts.length - 1;
  }
  /** Stores distinct ids as a set; returns its handle. */
  add(ids: readonly number[]): number {
    for (const t of ids) this.terms.push(t);
    this.starts.push(this.terms.length);
    return this.starts.length - 2;
  }
  size(s: number): number {
    return this.starts.get(s + 1) - this.starts.get(s);
  }
  /** The k-th term of set s. */
  at(s: number, k: number): number {
    return this.terms.get(this.starts.get(s) + k);
  }
  /** Ready for membership over `vocabulary` ids (after the last set is added). */
  index(vocabulary: number): void {
    this.stampA = new Int32Array(vocabulary);
    this.stampB = new Int32Array(vocabulary);
    this.markedA = this.markedB = -1;
  }
  markA(s: number): void {
    if (this.markedA === s) return;
    this.markedA = s;
    this.epochA = this.stamp(this.stampA, s);
  }
  markB(s: number): void {
    if (this.markedB === s) return;
    this.markedB = s;
    this.epochB = this.stamp(this.stampB, s);
  }
  inA(t: number): boolean {
    return this.stampA[t] === this.epochA;
  }
  inB(t: number): boolean {
    return this.stampB[t] === this.epochB;
  }
  private epochA = -1;
  private epochB = -1;
  /** Stamps set s's terms with a new epoch; returns it. */
  private stamp(stamps: Int32Array, s: number): number {
    if (this.epoch === 0x7fffffff) {
      // Epochs ran out: start again from clean stamps, keeping the other mark.
      this.stampA.fill(0);
      this.stampB.fill(0);
      this.epoch = 0;
      const other = stamps === this.stampA ? this.markedB : this.markedA;
      if (other >= 0) {
        const e = this.stampWith(stamps === this.stampA ? this.stampB : this.stampA, other);
        if (stamps === this.stampA) this.epochB = e;
        else this.epochA = e;
      }
    }
    return this.stampWith(stamps, s);
  }
  private stampWith(stamps: Int32Array, s: number): number {
    const e = ++this.epoch;
    for (let k = this.starts.get(s), end = this.starts.get(s + 1); k < end; k++) stamps[this.terms.get(k)] = e;
    return e;
  }
}
