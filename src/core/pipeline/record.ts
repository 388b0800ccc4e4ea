import type { NameSpan } from '../entities';
import type { LanguageGuess } from '../text/language';

/**
 * What the map step learns of one article without looking at any other: the link step's input. It carries
 * the text (the link step reads it again, one record at a time, to find the folder's names in it) and
 * what the folder steps need from every article at once: the names the tagger found and the dates.
 */
export interface MapRecord {
  id: string;
  text: string;
  format?: 'markdown';
  /** Why the article is not analysed (too large, binary); then nothing else is read from it. */
  skipped?: string;
  /** The tagger's names, as [start, end, type, text] in the analysis text (text so the folder step needs no parse). */
  names: [number, number, NameSpan['type'], string][];
  language: LanguageGuess;
  /** The article's own date (ms since 1970), or null when it gives none. */
  date: number | null;
  /** When it gives none: the first date it holds anywhere (the folder's last resort when no article gives one). */
  anyDate?: number | null;
}

/**
 * The order the link step reads records in, whatever order they arrive in: by id, compared path segment by
 * segment (`a/b.txt` before `a-c.txt`), which is the order `analyze` lists a folder's files in. The order
 * matters: ties in the folder steps go to the first article.
 */
export function compareIds(a: string, b: string): number {
  const x = a.split('/');
  const y = b.split('/');
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i] < y[i] ? -1 : 1;
  return x.length - y.length;
}

/** Why a parsed JSON value is not a map record, or null when it is one (a record from another version or tool is refused, not misread). */
export function recordProblem(v: unknown): string | null {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return 'not a JSON object';
  const r = v as Partial<MapRecord>;
  if (typeof r.id !== 'string' || !r.id) return 'no "id" (a non-empty string)';
  if (typeof r.text !== 'string') return 'no "text" (a string): is this a map record? (`marginalia map` writes them)';
  if (!Array.isArray(r.names) || typeof r.language !== 'object' || r.language === null || !('date' in r)) return 'not a map record (written by another version of `marginalia map`?): no "names", "language" or "date"';
  return null;
}
