/**
 * JSONL spans, one line per article, as doccano imports for sequence labelling and as spaCy users
 * load into `Doc.char_span`: `{"text": …, "label": [[start, end, "LABEL"], …]}`.
 *
 * Offsets. spaCy (and any Python reader, and doccano's own examples and backend) index text by Unicode
 * code point, so the default is code points: `text[start:end]` in Python is the span. doccano's
 * annotation screen, though, counts UTF-16 code units (its v-annotator takes offsets from the browser
 * selection; doccano issue #2290), or grapheme clusters in a project created with "Count grapheme
 * clusters as one character". The two agree unless the text has characters outside the Basic
 * Multilingual Plane (emoji); for doccano's screen on such text, export with `offsets: 'utf16'`.
 * Line ends are counted as they are in the file (CRLF is two), as both tools do: the text travels in
 * the same line, so there is nothing to re-read differently.
 *
 * Labels: the entity type (PERSON, ORG, PLACE, DATE, NUMBER), QUOTE, CLAIM, NOTE. Orphaned annotations
 * are not exported; rejected ones are no spans, but travel in `marginalia.rejected` (same records), so
 * an import keeps the user's rejections. Spans overlap (a quote contains names): doccano needs a project that
 * allows overlapping spans; spaCy users put them in `doc.spans`, not `doc.ents`.
 *
 * Each line also carries a `marginalia` object (doccano keeps unknown keys as metadata; spaCy users
 * ignore it): the article path, the offset unit, and per span the sidecar fields (id, kind, origin,
 * status, entityId, speaker, tags, note, times) so that the import gives back the same annotations.
 */
import { CodePointIndex, describe } from '../anchoring';
import { hash } from '../text/normalize';
import type { Annotation } from '../sidecar/model';
import {
  articleByFileName,
  exportable,
  extraFields,
  fromLabel,
  isExtra,
  isEntityType,
  isKind,
  isOrigin,
  isStatus,
  spanLabel,
  type CommonExportOptions,
  type ExportArticle,
  type ImportArticle,
} from './common';
import { Collector, type ImportResult } from './collect';

export type JsonlOffsets = 'codepoint' | 'utf16';

export interface JsonlExportOptions extends CommonExportOptions {
  /** Offset unit: 'codepoint' (default; Python, spaCy) or 'utf16' (doccano's annotation screen). */
  offsets?: JsonlOffsets;
  /** Add the `marginalia` object that lets the import restore every field (default true). */
  metadata?: boolean;
}

export type Span = [number, number, string];

/** One JSONL line per article (articles without annotations give `"label": []`), each ending in "\n". */
export function exportJsonl(articles: readonly ExportArticle[], options: JsonlExportOptions = {}): string {
  const unit = options.offsets ?? 'codepoint';
  const lines: string[] = [];
  for (const article of articles) {
    const cp = unit === 'codepoint' ? new CodePointIndex(article.text) : undefined;
    const at = (o: number) => (cp ? cp.toCodePoint(o) : o);
    const label: Span[] = [];
    const records: Record<string, unknown>[] = [];
    const rejected: Record<string, unknown>[] = [];
    for (const a of exportable(article, { ...options, includeRejected: options.metadata !== false })) {
      const span: Span = [at(a.target.start), at(a.target.end), spanLabel(a)];
      // A rejected name is no span for doccano or spaCy: it travels in the metadata only.
      if (a.status !== 'rejected') label.push(span);
      (a.status === 'rejected' ? rejected : records).push({
        span,
        id: a.id,
        kind: a.kind,
        origin: a.origin,
        status: a.status,
        ...(a.type ? { type: a.type } : {}),
        ...(a.entityId !== undefined ? { entityId: a.entityId } : {}),
        ...(a.speaker !== undefined ? { speaker: a.speaker } : {}),
        tags: [...a.tags],
        ...(a.note !== undefined ? { note: a.note } : {}),
        created: a.created,
        modified: a.modified,
        ...extraFields(a),
      });
    }
    const line: Record<string, unknown> = { text: article.text, label };
    if (options.metadata !== false) line.marginalia = { path: article.path, offsets: unit, annotations: records, ...(rejected.length ? { rejected } : {}) };
    lines.push(JSON.stringify(line));
  }
  return lines.map((l) => l + '\n').join('');
}

// ---------------------------------------------------------------------------------------------
// Import

export interface JsonlImportOptions {
  /** Offset unit of lines that do not say (default 'codepoint'). */
  offsets?: JsonlOffsets;
  /** Creation time for annotations that have none (default: now). */
  now?: string;
}

