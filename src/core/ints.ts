/** Chunks of 2^14 values: an array never moves, so growing it copies nothing and wastes at most one chunk. */
const SHIFT = 14;
const CHUNK = 1 << SHIFT;
const MASK = CHUNK - 1;

/**
 * A growable array of 32-bit integers, in fixed chunks. A doubling array holds its old and new copies while it
 * grows: for the terms of an archive's claims (tens of millions), hundreds of megabytes at that moment.
 */
export class Ints {
  private readonly chunks: Int32Array[] = [];
  length = 0;
  push(v: number): void {
    const i = this.length++;
    if ((i & MASK) === 0) this.chunks.push(new Int32Array(CHUNK));
    this.chunks[i >>> SHIFT][i & MASK] = v;
  }
  get(i: number): number {
    return this.chunks[i >>> SHIFT][i & MASK];
  }
  set(i: number, v: number): void {
    this.chunks[i >>> SHIFT][i & MASK] = v;
  }
}
