import type { AnalysisResult, DocumentResult, EntityCluster, EntityMention, EntityType, Quote, Speaker } from './contract';
import { cutAtMarkup, isMarkdownPath, mergeSpans, parseArticle, readerText, type ArticleDocument, type Span } from './document';
import { mentionsIn, type FolderNames } from './entities';
import { slug } from './text/normalize';
import { findBoilerplate, type BoilerplateZone } from './boilerplate';
import { findArticleDate, folderNames, linkMentions, recogniseNames, noCorrections, type Corrections, type DocumentEntities, type NameRecogniser, type NameSpan } from './entities';
import type { Cluster } from './entities/aliases';
import { findQuotes } from './quotes/scan';
import { attributeQuotes } from './quotes/attribute';
import type { SpeakerModel } from './quotes/speakers';
import { findClaims } from './claims/claims';
import { buildFactsSteps } from './claims/facts';
import { guessLanguage, isForeign, markLanguage, taughtOnly, type LanguageGuess } from './text/language';

export interface ArticleInput {
  path: string;
  text: string;
}

export interface AnalyzeOptions {
  recogniser: NameRecogniser;
  corrections?: Corrections;
  /** Articles larger than this (UTF-16 units) are skipped with a message; the editor must never hang. */
  maxLength?: number;
  /** The quote speaker chooser (default: the one trained on PolNeAR, models/speaker-polnear.json). */
  speakerModel?: SpeakerModel;
}

export const DEFAULT_MAX_LENGTH = 5_000_000;

/** Why a file cannot be analysed as an article, or null when it can. */
export function unreadableReason(text: string, maxLength = DEFAULT_MAX_LENGTH): string | null {
  if (text.length > maxLength) return `too large to analyse (${(text.length / 1e6).toFixed(1)} M characters; the limit is ${(maxLength / 1e6).toFixed(1)} M)`;
  const head = text.slice(0, 8192);
  if (head.includes('\u0000')) return 'binary file (contains NUL bytes)';
  const bad = (head.match(/\uFFFD/g) ?? []).length;
  if (bad > 8 && bad > head.length / 100) return 'not UTF-8 text (many undecodable bytes)';
  return null;
}

interface Prepared {
  doc: ArticleDocument;
  zones: BoilerplateZone[];
  /** Everything a reader does not see inside prose: the document's hidden Markdown and stray HTML-like markup. */
  markup: Span[];
  skipped?: string;
}

function prepare(input: ArticleInput, maxLength: number): Prepared {
  const skipped = unreadableReason(input.text, maxLength) ?? undefined;
  const doc = parseArticle(input.path, skipped ? '' : input.text);
  const zones = skipped ? [] : findBoilerplate(doc);
  const markup = zones.filter((z) => z.reason === 'markup');
  if (markup.length) {
    // Blank stray markup in the analysis text so no analyser reads it (offsets unchanged).
    let out = '';
    let at = 0;
    for (const z of markup) {
      out += doc.text.slice(at, z.start) + doc.text.slice(z.start, z.end).replace(/[^\r\n]/g, ' ');
      at = z.end;
    }
    doc.text = out + doc.text.slice(at);
    doc.hidden = mergeSpans([...doc.hidden, ...markup]);
  }
  return { doc, zones, markup: doc.hidden, skipped };
}

/** What one full analysis learned about the folder, kept to patch single articles after edits. */
export interface AnalysisContext {
  folder: FolderNames;
  clusters: Map<string, Cluster>;
  /** Mention text → the entity and type it was linked to. */
  surfaces: Map<string, { id: string; type: EntityType }>;
  articleDates: Map<string, Date | undefined>;
  options: AnalyzeOptions;
}

/** Quotes, their speakers named by their entity, and claims for one prepared document. */
function analyseDocument(p: Prepared, mentions: EntityMention[], context: Pick<AnalysisContext, 'clusters' | 'options'>, earlier: readonly EntityMention[] = [], spokenBefore: readonly Speaker[] = []): DocumentResult {
  // The speaker is chosen and named by its entity in one place (quotes/attribute).
  const quotes: Quote[] = attributeQuotes(p.doc, findQuotes(p.doc.text, p.doc.blocks, p.markup), earlier.length ? [...earlier, ...mentions] : mentions, { clusters: context.clusters, model: context.options.speakerModel, spokenBefore });
  const result: DocumentResult = {
    path: p.doc.path,
    entities: mentions,
    quotes: cutAtMarkup(p.doc.source, p.doc.text, p.markup, quotes),
    claims: [],
    boilerplate: p.zones.map((z) => ({ start: z.start, end: z.end, reason: z.reason })),
  };
  if (p.skipped) result.skipped = p.skipped;
  else result.claims = findClaims(p.doc, mentions, p.zones);
  return result;
}