/** Spans of a line: `label` / `labels` as [start, end, label] triples, or doccano's `entities` objects. */
function spansOf(line: Record<string, unknown>): { spans: unknown[]; key: string } | undefined {
  for (const key of ['label', 'labels', 'entities', 'spans']) if (Array.isArray(line[key])) return { spans: line[key] as unknown[], key };
  return undefined;
}

function asSpan(s: unknown): Span | undefined {
  if (Array.isArray(s) && s.length >= 3 && Number.isInteger(s[0]) && Number.isInteger(s[1]) && typeof s[2] === 'string') return [s[0], s[1], s[2]];
  if (s && typeof s === 'object') {
    const o = s as Record<string, unknown>;
    const start = o.start_offset ?? o.start;
    const end = o.end_offset ?? o.end;
    const label = o.label;
    if (Number.isInteger(start) && Number.isInteger(end) && typeof label === 'string') return [start as number, end as number, label];
  }
  return undefined;
}

/** Reads JSONL spans (ours, or doccano's / spaCy users' plain lines) back into sidecar annotations. Never throws. */
export function importJsonl(content: string, articles: readonly ImportArticle[], options: JsonlImportOptions = {}): ImportResult {
  const c = new Collector(articles);
  const now = options.now ?? new Date().toISOString();
  const body = content.charCodeAt(0) === 0xfeff ? content.slice(1) : content;
  const rows = body.split(/\r?\n/);
  // Lines that are not JSON objects: a few are reported each; a file of nothing else is said to be no JSONL.
  const bad: string[] = [];
  let read = 0;
  rows.forEach((row, r) => {
    if (!row.trim()) return;
    const where = `line ${r + 1}`;
    let line: Record<string, unknown>;
    try {
      const v = JSON.parse(row) as unknown;
      if (!v || typeof v !== 'object' || Array.isArray(v)) throw new Error('not an object');
      line = v as Record<string, unknown>;
    } catch (e) {
      bad.push(`${where} is not a JSON object (${(e as Error).message})`);
      return;
    }
    read++;
    const text = line.text ?? line.data;
    if (typeof text !== 'string') {
      c.problem(`${where} has no "text"`);
      return;
    }
    const meta = (line.marginalia && typeof line.marginalia === 'object' ? line.marginalia : {}) as Record<string, unknown>;
    // The article: the one the line names, else the one with exactly this text.
    let article = typeof meta.path === 'string' ? articles.find((a) => a.path === meta.path) : undefined;
    if (!article) {
      const same = articles.filter((a) => a.text === text);
      const byName = typeof meta.path === 'string' ? articleByFileName(meta.path, articles) : undefined;
      if (same.length === 1) article = same[0];
      else if (byName) article = byName;
      else {
        c.problem(`${where} (${typeof meta.path === 'string' ? meta.path : JSON.stringify(text.slice(0, 40))}) matches ${same.length ? 'several articles' : 'no article given'}; skipped`);
        return;
      }
    }
    const found = spansOf(line);
    if (!found) return; // an unlabelled text
    const unit: JsonlOffsets = meta.offsets === 'utf16' || meta.offsets === 'codepoint' ? meta.offsets : options.offsets ?? 'codepoint';
    const cp = unit === 'codepoint' ? new CodePointIndex(text) : undefined;
    const lineCpLength = cp ? cp.toCodePoint(text.length) : text.length;
    // Records by span, in order (two notes may share a span).
    const records = new Map<string, Record<string, unknown>[]>();
    for (const rec of Array.isArray(meta.annotations) ? meta.annotations : []) {
      const span = rec && typeof rec === 'object' ? asSpan((rec as Record<string, unknown>).span) : undefined;
      if (!span) continue;
      const k = span.join('|');
      records.set(k, [...(records.get(k) ?? []), rec as Record<string, unknown>]);
    }
    const sameText = text === article.text;
    if (!sameText) c.problem(`${where}: the article's text has changed since the export; spans are found again by their text`, article.path);
    const path = article.path;
    const seen = new Map<string, number>();
    found.spans.forEach((raw, i) => {
      const at = `${where}, span ${i + 1}`;
      const span = asSpan(raw);
      if (!span || span[0] < 0 || span[0] > span[1] || span[1] > lineCpLength) {
        c.problem(`${at}: not a span [start, end, "LABEL"] within the text; skipped`, path);
        return;
      }
      const [s, e, label] = span;
      const start = cp ? cp.toUtf16(s) : s;
      const end = cp ? cp.toUtf16(e) : e;
      const queue = records.get(span.join('|'));
      const rec = queue?.shift();
      const n = seen.get(span.join('|')) ?? 0;
      seen.set(span.join('|'), n + 1);
      const fields = rec ? fromRecord(rec, label, now) : fromPlainLabel(label, `${path}|${s}|${e}|${label}${n ? `|${n}` : ''}`, now);
      if (!fields) {
        c.problem(`${at}: unknown label ${JSON.stringify(label)}; skipped`, path);
        return;
      }
      if (sameText) c.add(path, fields, { start, end, exact: text.slice(start, end) }, at);
      else {
        const t = describe(text, start, end);
        c.add(path, fields, { start, end, exact: t.quote.exact, prefix: t.quote.prefix, suffix: t.quote.suffix }, at);
      }
    });
    // The user's rejections: records with their span, outside `label`.
    (Array.isArray(meta.rejected) ? meta.rejected : []).forEach((rec: unknown, i: number) => {
      const at = `${where}, rejected ${i + 1}`;
      const span = rec && typeof rec === 'object' ? asSpan((rec as Record<string, unknown>).span) : undefined;
      const fields = span ? fromRecord(rec as Record<string, unknown>, span[2], now) : undefined;
      if (!span || !fields || span[0] < 0 || span[0] > span[1] || span[1] > lineCpLength) {
        c.problem(`${at}: not a record with a span [start, end, "LABEL"] within the text; skipped`, path);
        return;
      }
      const start = cp ? cp.toUtf16(span[0]) : span[0];
      const end = cp ? cp.toUtf16(span[1]) : span[1];
      const t = describe(text, start, end);
      c.add(path, fields, sameText ? { start, end, exact: text.slice(start, end) } : { start, end, exact: t.quote.exact, prefix: t.quote.prefix, suffix: t.quote.suffix }, at);
    });
  });
  if (bad.length && !read) c.problem(`not JSONL: none of its ${bad.length} line${bad.length === 1 ? ' is a JSON object' : 's is a JSON object'} (${bad[0]}); import a JSONL or W3C export of Marginalia, doccano or spaCy`);
  else {
    for (const b of bad.slice(0, 3)) c.problem(b);
    if (bad.length > 3) c.problem(`… and ${bad.length - 3} more lines that are not JSON objects`);
  }
  return c.finish();
}

