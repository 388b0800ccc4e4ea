/**
 * W3C Web Annotation Data Model (Recommendation, 23 February 2017) export and import.
 *
 * The export is one `AnnotationCollection` whose embedded first (and only) `AnnotationPage` holds every
 * annotation. Each annotation targets a `SpecificResource` whose `source` is the article's IRI and whose
 * selectors are a `TextQuoteSelector` and a `TextPositionSelector` counted in Unicode code points (the
 * model's unit; the sidecar counts UTF-16 units). Bodies are `TextualBody`s with a purpose:
 * `classifying` (PERSON… or quote/claim/note), `identifying` (entity id, and a quote's speaker),
 * `tagging` (each tag), `describing` (the note).
 *
 * What the model has no word for (the sidecar id, kind, origin, status, and which identifying body is
 * the speaker) travels in extension properties under an inline context prefix
 * `marginalia: urn:marginalia:vocab#`, as the Web Annotation Vocabulary's Extensions section describes;
 * consumers MUST ignore properties they do not know, so other tools read the annotations unchanged.
 */
import { CodePointIndex } from '../anchoring';
import { hash } from '../text/normalize';
import type { Annotation } from '../sidecar/model';
import {
  annotationIri,
  articleForIri,
  extraFields,
  isExtra,
  articleIri,
  exportable,
  idFromAnnotationIri,
  isEntityType,
  isKind,
  isOrigin,
  isStatus,
  utcDateTime,
  type CommonExportOptions,
  type ExportArticle,
  type ImportArticle,
  URN_PREFIX,
} from './common';
import { Collector, type ImportResult } from './collect';

export const ANNO_CONTEXT = 'http://www.w3.org/ns/anno.jsonld';
export const MARGINALIA_VOCAB = 'urn:marginalia:vocab#';
/** The @context of each annotation: the Web Annotation context and our extension prefix. */
export const ANNOTATION_CONTEXT: readonly [string, { marginalia: string }] = [ANNO_CONTEXT, { marginalia: MARGINALIA_VOCAB }];

export interface W3CExportOptions extends CommonExportOptions {
  /** Base IRI the article paths are resolved against for `target.source` (default: `urn:marginalia:<path>`). */
  base?: string;
  /**
   * List rejected annotations (with `marginalia:status` "rejected") among the collection's items. By
   * default they travel beside the items, in the collection's `marginalia:rejected` list: other tools
   * do not take a name the user rejected for an annotation, and an import still gets every rejection.
   */
  includeRejected?: boolean;
  /** Time of the export, recorded as the collection's `generated` (omitted when not given). */
  generated?: string;
  /** Human-readable label of the collection. */
  label?: string;
}

const MOTIVATION: Record<Annotation['kind'], string> = {
  entity: 'identifying',
  quote: 'classifying',
  claim: 'classifying',
  note: 'commenting',
};

type Json = Record<string, unknown>;

function textualBody(purpose: string, value: string, extra: Json = {}): Json {
  return { type: 'TextualBody', purpose, value, ...extra };
}

function bodiesOf(a: Annotation): Json[] {
  const out: Json[] = [];
  const cls = a.kind === 'entity' ? a.type : a.kind;
  if (cls) out.push(textualBody('classifying', cls));
  if (a.entityId) out.push(textualBody('identifying', a.entityId, { 'marginalia:field': 'entityId' }));
  if (a.speaker) out.push(textualBody('identifying', a.speaker, { 'marginalia:field': 'speaker' }));
  for (const t of a.tags) out.push(textualBody('tagging', t));
  if (a.note) out.push(textualBody('describing', a.note, { format: 'text/plain' }));
  // A fact-checker's verdict on a claim is an assessment in the Web Annotation vocabulary.
  if (a.verdict) out.push(textualBody('assessing', a.verdict));
  return out;
}

