/** 32-bit string hashing and hash combination for feature keys. */

function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h | 0;
}

/** FNV-1a over UTF-16 code units, finalised with murmur3's mixer. */
export function hashString(s: string): number {
  return hashRange(s, 0, s.length);
}

/** hashString(s.slice(start, end)) without making the slice. */
export function hashRange(s: string, start: number, end: number): number {
  let h = 0x811c9dc5 | 0;
  for (let i = start; i < end; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return fmix(h ^ (end - start));
}

/** Order-sensitive combination of two 32-bit hashes. */
export function combine(a: number, b: number): number {
  return fmix((Math.imul(a, 0xcc9e2d51) + Math.imul(b ^ 0x5bd1e995, 0x1b873593)) | 0);
}

export function combine3(a: number, b: number, c: number): number {
  return combine(combine(a, b), c);
}
