/**
 * What every exporter and importer shares: the article shape, problem reports, labels, IRIs, and the
 * step that decides which annotations an export writes and where they are in the article now.
 * Pure TypeScript (no fs, no vscode).
 */
import { ENTITY_TYPES, type EntityType, type Fact } from '../contract';
import { describe, reanchor, type AnchorTarget } from '../anchoring';
import type { Annotation, AnnotationKind, AnnotationOrigin, AnnotationStatus } from '../sidecar/model';

/** One article to export: its path (as reported, forward slashes), its text as read, its annotations. */
export interface ExportArticle {
  path: string;
  text: string;
  annotations: readonly Annotation[];
  /** The analysis' facts (of any article; only those naming this article's path are used). For the CSV. */
  facts?: readonly Fact[];
}

/** One article to import into: its path and its current text. */
export interface ImportArticle {
  path: string;
  text: string;
}

/** Something an export skipped or an import could not take as it was; never thrown, always reported. */
export interface Problem {
  /** The article it concerns, when known. */
  path?: string;
  /** The annotation it concerns (sidecar id, or where it is in the import file). */
  id?: string;
  message: string;
}

/** A problem on one line: `path: id: message`, leaving out what it does not know. */
export function problemLine(p: Problem): string {
  return [p.path, p.id, p.message].filter(Boolean).join(': ');
}

export type Report = (problem: Problem) => void;

export interface CommonExportOptions {
  /** Called for each annotation that is not exported (or moved) and why. */
  report?: Report;
}

export const KINDS: readonly AnnotationKind[] = ['entity', 'quote', 'claim', 'note'];
export const ORIGINS: readonly AnnotationOrigin[] = ['suggested', 'user'];
export const STATUSES: readonly AnnotationStatus[] = ['suggested', 'accepted', 'rejected'];

export function isEntityType(v: unknown): v is EntityType {
  return typeof v === 'string' && (ENTITY_TYPES as readonly string[]).includes(v);
}
export function isKind(v: unknown): v is AnnotationKind {
  return typeof v === 'string' && (KINDS as readonly string[]).includes(v);
}
export function isOrigin(v: unknown): v is AnnotationOrigin {
  return typeof v === 'string' && (ORIGINS as readonly string[]).includes(v);
}
export function isStatus(v: unknown): v is AnnotationStatus {
  return typeof v === 'string' && (STATUSES as readonly string[]).includes(v);
}

/** The span label of the JSONL and brat exports: the entity type, or QUOTE, CLAIM, NOTE. */
export function spanLabel(a: Pick<Annotation, 'kind' | 'type'>): string {
  switch (a.kind) {
    case 'entity':
      return a.type ?? 'ENTITY';
    case 'quote':
      return 'QUOTE';
    case 'claim':
      return 'CLAIM';
    default:
      return 'NOTE';
  }
}

