/** Small, dependency-free text helpers shared by the analysers. */

/** Lower-case ASCII form: diacritics folded, curly apostrophes straightened. */
export function fold(s: string): string {
  // Most names are plain ASCII: NFKD and the diacritic strip change nothing there, only a backtick would.
  let ascii = true;
  for (let i = 0; i < s.length && ascii; i++) {
    const c = s.charCodeAt(i);
    ascii = c < 128 && c !== 96;
  }
  if (ascii) return s.toLowerCase();
  return s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[’‘`´]/g, "'")
    .toLowerCase();
}

/** A URL- and file-safe id part: `Joe Biden` → `joe-biden`. */
export function slug(s: string): string {
  return fold(s).replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'x';
}

/**
 * A key under which transliteration variants of one name meet: `Zelenskiy`/`Zelenskyy`/`Zelensky`,
 * `Kyiv`/`Kiev`, `Yuri`/`Yury`. Romanisations of Cyrillic names differ mostly in how they write the
 * soft vowels (й, ы, и, і, є), so those are folded to one letter; doubled letters collapse.
 */
export function translitKey(s: string): string {
  return fold(s)
    .replace(/[^a-z ]/g, '')
    .split(' ')
    .map((w) =>
      w
        .replace(/(iy|yy|ij|yi|ie|ii|iy)/g, 'y')
        .replace(/^j(?=[aeiou])/, 'y')
        .replace(/i$/, 'y')
        .replace(/(.)\1+/g, '$1'),
    )
    .join(' ')
    .trim();
}

/** `U.S.` → `us`, `NATO` → `nato`: the key acronyms and their dotted or cased forms share. */
export function acronymKey(s: string): string {
  return fold(s).replace(/[^a-z0-9]/g, '');
}

const ACRONYM_STOPWORDS = new Set(['of', 'for', 'and', 'the', 'in', 'on', 'to', 'de', 'du', 'des', 'la', 'le', '&']);

/** Initials of a multi-word name, skipping function words: `Organization for Security and Co-operation in Europe` → `osce`. */
export function initials(s: string): string {
  return fold(s)
    .split(/[\s-]+/)
    .filter((w) => w && !ACRONYM_STOPWORDS.has(w))
    .map((w) => w[0])
    .join('');
}

export function isUpperWord(s: string): boolean {
  return /[A-Z]/.test(s) && s === s.toUpperCase();
}

/** Escapes a string for use inside a RegExp. */
export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A fast, stable 53-bit string hash (cyrb53), hex. Used for document fingerprints and ids. */
export function hash(str: string, seed = 0): string {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < str.length; i++) {
    const ch = str.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(16).padStart(14, '0');
}