/** One annotation as a W3C Web Annotation (JSON-LD). `cp` converts the article's offsets to code points. */
export function toW3CAnnotation(article: { path: string }, a: Annotation, cp: CodePointIndex, options: { base?: string; report?: CommonExportOptions['report'] } = {}): Json {
  const o: Json = {
    '@context': ANNOTATION_CONTEXT,
    id: annotationIri(article.path, a.id),
    type: 'Annotation',
    motivation: MOTIVATION[a.kind],
  };
  const created = utcDateTime(a.created);
  const modified = utcDateTime(a.modified);
  if (created) o.created = created;
  else options.report?.({ path: article.path, id: a.id, message: `its creation time ${JSON.stringify(a.created)} is not a date; left out` });
  if (modified) o.modified = modified;
  else options.report?.({ path: article.path, id: a.id, message: `its modification time ${JSON.stringify(a.modified)} is not a date; left out` });
  if (a.origin === 'suggested') o.creator = { type: 'Software', name: 'Marginalia' };
  o.body = bodiesOf(a);
  o.target = {
    type: 'SpecificResource',
    source: articleIri(article.path, options.base),
    selector: [
      { type: 'TextQuoteSelector', exact: a.target.exact, prefix: a.target.prefix, suffix: a.target.suffix },
      { type: 'TextPositionSelector', start: cp.toCodePoint(a.target.start), end: cp.toCodePoint(a.target.end) },
    ],
  };
  o['marginalia:id'] = a.id;
  o['marginalia:kind'] = a.kind;
  o['marginalia:origin'] = a.origin;
  o['marginalia:status'] = a.status;
  for (const [k, v] of Object.entries(extraFields(a))) o[`marginalia:${k}`] = v;
  return o;
}

/** The articles' annotations as one W3C `AnnotationCollection` (JSON-LD text, two-space indent). */
export function exportW3C(articles: readonly ExportArticle[], options: W3CExportOptions = {}): string {
  const items: Json[] = [];
  const rejected: Json[] = [];
  for (const article of articles) {
    const cp = new CodePointIndex(article.text);
    for (const a of exportable(article, { ...options, includeRejected: true })) {
      (a.status === 'rejected' && !options.includeRejected ? rejected : items).push(toW3CAnnotation(article, a, cp, options));
    }
  }
  const collectionId = `${URN_PREFIX}collection:${hash(items.map((i) => i.id as string).join('\n'))}`;
  const collection: Json = {
    '@context': ANNO_CONTEXT,
    id: collectionId,
    type: 'AnnotationCollection',
    label: options.label ?? `Marginalia annotations of ${articles.length} article${articles.length === 1 ? '' : 's'}`,
    total: items.length,
    generator: { type: 'Software', name: 'Marginalia' },
  };
  if (options.generated) {
    const g = utcDateTime(options.generated);
    if (g) collection.generated = g;
  }
  // A page MUST hold one or more annotations, so an empty collection has no page.
  if (items.length) collection.first = { id: `${collectionId}/page1`, type: 'AnnotationPage', startIndex: 0, items };
  if (rejected.length) {
    // The user's rejections, outside the pages (an extension property, which consumers ignore).
    collection['@context'] = ANNOTATION_CONTEXT;
    collection['marginalia:rejected'] = rejected;
  }
  return JSON.stringify(collection, null, 2) + '\n';
}

// ---------------------------------------------------------------------------------------------
// Import

export interface W3CImportOptions {
  /** The base used at export, if any (article IRIs are also matched by path tail without it). */
  base?: string;
  /** Creation time for annotations that have none (default: now). */
  now?: string;
}

function typesOf(node: unknown): string[] {
  if (!node || typeof node !== 'object') return [];
  const t = (node as Json).type ?? (node as Json)['@type'];
  return (Array.isArray(t) ? t : [t]).filter((x): x is string => typeof x === 'string');
}

