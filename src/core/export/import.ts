/**
 * Import: which format a file is, reading it (W3C or JSONL), which articles it names, and merging the
 * imported annotations into a sidecar's. Pure TypeScript; never throws on bad input.
 */
import { isUserDecision, mergeAnnotations, type Annotation } from '../sidecar';
import { extraFields, pathFromIri } from './common';
import type { ImportArticle } from './common';
import type { ImportResult } from './collect';
import { importJsonl, type JsonlOffsets } from './jsonl';
import { importW3C } from './w3c';
import type { ImportFormat } from './formats';

export interface ImportOptions {
  /** The format; detected from the file name and content when not given. */
  format?: ImportFormat;
  /** W3C: the base IRI used at export, if any. */
  base?: string;
  /** JSONL: the offset unit of lines that do not say (default 'codepoint'). */
  offsets?: JsonlOffsets;
  /** Creation time for annotations that have none (default: now). */
  now?: string;
}

/** The format of an import file: by extension (.jsonl/.ndjson, .json/.jsonld), else by content. */
export function detectFormat(content: string, fileName = ''): ImportFormat {
  if (/\.(jsonl|ndjson)$/i.test(fileName)) return 'jsonl';
  if (/\.(jsonld|json)$/i.test(fileName)) return 'w3c';
  const body = content.charCodeAt(0) === 0xfeff ? content.slice(1) : content;
  try {
    const v = JSON.parse(body) as unknown;
    // One JSON value: W3C unless it is a single JSONL line.
    if (v && typeof v === 'object' && !Array.isArray(v) && typeof (v as Record<string, unknown>).text === 'string') return 'jsonl';
    return 'w3c';
  } catch {
    return 'jsonl';
  }
}

/** Reads an export (W3C or JSONL) back into sidecar annotations for the given articles. */
export function importAnnotations(content: string, articles: readonly ImportArticle[], options: ImportOptions & { fileName?: string } = {}): ImportResult {
  const format = options.format ?? detectFormat(content, options.fileName);
  return format === 'jsonl' ? importJsonl(content, articles, options) : importW3C(content, articles, options);
}

/**
 * The article paths an export names (W3C: sources that are our URNs or under `base`; JSONL: the
 * `marginalia.path` of each line), in order of first appearance. For importing without naming articles.
 */
export function referencedPaths(content: string, options: { format?: ImportFormat; fileName?: string; base?: string } = {}): string[] {
  const format = options.format ?? detectFormat(content, options.fileName);
  const out = new Set<string>();
  const body = content.charCodeAt(0) === 0xfeff ? content.slice(1) : content;
  if (format === 'jsonl') {
    for (const row of body.split(/\r?\n/)) {
      try {
        const p = (JSON.parse(row) as { marginalia?: { path?: unknown } })?.marginalia?.path;
        if (typeof p === 'string') out.add(p);
      } catch {
        // not a line we can read; importing reports it
      }
    }
    return [...out];
  }
  let doc: unknown;
  try {
    doc = JSON.parse(body);
  } catch {
    return [];
  }
  const visit = (v: unknown, depth: number): void => {
    if (depth > 8 || !v || typeof v !== 'object') return;
    if (Array.isArray(v)) {
      for (const x of v) visit(x, depth + 1);
      return;
    }
    const o = v as Record<string, unknown>;
    if (typeof o.source === 'string') {
      const p = pathFromIri(o.source, options.base);
      if (p) out.add(p);
    }
    for (const k of ['first', 'next', 'items', 'target']) visit(o[k], depth + 1);
  };
  visit(doc, 0);
  return [...out];
}

export interface MergeResult {
  annotations: Annotation[];
  /** Imported annotations that are new to the sidecar. */
  added: number;
  /** Imported annotations that replaced a different one (same id, or same kind and place). */
  updated: number;
  /** Imported annotations the sidecar already had as they are. */
  unchanged: number;
  /** Imported plain suggestions not taken because the sidecar has a user decision there. */
  skipped: number;
}

const FIELDS = ['id', 'kind', 'origin', 'status', 'type', 'entityId', 'speaker', 'note', 'orphaned', 'created', 'modified'] as const;

/** Same annotation field by field (tags as a set, the target's five parts). */
export function sameAnnotation(a: Annotation, b: Annotation): boolean {
  const canon = (x: Annotation) =>
    JSON.stringify([
      ...FIELDS.map((k) => (x[k] === undefined ? '\u0000none' : x[k])),
      Object.entries(extraFields(x)).sort(([p], [q]) => (p < q ? -1 : 1)),
      [...x.tags].sort(),
      [x.target.start, x.target.end, x.target.exact, x.target.prefix, x.target.suffix],
    ]);
  return canon(a) === canon(b);
}

/**
 * Merges imported annotations into a sidecar's, with the sidecar's own rule (`mergeAnnotations`): user
 * decisions win over suggestions at the same place. Imported decisions (accepted, rejected, tagged,
 * noted, or made by a user) replace what the sidecar has with the same id or at the same place;
 * imported plain suggestions only fill places the sidecar leaves empty; imported orphans are only
 * added when their id is new (their place is a guess). Nothing the import does not mention is removed.
 */
export function mergeImported(existing: readonly Annotation[], imported: readonly Annotation[]): MergeResult {
  const placed = imported.filter((a) => !a.orphaned);
  const orphans = imported.filter((a) => a.orphaned);
  const decisions = placed.filter(isUserDecision);
  const plain = placed.filter((a) => !isUserDecision(a));
  const merged = mergeAnnotations(existing, decisions);
  const key = (a: Annotation) => `${a.kind}:${a.target.start}:${a.target.end}`;
  const ids = new Set(merged.map((a) => a.id));
  const places = new Set(merged.map(key));
  let skipped = 0;
  for (const a of plain) {
    if (ids.has(a.id) || places.has(key(a))) {
      if (!existing.some((x) => x.id === a.id && sameAnnotation(x, a))) skipped++;
      continue;
    }
    merged.push(a);
    ids.add(a.id);
    places.add(key(a));
  }
  for (const a of orphans) {
    if (ids.has(a.id)) continue;
    merged.push(a);
    ids.add(a.id);
  }
  // Counts, by what became of each imported annotation.
  const before = new Map(existing.map((a) => [a.id, a]));
  const after = new Set(merged);
  let added = 0;
  let updated = 0;
  let unchanged = 0;
  for (const a of imported) {
    if (!after.has(a)) {
      const old = before.get(a.id);
      if (old && sameAnnotation(old, a)) unchanged++;
      continue;
    }
    const old = before.get(a.id);
    if (old) {
      if (sameAnnotation(old, a)) unchanged++;
      else updated++;
    } else if (existing.some((x) => key(x) === key(a) && !merged.includes(x))) updated++;
    else added++;
  }
  return { annotations: merged, added, updated, unchanged, skipped };
}