/** A span without metadata: a user's annotation (someone labelled it), id from its place and label. */
function fromPlainLabel(label: string, key: string, now: string): Omit<Annotation, 'target'> | undefined {
  const k = fromLabel(label);
  if (!k) return undefined;
  return {
    id: `j-${hash(key).slice(0, 12)}`,
    kind: k.kind,
    origin: 'user',
    status: 'accepted',
    ...(k.type ? { type: k.type } : {}),
    ...(k.kind === 'quote' ? { speaker: null } : {}),
    tags: [],
    created: now,
    modified: now,
  };
}

function fromRecord(rec: Record<string, unknown>, label: string, now: string): Omit<Annotation, 'target'> | undefined {
  const byLabel = fromLabel(label);
  const kind = isKind(rec.kind) ? rec.kind : byLabel?.kind;
  if (!kind) return undefined;
  const type = kind === 'entity' ? (isEntityType(rec.type) ? rec.type : byLabel?.type) : undefined;
  const tags = Array.isArray(rec.tags) ? rec.tags.filter((t): t is string => typeof t === 'string') : [];
  const created = typeof rec.created === 'string' ? rec.created : now;
  const extra: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(rec)) if (k !== 'span' && isExtra(k, v)) extra[k] = v;
  return {
    ...extra,
    id: typeof rec.id === 'string' && rec.id ? rec.id : `j-${hash(JSON.stringify(rec)).slice(0, 12)}`,
    kind,
    origin: isOrigin(rec.origin) ? rec.origin : 'user',
    status: isStatus(rec.status) ? rec.status : 'accepted',
    ...(type ? { type } : {}),
    ...(typeof rec.entityId === 'string' ? { entityId: rec.entityId } : {}),
    ...(typeof rec.speaker === 'string' || rec.speaker === null ? { speaker: rec.speaker as string | null } : kind === 'quote' ? { speaker: null } : {}),
    tags,
    ...(typeof rec.note === 'string' ? { note: rec.note } : {}),
    created,
    modified: typeof rec.modified === 'string' ? rec.modified : created,
  };
}
