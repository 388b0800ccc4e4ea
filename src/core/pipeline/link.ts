import type { DocumentResult, EntityCluster, EntityMention, EntityType, Fact } from '../contract';
import { cutAtMarkup, readerText } from '../document';
import { folderNamesOf, linkMentions, mentionsIn, noCorrections, type DocumentEntities, type FolderNames, type NameSpan } from '../entities';
import type { Cluster } from '../entities/aliases';
import { buildFactsSteps } from '../claims/facts';
import { isForeign, markLanguage, taughtOnly } from '../text/language';
import { analyseDocument, DEFAULT_MAX_LENGTH, prepare, type AnalyzeOptions, type Prepared } from './article';
import type { MapRecord } from './record';
import { pushTo } from '../multimap';

/** The map records of a folder in link order (compareIds), read as often as the link step needs. */
export interface RecordSource {
  readonly size: number;
  record(i: number): MapRecord;
}

/** Where the link step keeps something of each article between passes (memory, or a spool file). */
export interface Store<T> {
  put(i: number, value: T): void;
  get(i: number): T;
}

/** Each article's mentions from the second pass to the third, and its result until the folder's facts are known. */
export interface LinkStores {
  mentions: Store<EntityMention[]>;
  results: Store<DocumentResult>;
}

/** Stores in memory (the editor, `analyze`). */
export function memoryStores(): LinkStores {
  const store = <T>(): Store<T> => {
    const kept: T[] = [];
    return { put: (i, v) => void (kept[i] = v), get: (i) => kept[i] };
  };
  return { mentions: store(), results: store() };
}

/** The link step's options: the analysis's, but the tagger (it ran in the map step). */
export type LinkOptions = Omit<AnalyzeOptions, 'recogniser'>;

/** What one full analysis learned about the folder, kept to patch single articles after edits. */
export interface AnalysisContext<O extends LinkOptions = AnalyzeOptions> {
  folder: FolderNames;
  clusters: Map<string, Cluster>;
  /** Mention text → the entity and type it was linked to. */
  surfaces: Map<string, { id: string; type: EntityType }>;
  articleDates: Map<string, Date | undefined>;
  options: O;
}

export interface Linked<O extends LinkOptions = AnalyzeOptions> {
  entities: EntityCluster[];
  facts: Fact[];
  context: AnalysisContext<O>;
  /** Article i's result, complete (its claims point at their facts). */
  document(i: number): DocumentResult;
}

/** Mentions linking reads: all but dates and figures. */
const isName = (m: EntityMention) => m.type !== 'DATE' && m.type !== 'NUMBER';

const dateOf = (ms: number | null | undefined) => (ms === null || ms === undefined ? undefined : new Date(ms));

function prepared(r: MapRecord, options: LinkOptions): Prepared {
  return prepare({ path: r.id, text: r.text, format: r.format }, options.maxLength ?? DEFAULT_MAX_LENGTH, r.skipped);
}

/**
 * The folder's names and date from every record: names once each, in record order (only a name's first
 * place counts), and the dates.
 */
function folderOf(source: RecordSource, corrections: NonNullable<LinkOptions['corrections']>): FolderNames {
  const seen = new Set<string>();
  const found: { text: string; type: NameSpan['type'] }[] = [];
  const ownDates: (Date | undefined)[] = [];
  for (let d = 0; d < source.size; d++) {
    const r = source.record(d);
    for (const [, , type, text] of r.names) {
      const key = `${type}\t${text}`;
      if (seen.has(key)) continue;
      seen.add(key);
      found.push({ text, type });
    }
    ownDates.push(dateOf(r.date));
  }
  const firstDates = () => Array.from({ length: Math.min(50, source.size) }, (_, d) => dateOf(source.record(d).anyDate));
  return folderNamesOf(found, ownDates, firstDates, corrections);
}

/**
 * The link step: everything that needs the whole folder, over map records read one at a time (three passes,
 * so it never holds the texts together): the folder's names and date; each article's mentions, linked into
 * entities across the folder; quotes, speakers and claims; facts across articles. It yields after each
 * article, so a caller can run it at once or in slices.
 */