/** Kind and type of a span label (the inverse of `spanLabel`), or undefined for a label we do not know. */
export function fromLabel(label: string): { kind: AnnotationKind; type?: EntityType } | undefined {
  const l = label.trim().toUpperCase();
  if (isEntityType(l)) return { kind: 'entity', type: l };
  if (l === 'ENTITY') return { kind: 'entity' };
  if (l === 'QUOTE') return { kind: 'quote' };
  if (l === 'CLAIM') return { kind: 'claim' };
  if (l === 'NOTE') return { kind: 'note' };
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// IRIs. Annotations live in sidecar files, not on a server, so they have no dereferenceable
// address. A URN names them without pretending one: `urn:marginalia:<article path>#<annotation id>`
// is the same on every export of the same annotation (so another store can update rather than
// duplicate it), keeps the article and the sidecar id readable, and is recoverable on import.
// Path segments and the id are percent-encoded, so the IRI is valid whatever the file is called and
// a raw ':' never appears in the article part (`urn:marginalia:collection:` cannot clash with it).

export const URN_PREFIX = 'urn:marginalia:';

export function encodePath(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

function decodePath(s: string): string | undefined {
  try {
    return s.split('/').map(decodeURIComponent).join('/');
  } catch {
    return undefined;
  }
}

/** The IRI of an article: `base` + path when a base is given (e.g. `https://news.example.org/` or `file:///home/me/corpus/`), else `urn:marginalia:<path>`. */
export function articleIri(path: string, base?: string): string {
  if (base) {
    try {
      return new URL(encodePath(path), base).href;
    } catch {
      // An unusable base falls back to the URN.
    }
  }
  return URN_PREFIX + encodePath(path);
}

/** The IRI of an annotation: `urn:marginalia:<article path>#<annotation id>`. */
export function annotationIri(path: string, id: string): string {
  return `${URN_PREFIX}${encodePath(path)}#${encodeURIComponent(id)}`;
}

/** The sidecar id inside one of our annotation IRIs, if it is one. */
export function idFromAnnotationIri(iri: string): string | undefined {
  if (!iri.startsWith(URN_PREFIX)) return undefined;
  const hash = iri.indexOf('#');
  if (hash < 0 || hash === iri.length - 1) return undefined;
  try {
    return decodeURIComponent(iri.slice(hash + 1));
  } catch {
    return undefined;
  }
}

/**
 * Finds the article an IRI names: exactly (our URN or base + path), else the article whose path is the
 * IRI's path tail (an export made with another base, or a file:// IRI of the same tree), else the one
 * article given with the same file name (the folder was renamed or moved since the export).
 */
export function articleForIri(iri: string, articles: readonly ImportArticle[], base?: string): ImportArticle | undefined {
  for (const a of articles) if (articleIri(a.path) === iri || (base && articleIri(a.path, base) === iri)) return a;
  let rest = iri.split('#')[0].split('?')[0];
  if (rest.startsWith(URN_PREFIX)) rest = rest.slice(URN_PREFIX.length);
  const decoded = decodePath(rest) ?? rest;
  let best: ImportArticle | undefined;
  for (const a of articles) {
    if (decoded === a.path || decoded.endsWith('/' + a.path)) {
      if (!best || a.path.length > best.path.length) best = a;
    }
  }
  return best ?? articleByFileName(decoded, articles);
}

/** The one article whose file name is that of `path` (none when several are): for a renamed or moved folder. */
export function articleByFileName<A extends { path: string }>(path: string, articles: readonly A[]): A | undefined {
  const name = path.split('/').pop();
  const same = articles.filter((a) => a.path.split('/').pop() === name);
  return same.length === 1 ? same[0] : undefined;
}

/** The article path an IRI names when no article list is at hand (our URN, or a path under `base`). */
export function pathFromIri(iri: string, base?: string): string | undefined {
  const clean = iri.split('#')[0];
  if (clean.startsWith(URN_PREFIX)) return decodePath(clean.slice(URN_PREFIX.length));
  if (base) {
    try {
      const b = new URL(base).href;
      if (clean.startsWith(b)) return decodePath(clean.slice(b.length));
    } catch {
      // not a usable base
    }
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------

export interface ExportableOptions {
  /** Also export rejected annotations (the W3C export can, to carry the user's rejections). */
  includeRejected?: boolean;
  report?: Report;
}

/**
 * The annotations of an article an export writes, sorted by position, each with a target that selects
 * exactly its text in `article.text` now (context recomputed). Rejected annotations are left out unless
 * asked for; orphaned ones always are (they have no place in the text). An annotation whose stored
 * text is no longer at its offsets (the article changed since the sidecar was written) is found again
 * with the re-anchoring engine; one that cannot be found is left out and reported.
 */
export function exportable(article: ExportArticle, options: ExportableOptions = {}): Annotation[] {
  const { text } = article;
  const out: Annotation[] = [];
  const lost: Annotation[] = [];
  let orphaned = 0;
  for (const a of article.annotations) {
    if (a.orphaned) {
      orphaned++;
      continue;
    }
    if (a.status === 'rejected' && !options.includeRejected) continue;
    const { start, end, exact } = a.target;
    if (Number.isInteger(start) && Number.isInteger(end) && start >= 0 && start <= end && end <= text.length && text.slice(start, end) === exact) {
      out.push(withTarget(a, text, start, end));
    } else lost.push(a);
  }
  if (orphaned && options.report) options.report({ path: article.path, message: `${orphaned} orphaned annotation${orphaned === 1 ? '' : 's'} not exported (their text is no longer in the article)` });
  if (lost.length) {
    const targets: AnchorTarget[] = lost.map((a) => ({
      position: { type: 'TextPositionSelector', start: clampInt(a.target.start, text.length), end: clampInt(a.target.end, text.length) },
      quote: { type: 'TextQuoteSelector', exact: a.target.exact, prefix: a.target.prefix, suffix: a.target.suffix },
    }));
    const found = reanchor(text, targets);
    lost.forEach((a, i) => {
      const r = found[i];
      if (r.status !== 'orphaned' && r.start !== undefined && r.end !== undefined) {
        out.push(withTarget(a, text, r.start, r.end));
        options.report?.({ path: article.path, id: a.id, message: `its text had moved (the sidecar is older than the article); exported at its new place ${r.start}-${r.end}` });
      } else {
        options.report?.({ path: article.path, id: a.id, message: `not exported: its text ${JSON.stringify(short(a.target.exact))} is no longer in the article (${r.reason ?? 'not found'})` });
      }
    });
  }
  return out.sort(byPosition);
}

/**
 * Fields every format maps explicitly. Any other field of an annotation (one added to the model later,
 * such as `mergedInto`) travels as it is, so that a round trip keeps it; only simple values are taken
 * back on import, and never over a mapped field.
 */
const MAPPED = new Set(['id', 'kind', 'origin', 'status', 'type', 'entityId', 'speaker', 'tags', 'note', 'orphaned', 'created', 'modified', 'target']);

export type Extra = Record<string, string | number | boolean>;

export function extraFields(a: Annotation): Extra {
  const out: Extra = {};
  for (const [k, v] of Object.entries(a)) if (isExtra(k, v)) out[k] = v;
  return out;
}

export function isExtra(key: string, value: unknown): value is string | number | boolean {
  return !MAPPED.has(key) && /^[A-Za-z][A-Za-z0-9_]*$/.test(key) && (typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value)));
}

export function byPosition(a: Annotation, b: Annotation): number {
  return a.target.start - b.target.start || a.target.end - b.target.end || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** A copy of `a` whose target is `text[start, end)` with fresh context. */
export function withTarget(a: Annotation, text: string, start: number, end: number): Annotation {
  return { ...a, target: targetAt(text, start, end) };
}

export function targetAt(text: string, start: number, end: number): Annotation['target'] {
  const t = describe(text, start, end);
  return { start: t.position.start, end: t.position.end, exact: t.quote.exact, prefix: t.quote.prefix, suffix: t.quote.suffix };
}

function clampInt(n: unknown, max: number): number {
  return typeof n === 'number' && Number.isFinite(n) ? Math.max(0, Math.min(Math.floor(n), max)) : 0;
}

export function short(s: string, n = 40): string {
  return s.length > n ? s.slice(0, n - 1) + '…' : s;
}

/** `s` when it is an xsd:dateTime in UTC ("Z"), else the same instant in that form, else undefined. */
export function utcDateTime(s: string | undefined): string | undefined {
  if (typeof s !== 'string') return undefined;
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/.test(s) && !Number.isNaN(Date.parse(s))) return s;
  const t = Date.parse(s);
  return Number.isNaN(t) ? undefined : new Date(t).toISOString();
}