/**
 * The full analysis as a sequence of steps: it yields after each document's heavy work, so a caller
 * can run it at once (`runAnalysis`) or in slices that leave the event loop free (`runAnalysisSliced`).
 */
function* analysisSteps(inputs: readonly ArticleInput[], options: AnalyzeOptions): Generator<void, { result: AnalysisResult; context: AnalysisContext }> {
  const maxLength = options.maxLength ?? DEFAULT_MAX_LENGTH;
  const corrections = options.corrections ?? noCorrections();
  const prepared: Prepared[] = [];
  const names: NameSpan[][] = [];
  const languages: LanguageGuess[] = [];
  for (const input of inputs) {
    const p = prepare(input, maxLength);
    prepared.push(p);
    // The analysis is English-only: in an article clearly in another language the tagger reads nothing.
    const language = guessLanguage(p.doc.text);
    languages.push(language);
    names.push(p.skipped || isForeign(language) ? [] : recogniseNames(p.doc, options.recogniser, p.markup));
    yield;
  }
  const docs = prepared.map((p) => p.doc);
  const ownDates: (Date | undefined)[] = [];
  for (let d = 0; d < docs.length; d++) {
    ownDates.push(findArticleDate(docs[d].text, prepared[d].zones.filter((z) => z.reason === 'photo-credit')));
    yield;
  }
  const folder = folderNames(docs, names, ownDates, corrections);
  const perDoc: DocumentEntities[] = [];
  for (let d = 0; d < docs.length; d++) {
    const articleDate = ownDates[d] ?? folder.folderDate;
    const mentions = mentionsIn(docs[d], names[d], prepared[d].markup, { start: 0, end: docs[d].text.length }, folder, articleDate);
    perDoc.push({ mentions: isForeign(languages[d]) ? taughtOnly(mentions, corrections.accepted) : mentions, articleDate });
    yield;
  }
  const clusters = linkMentions(perDoc, corrections);
  const context: AnalysisContext = { folder, clusters: new Map(clusters.map((c) => [c.id, c])), surfaces: new Map(), articleDates: new Map(), options };
  const documents: DocumentResult[] = [];
  for (let d = 0; d < prepared.length; d++) {
    const p = prepared[d];
    context.articleDates.set(p.doc.path, perDoc[d].articleDate);
    for (const m of perDoc[d].mentions) if (m.type !== 'DATE' && m.type !== 'NUMBER') context.surfaces.set(m.text, { id: m.entityId, type: m.type });
    const result = analyseDocument(p, perDoc[d].mentions, context);
    documents.push(p.skipped ? result : markLanguage(result, languages[d]));
    yield;
  }

  const facts = yield* buildFactsSteps(prepared.map((p, d) => ({ doc: p.doc, result: documents[d], articleDate: perDoc[d].articleDate })));
  // Facts read whole sentences; what is reported is cut to what a reader sees, and each fact names a claim's first piece.
  prepared.forEach((p, d) => {
    const whole = documents[d].claims;
    documents[d].claims = cutAtMarkup(p.doc.source, p.doc.text, p.markup, whole);
    if (whole.length === documents[d].claims.length) return;
    for (const ref of facts.flatMap((f) => f.claims).filter((r) => r.path === p.doc.path)) {
      const head = documents[d].claims.find((c) => c.partOf?.start === ref.start && c.partOf.end === ref.end);
      if (!head) continue;
      if (ref.text !== undefined) ref.text = readerText(p.doc.source, p.markup, ref);
      ref.start = head.start;
      ref.end = head.end;
    }
  });

  const counts = new Map<string, { n: number; docs: Set<string> }>();
  for (const r of documents) {
    for (const m of r.entities) {
      const c = counts.get(m.entityId) ?? { n: 0, docs: new Set<string>() };
      c.n++;
      c.docs.add(r.path);
      counts.set(m.entityId, c);
    }
  }
  const entities: EntityCluster[] = clusters.map((c) => ({ id: c.id, name: c.name, type: c.type, aliases: c.aliases, mentions: counts.get(c.id)?.n ?? 0, documents: [...(counts.get(c.id)?.docs ?? [])] }));
  entities.sort((a, b) => b.mentions - a.mentions || a.id.localeCompare(b.id));
  return { result: { documents, entities, facts }, context };
}

