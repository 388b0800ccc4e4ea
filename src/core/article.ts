/**
 * What a file must be to count as an article, in one place for the editor and the CLI: its name (a
 * `.txt`, `.md` or `.markdown` file that is not a sidecar) and its bytes (UTF-8 text without NUL bytes).
 * Plain TypeScript: `TextDecoder` is a global in Node and in browsers.
 */

/** A sidecar is `<article>.annotations.json`, next to the article. */
export const SIDECAR_SUFFIX = '.annotations.json';

/** The extensions of article files, for messages. */
export const ARTICLE_EXTENSIONS: readonly string[] = ['.txt', '.md', '.markdown'];

const ARTICLE_NAME = /\.(txt|md|markdown)$/i;

/** Whether a path (any separator) names an article by its extension. Sidecars never do. */
export function isArticlePath(path: string): boolean {
  return ARTICLE_NAME.test(path) && !path.endsWith(SIDECAR_SUFFIX);
}

/** The sidecar path of an article path (`a.txt` → `a.txt.annotations.json`). */
export function sidecarPathOf(articlePath: string): string {
  return articlePath + SIDECAR_SUFFIX;
}

export type DecodedArticle = { ok: true; text: string } | { ok: false; reason: string; hint: string };

/**
 * The text of an article file, or why it is not one: bytes that are not UTF-8, or NUL bytes (a binary
 * file). A byte-order mark is kept, so offsets count the file exactly as it is. Nothing is ever guessed:
 * a Latin-1 file is refused rather than read with replacement characters in its names.
 */
export function decodeArticle(bytes: Uint8Array): DecodedArticle {
  const nul = bytes.indexOf(0);
  if (nul >= 0) return { ok: false, reason: `binary file (a NUL byte at offset ${nul})`, hint: 'only text files (.txt, .md) are articles; move it out of the folder or rename it' };
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes) };
  } catch {
    const at = firstInvalidUtf8(bytes);
    return {
      ok: false,
      reason: `not UTF-8 text (invalid byte 0x${bytes[at]?.toString(16).padStart(2, '0') ?? '??'} at offset ${at})`,
      hint: 'convert it to UTF-8, e.g. from Latin-1: iconv -f latin1 -t utf-8 FILE > FILE.utf8 && mv FILE.utf8 FILE',
    };
  }
}

/** The offset of the first byte that does not start or continue a valid UTF-8 sequence. */
function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i];
    const n = c < 0x80 ? 0 : c >= 0xc2 && c <= 0xdf ? 1 : c >= 0xe0 && c <= 0xef ? 2 : c >= 0xf0 && c <= 0xf4 ? 3 : -1;
    if (n < 0) return i;
    for (let k = 1; k <= n; k++) if (i + k >= b.length || (b[i + k] & 0xc0) !== 0x80) return i;
    i += n + 1;
  }
  return Math.min(i, b.length - 1);
}
