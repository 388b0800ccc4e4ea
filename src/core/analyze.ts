import type { AnalysisResult, DocumentResult, EntityMention, Quote } from './contract';
import { cutAtMarkup, isMarkdownPath } from './document';
import { mentionsIn } from './entities';
import { slug } from './text/normalize';
import { recogniseNames } from './entities';
import { isForeign, taughtOnly } from './text/language';
import { analyseDocument, DEFAULT_MAX_LENGTH, prepare, type AnalyzeOptions, type ArticleInput } from './pipeline/article';
import { mapArticle } from './pipeline/map';
import { linkSteps, memoryStores, type AnalysisContext, type Linked } from './pipeline/link';
import { compareIds, type MapRecord } from './pipeline/record';

export { DEFAULT_MAX_LENGTH, unreadableReason, type AnalyzeOptions, type ArticleInput } from './pipeline/article';
export type { AnalysisContext } from './pipeline/link';

/**
 * Link map records held in memory. The link step reads them in its own order (compareIds), so the result is
 * the same whatever order they were mapped in; the documents are listed in the order the records were given.
 */
export function* linkRecordsSteps(records: readonly MapRecord[], options: AnalyzeOptions): Generator<void, { result: AnalysisResult; context: AnalysisContext }> {
  const order = records.map((_, i) => i).sort((a, b) => compareIds(records[a].id, records[b].id));
  const linked: Linked = yield* linkSteps({ size: order.length, record: (i) => records[order[i]] }, options, memoryStores());
  const documents: DocumentResult[] = [];
  order.forEach((given, i) => (documents[given] = linked.document(i)));
  return { result: { documents, entities: linked.entities, facts: linked.facts }, context: linked.context };
}

/** linkRecordsSteps run at once. */
export function linkRecords(records: readonly MapRecord[], options: AnalyzeOptions): AnalysisResult {
  const steps = linkRecordsSteps(records, options);
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value.result;
  }
}

/**
 * The full analysis as a sequence of steps: the map step for each article, then the link step over their
 * records, exactly as `marginalia map | marginalia link` runs it. It yields after each article's heavy work,
 * so a caller can run it at once (`runAnalysis`) or in slices that leave the event loop free (`runAnalysisSliced`).
 */
function* analysisSteps(inputs: readonly ArticleInput[], options: AnalyzeOptions): Generator<void, { result: AnalysisResult; context: AnalysisContext }> {
  const records: MapRecord[] = [];
  for (const input of inputs) {
    records.push(mapArticle(input, options));
    yield;
  }
  return yield* linkRecordsSteps(records, options);
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