export function* linkSteps<O extends LinkOptions>(source: RecordSource, options: O, stores: LinkStores): Generator<void, Linked<O>> {
  const corrections = options.corrections ?? noCorrections();
  const folder = folderOf(source, corrections);
  yield;
  // Linking reads only names (not dates or figures), and only their text and type: that much of every article's
  // mentions stays in memory, each name's text once; the whole mentions wait in the store.
  const perDoc: DocumentEntities[] = [];
  const texts = new Map<string, string>();
  for (let d = 0; d < source.size; d++) {
    const r = source.record(d);
    const p = prepared(r, options);
    const articleDate = dateOf(r.date) ?? folder.folderDate;
    const found = mentionsIn(p.doc, r.names.map(([start, end, type]) => ({ start, end, type })), p.markup, { start: 0, end: p.doc.text.length }, folder, articleDate);
    const mentions = isForeign(r.language) ? taughtOnly(found, corrections.accepted) : found;
    stores.mentions.put(d, mentions);
    const names = mentions.filter(isName).map((m) => {
      const text = texts.get(m.text) ?? m.text;
      texts.set(text, text);
      return { start: 0, end: 0, text, type: m.type, entityId: '' };
    });
    perDoc.push({ mentions: names, articleDate });
    yield;
  }
  texts.clear();
  const clusters = linkMentions(perDoc, corrections);
  const context: AnalysisContext<O> = { folder, clusters: new Map(clusters.map((c) => [c.id, c])), surfaces: new Map(), articleDates: new Map(), options };
  // The facts step reads every article's claims, names and sentences (a sentence just under the claim threshold
  // becomes a claim when another article states it): it is given each prepared article, the last part of link that
  // holds the texts together.
  const views: { doc: Prepared['doc']; result: DocumentResult; articleDate?: Date }[] = [];
  const counts = new Map<string, { n: number; docs: Set<string> }>();
  for (let d = 0; d < source.size; d++) {
    const r = source.record(d);
    const p = prepared(r, options);
    const { mentions: names, articleDate } = perDoc[d];
    // The names as linking typed and named them, in the order they were given to it.
    const mentions = stores.mentions.get(d);
    let k = 0;
    for (const m of mentions) {
      if (!isName(m)) continue;
      m.type = names[k].type;
      m.entityId = names[k++].entityId;
    }
    context.articleDates.set(p.doc.path, articleDate);
    for (const m of mentions) if (m.type !== 'DATE' && m.type !== 'NUMBER') context.surfaces.set(m.text, { id: m.entityId, type: m.type });
    const result = analyseDocument(p, mentions, context);
    if (!p.skipped) markLanguage(result, r.language);
    views.push({ doc: p.doc, result: { ...result }, articleDate });
    for (const m of result.entities) {
      const c = counts.get(m.entityId) ?? { n: 0, docs: new Set<string>() };
      c.n++;
      c.docs.add(result.path);
      counts.set(m.entityId, c);
    }
    stores.results.put(d, result);
    perDoc[d] = { mentions: [] };
    yield;
  }

  const facts = yield* buildFactsSteps(views);
  // Facts read whole sentences; what is reported is cut to what a reader sees, and each fact names a claim's first piece.
  const refsOf = new Map<string, Fact['claims']>();
  for (const ref of facts.flatMap((f) => f.claims)) pushTo(refsOf, ref.path, ref);
  const claims = views.map(({ doc, result }) => {
    const whole = result.claims;
    const cut = cutAtMarkup(doc.source, doc.text, doc.hidden, whole);
    if (whole.length === cut.length) return cut;
    for (const ref of refsOf.get(doc.path) ?? []) {
      const head = cut.find((c) => c.partOf?.start === ref.start && c.partOf.end === ref.end);
      if (!head) continue;
      if (ref.text !== undefined) ref.text = readerText(doc.source, doc.hidden, ref);
      ref.start = head.start;
      ref.end = head.end;
    }
    return cut;
  });
  views.length = 0;
  const entities: EntityCluster[] = clusters.map((c) => ({ id: c.id, name: c.name, type: c.type, aliases: c.aliases, mentions: counts.get(c.id)?.n ?? 0, documents: [...(counts.get(c.id)?.docs ?? [])] }));
  entities.sort((a, b) => b.mentions - a.mentions || a.id.localeCompare(b.id));
  const document = (i: number) => ({ ...stores.results.get(i), claims: claims[i] });
  return { entities, facts, context, document };
}