function asList(v: unknown): unknown[] {
  return v === undefined || v === null ? [] : Array.isArray(v) ? v : [v];
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

/** The annotation objects of a W3C document: a collection (embedded pages), a page, an annotation or an array. */
function annotationNodes(doc: unknown, c: Collector): unknown[] {
  if (Array.isArray(doc)) return doc;
  const types = typesOf(doc);
  const d = doc as Json;
  const pageItems = (page: unknown, seen: Set<unknown>): unknown[] => {
    const out: unknown[] = [];
    for (let p = page, n = 1; p !== undefined && p !== null; n++) {
      if (typeof p === 'string') {
        c.problem(`page ${n} is given only by its IRI (${p}); only embedded pages can be read`);
        break;
      }
      if (seen.has(p) || typeof p !== 'object') break;
      seen.add(p);
      out.push(...asList((p as Json).items));
      p = (p as Json).next;
    }
    return out;
  };
  if (types.includes('AnnotationCollection')) return [...pageItems(d.first, new Set()), ...asList(d['marginalia:rejected'])];
  if (types.includes('AnnotationPage')) return pageItems(d, new Set());
  if (types.includes('Annotation')) return [d];
  c.problem('not a W3C Web Annotation document (expected an AnnotationCollection, AnnotationPage or Annotation)');
  return [];
}

/** Reads a W3C Web Annotation export back into sidecar annotations, per article. Never throws. */
export function importW3C(content: string, articles: readonly ImportArticle[], options: W3CImportOptions = {}): ImportResult {
  const c = new Collector(articles);
  const now = options.now ?? new Date().toISOString();
  let doc: unknown;
  try {
    doc = JSON.parse(content.charCodeAt(0) === 0xfeff ? content.slice(1) : content);
  } catch (e) {
    c.problem(`not valid JSON (${(e as Error).message})`);
    return c.finish();
  }
  const cps = new Map<string, CodePointIndex>();
  const unknownSources = new Set<string>();
  annotationNodes(doc, c).forEach((node, i) => {
    const where = `annotation ${i + 1}`;
    if (!node || typeof node !== 'object' || !typesOf(node).includes('Annotation')) {
      c.problem(`${where} is not an Annotation`);
      return;
    }
    const n = node as Json;
    const label = `${where}${typeof n.id === 'string' ? ` (${n.id})` : ''}`;
    // Target: the first one that is a SpecificResource with a source.
    const target = asList(n.target).find((t): t is Json => !!t && typeof t === 'object' && typeof (t as Json).source === 'string');
    if (!target) {
      c.problem(`${label} has no target with a source and selectors; Marginalia annotations mark text in an article`);
      return;
    }
    const source = target.source as string;
    const article = articleForIri(source, articles, options.base);
    if (!article) {
      if (!unknownSources.has(source)) c.problem(`annotations of ${source} were skipped: no such article among those given`);
      unknownSources.add(source);
      return;
    }
    let cp = cps.get(article.path);
    if (!cp) cps.set(article.path, (cp = new CodePointIndex(article.text)));
    // Selectors.
    let start: number | undefined;
    let end: number | undefined;
    let exact: string | undefined;
    let prefix: string | undefined;
    let suffix: string | undefined;
    for (const s of asList(target.selector)) {
      if (!s || typeof s !== 'object') continue;
      const sel = s as Json;
      const t = typesOf(sel);
      if (t.includes('TextPositionSelector') && start === undefined) {
        const a = sel.start;
        const b = sel.end;
        if (Number.isInteger(a) && Number.isInteger(b) && (a as number) >= 0 && (a as number) <= (b as number)) {
          if ((b as number) <= cp.toCodePoint(article.text.length)) {
            start = cp.toUtf16(a as number);
            end = cp.toUtf16(b as number);
          } else c.problem(`${label}: its TextPositionSelector ends beyond the article's text; ignored`, article.path);
        } else c.problem(`${label}: its TextPositionSelector needs non-negative integer start ≤ end; ignored`, article.path);
      } else if (t.includes('TextQuoteSelector') && exact === undefined) {
        if (typeof sel.exact === 'string') {
          exact = sel.exact;
          prefix = str(sel.prefix) ?? '';
          suffix = str(sel.suffix) ?? '';
        } else c.problem(`${label}: its TextQuoteSelector has no exact text; ignored`, article.path);
      }
    }
    if (start === undefined && exact === undefined) {
      c.problem(`${label} has neither a TextPositionSelector nor a TextQuoteSelector; skipped`, article.path);
      return;
    }
    c.add(article.path, fieldsOf(n, label, article.path, c, now), { start, end, exact, prefix, suffix }, label);
  });
  return c.finish();
}

/** Everything but the target of one annotation, from its bodies, motivation and extension properties. */
function fieldsOf(n: Json, label: string, path: string, c: Collector, now: string): Omit<Annotation, 'target'> {
  const classes: string[] = [];
  const tags: string[] = [];
  const notes: string[] = [];
  let entityId: string | undefined;
  let speaker: string | undefined;
  let verdict: string | undefined;
  const identifying: string[] = [];
  const motivations = asList(n.motivation).filter((m): m is string => typeof m === 'string');
  if (typeof n.bodyValue === 'string') notes.push(n.bodyValue);
  for (const b of asList(n.body)) {
    if (typeof b === 'string') {
      // An external resource (an IRI): an identity when the annotation identifies, else nothing we keep.
      if (motivations.includes('identifying') && !entityId) entityId = b;
      else c.problem(`${label}: its body ${b} is an external resource; not kept`, path);
      continue;
    }
    if (!b || typeof b !== 'object') continue;
    const body = b as Json;
    const value = str(body.value) ?? (typesOf(body).includes('SpecificResource') ? str(body.source) : str(body.id));
    if (value === undefined) continue;
    const purposes = asList(body.purpose).filter((p): p is string => typeof p === 'string');
    const purpose = purposes[0] ?? (motivations.includes('tagging') ? 'tagging' : motivations.includes('classifying') ? 'classifying' : motivations.includes('identifying') ? 'identifying' : 'describing');
    switch (purpose) {
      case 'classifying':
        classes.push(value);
        break;
      case 'tagging':
        if (!tags.includes(value)) tags.push(value);
        break;
      case 'identifying': {
        const field = body['marginalia:field'];
        if (field === 'speaker') speaker = value;
        else if (field === 'entityId') entityId = value;
        else identifying.push(value);
        break;
      }
      case 'assessing':
        verdict ??= value;
        break;
      default:
        notes.push(value);
    }
  }
  // Kind: the extension's, else from the classifying body, else a note.
  const extKind = n['marginalia:kind'];
  let kind = isKind(extKind) ? extKind : undefined;
  let type: Annotation['type'];
  for (const cls of classes) {
    if (isEntityType(cls.toUpperCase())) {
      type = cls.toUpperCase() as Annotation['type'];
      kind ??= 'entity';
    } else if (isKind(cls.toLowerCase()) && cls.toLowerCase() !== 'entity') kind ??= cls.toLowerCase() as Annotation['kind'];
    else if (cls.toLowerCase() !== 'entity') {
      if (!tags.includes(cls)) tags.push(cls);
      c.problem(`${label}: unknown classification ${JSON.stringify(cls)} kept as a tag`, path);
    }
  }
  kind ??= motivations.includes('identifying') ? 'entity' : 'note';
  if (kind !== 'entity') type = undefined;
  // Identifying bodies without our field: a quote's is its speaker, anything else's its entity id.
  for (const v of identifying) {
    if (kind === 'quote' && speaker === undefined) speaker = v;
    else if (entityId === undefined) entityId = v;
  }
  const extId = n['marginalia:id'];
  const iri = str(n.id);
  const id = typeof extId === 'string' && extId ? extId : (iri && idFromAnnotationIri(iri)) ?? (iri ? `w-${hash(iri).slice(0, 12)}` : undefined);
  const extOrigin = n['marginalia:origin'];
  const creator = n.creator as Json | undefined;
  const byUs = !!creator && typeof creator === 'object' && typesOf(creator).includes('Software') && creator.name === 'Marginalia';
  const origin = isOrigin(extOrigin) ? extOrigin : byUs ? 'suggested' : 'user';
  const extStatus = n['marginalia:status'];
  const status = isStatus(extStatus) ? extStatus : origin === 'suggested' ? 'suggested' : 'accepted';
  const created = str(n.created) ?? now;
  const modified = str(n.modified) ?? created;
  const extra: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(n)) {
    const name = k.startsWith('marginalia:') ? k.slice('marginalia:'.length) : '';
    if (name && !['id', 'kind', 'origin', 'status', 'field'].includes(name) && isExtra(name, v)) extra[name] = v;
  }
  return {
    ...extra,
    id: id ?? `w-${hash(`${path}|${JSON.stringify(n.target)}|${JSON.stringify(n.body)}`).slice(0, 12)}`,
    kind,
    origin,
    status,
    ...(type ? { type } : {}),
    ...(entityId !== undefined ? { entityId } : {}),
    ...(kind === 'quote' ? { speaker: speaker ?? null } : speaker !== undefined ? { speaker } : {}),
    tags,
    ...(notes.length ? { note: notes.join('\n\n') } : {}),
    ...(verdict !== undefined && extra.verdict === undefined ? { verdict } : {}),
    created,
    modified,
  };
}