/** The full analysis, with the context needed to patch articles after edits. */
export function runAnalysis(inputs: readonly ArticleInput[], options: AnalyzeOptions): { result: AnalysisResult; context: AnalysisContext } {
  const steps = analysisSteps(inputs, options);
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

export class AnalysisCancelled extends Error {
  constructor() {
    super('analysis cancelled');
  }
}

/**
 * The same analysis in slices of at most `sliceMs` of work, with a macrotask between slices so the host
 * stays responsive (the extension host must never be blocked for long). `cancelled` is polled between
 * slices; when it says so the analysis stops with AnalysisCancelled.
 */
export async function runAnalysisSliced(
  inputs: readonly ArticleInput[],
  options: AnalyzeOptions,
  sliceMs = 15,
  cancelled: () => boolean = () => false,
): Promise<{ result: AnalysisResult; context: AnalysisContext }> {
  const steps = analysisSteps(inputs, options);
  let sliceStart = Date.now();
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
    if (Date.now() - sliceStart >= sliceMs) {
      await new Promise((resolve) => setTimeout(resolve, 0));
      if (cancelled()) throw new AnalysisCancelled();
      sliceStart = Date.now();
    }
  }
}

/**
 * Analyses a set of articles together: entities linked across all of them, quotes with speakers,
 * claims, and facts that several articles state (with their discrepancies).
 */
export function analyzeArticles(inputs: readonly ArticleInput[], options: AnalyzeOptions): AnalysisResult {
  return runAnalysis(inputs, options).result;
}

/**
 * The part of an edited text that must be analysed again: what differs between the old and new text
 * (common prefix and suffix removed), widened to whole paragraphs plus one on each side (quotes and
 * their attribution run over paragraph ends), and over any old quote it cuts into.
 */
export function changedRegion(oldText: string, newText: string, previous: DocumentResult | undefined, markdown: boolean): { start: number; oldEnd: number; newEnd: number } {
  const max = Math.min(oldText.length, newText.length);
  // Compare in blocks first (string equality is a memory compare), then character by character.
  const BLOCK = 4096;
  let prefix = 0;
  while (prefix + BLOCK <= max && oldText.substr(prefix, BLOCK) === newText.substr(prefix, BLOCK)) prefix += BLOCK;
  while (prefix < max && oldText.charCodeAt(prefix) === newText.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (suffix + BLOCK <= max - prefix && oldText.substr(oldText.length - suffix - BLOCK, BLOCK) === newText.substr(newText.length - suffix - BLOCK, BLOCK)) suffix += BLOCK;
  while (suffix < max - prefix && oldText.charCodeAt(oldText.length - 1 - suffix) === newText.charCodeAt(newText.length - 1 - suffix)) suffix++;
  let start = prefix;
  let oldEnd = oldText.length - suffix;
  for (const q of previous?.quotes ?? []) {
    if (q.start - 1 < oldEnd && start < q.end + 1) {
      start = Math.min(start, Math.max(0, q.start - 1));
      oldEnd = Math.max(oldEnd, Math.min(oldText.length, q.end + 1));
    }
  }
  // A paragraph is a line in plain text, and runs to a blank line in Markdown.
  const isBoundary = (line: string) => !markdown || line.trim() === '';
  const lineStart = (text: string, at: number) => text.lastIndexOf('\n', at - 1) + 1;
  const before = (text: string, at: number, paragraphs: number) => {
    let pos = lineStart(text, at);
    for (let k = 0; k < paragraphs && pos > 0; ) {
      pos = lineStart(text, pos - 1);
      if (isBoundary(text.slice(pos, text.indexOf('\n', pos) < 0 ? text.length : text.indexOf('\n', pos)))) k++;
    }
    return pos;
  };
  const after = (text: string, at: number, paragraphs: number) => {
    let pos = at;
    for (let k = 0; k < paragraphs && pos < text.length; ) {
      const nl = text.indexOf('\n', pos);
      if (nl < 0) return text.length;
      pos = nl + 1;
      const next = text.indexOf('\n', pos);
      if (isBoundary(text.slice(pos, next < 0 ? text.length : next))) k++;
    }
    return pos;
  };
  const delta = newText.length - oldText.length;
  const newStart = before(newText, start, 2);
  const newEnd = after(newText, oldEnd + delta, 2);
  return { start: newStart, oldEnd: newEnd - delta, newEnd };
}

/**
 * Moves a span in place. Patching owns the previous result's objects (FolderAnalyzer replaces the
 * article's result with the patched one), and a 1 MB article has tens of thousands of them: copying
 * each on every keystroke would cost more than the analysis.
 */
function shift<T extends { start: number; end: number; partOf?: { start: number; end: number } }>(x: T, by: number): T {
  x.start += by;
  x.end += by;
  if (x.partOf) {
    x.partOf.start += by;
    x.partOf.end += by;
  }
  return x;
}

function shiftQuote(q: Quote, by: number): Quote {
  shift(q, by);
  if (q.speaker) shift(q.speaker, by);
  if (q.cue) shift(q.cue, by);
  return q;
}

/**
 * Re-analyses only the changed paragraphs of one article, using what the last full analysis learned
 * about the folder (names, entity ids, the article's date). Everything outside the region is kept and
 * shifted. Facts across articles are not recomputed here.
 */
export function patchDocument(previous: DocumentResult, oldText: string, newText: string, context: AnalysisContext): DocumentResult {
  const path = previous.path;
  const region = changedRegion(oldText, newText, previous, isMarkdownPath(path));
  const delta = newText.length - oldText.length;
  const p = prepare({ path, text: newText.slice(region.start, region.newEnd) }, context.options.maxLength ?? DEFAULT_MAX_LENGTH);
  if (region.start > 0 && p.doc.blocks[0]?.kind === 'heading' && p.doc.format === 'text') p.doc.blocks[0] = { ...p.doc.blocks[0], kind: 'paragraph', depth: undefined };
  // The article's language is the one its full analysis found (an edit seldom changes it; the next full analysis would see it).
  const foreign = previous.language !== undefined && isForeign({ code: previous.language, english: 0, words: 0 });
  const names = foreign ? [] : recogniseNames(p.doc, context.options.recogniser, p.markup);
  const found = mentionsIn(p.doc, names, p.markup, { start: 0, end: p.doc.text.length }, context.folder, context.articleDates.get(path) ?? context.folder.folderDate);
  const mentions = foreign ? taughtOnly(found, context.folder.corrections.accepted) : found;
  for (const m of mentions) {
    if (m.type === 'DATE' || m.type === 'NUMBER') continue;
    const known = context.surfaces.get(m.text);
    if (known && !context.folder.corrections.accepted.has(m.text)) {
      m.entityId = known.id;
      m.type = known.type;
    } else m.entityId = `${m.type.toLowerCase()}:${slug(m.text)}`;
  }
  // Only for `he said` resolution: the people named shortly before the region are enough.
  const earlier: EntityMention[] = [];
  for (let i = previous.entities.length - 1; i >= 0 && earlier.length < 20; i--) {
    const m = previous.entities[i];
    if (m.end <= region.start && m.type === 'PERSON') earlier.unshift({ ...m, start: m.start - region.start, end: m.end - region.start });
  }
  // …and who spoke before the region (the chooser weighs a speaker heard before).
  const spokenBefore = previous.quotes.filter((q) => q.end <= region.start && q.speaker).map((q) => q.speaker!);
  const local = analyseDocument(p, mentions, context, earlier, spokenBefore);
  local.claims = cutAtMarkup(p.doc.source, p.doc.text, p.markup, local.claims);
  // Before the region: kept as they are; the region's own; after it: shifted. All stay in text order.
  const splice = <T extends { start: number; end: number }>(old: readonly T[], fresh: readonly T[], move: (x: T, by: number) => T): T[] => {
    const out: T[] = [];
    let i = 0;
    while (i < old.length && old[i].end <= region.start) out.push(old[i++]);
    for (const x of fresh) out.push(move(x, region.start));
    for (; i < old.length; i++) if (old[i].start >= region.oldEnd) out.push(delta ? move(old[i], delta) : old[i]);
    return out;
  };
  return {
    path,
    entities: splice(previous.entities, local.entities, shift),
    quotes: splice(previous.quotes, local.quotes, shiftQuote),
    claims: splice(previous.claims, foreign ? [] : local.claims, shift),
    boilerplate: splice(previous.boilerplate, local.boilerplate, shift),
    ...(previous.language !== undefined ? { language: previous.language } : {}),
    ...(previous.warnings ? { warnings: previous.warnings } : {}),
  };
}
