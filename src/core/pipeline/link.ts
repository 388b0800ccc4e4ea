import type { Claim, DocumentResult, EntityCluster, EntityMention, EntityType, Fact } from '../contract';
import { cutAtMarkup } from '../document';
import { folderNamesOf, linkNames, mentionsIn, NameTable, noCorrections, type FolderNames, type LinkedNames, type NameSpan } from '../entities';
import type { Cluster } from '../entities/aliases';
import { FactsCollector, nearClaimsOf } from '../claims/facts';
import { demonymsOf } from '../claims/wording';
import { isForeign, markLanguage, taughtOnly } from '../text/language';
import { analyseDocument, DEFAULT_MAX_LENGTH, prepare, type AnalyzeOptions, type Prepared } from './article';
import type { MapRecord } from './record';

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

/**
 * An article's result until the folder's facts are known: its claims (and the sentences just under the claim
 * threshold, which become claims when another article states them) as cut at markup, one list of pieces each.
 */
export interface HeldResult {
  result: DocumentResult;
  claims: Claim[][];
  near: Claim[][];
}

/** Each article's mentions from the second pass to the third, and its result until the folder's facts are known. */
export interface LinkStores {
  mentions: Store<EntityMention[]>;
  results: Store<HeldResult>;
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

/** Each article's names as linking typed and named them, one article at a time (what demonymsOf reads). */
function* linkedEntities(names: NameTable, linked: LinkedNames): Generator<{ entities: Pick<EntityMention, 'type' | 'text' | 'entityId'>[] }> {
  for (let d = 0; d < names.articles; d++) {
    yield { entities: Array.from({ length: names.count(d) }, (_, k) => {
      const name = names.name(d, k);
      return { type: linked.type[name], text: names.texts[name], entityId: linked.entityId[name] };
    }) };
  }
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
  // mentions stays in memory, as numbers into a table of the distinct names; the whole mentions wait in the store.
  const names = new NameTable();
  const articleDates: (Date | undefined)[] = [];
  for (let d = 0; d < source.size; d++) {
    const r = source.record(d);
    const p = prepared(r, options);
    const articleDate = dateOf(r.date) ?? folder.folderDate;
    const found = mentionsIn(p.doc, r.names.map(([start, end, type]) => ({ start, end, type })), p.markup, { start: 0, end: p.doc.text.length }, folder, articleDate);
    const mentions = isForeign(r.language) ? taughtOnly(found, corrections.accepted) : found;
    stores.mentions.put(d, mentions);
    names.addArticle(mentions.filter(isName));
    articleDates.push(articleDate);
    yield;
  }
  const linkedNames = linkNames(names, corrections);
  const clusters = linkedNames.clusters;
  const context: AnalysisContext<O> = { folder, clusters: new Map(clusters.map((c) => [c.id, c])), surfaces: new Map(), articleDates: new Map(), options };
  // The facts step reads every article's claims, names and sentences (a sentence just under the claim threshold
  // becomes a claim when another article states it). It takes each article's claims as the article is analysed
  // and keeps only their terms, passages and figures; demonyms come from the linked names, as the results hold them.
  const facts = new FactsCollector(demonymsOf(linkedEntities(names, linkedNames)));
  // Each entity's mentions and articles (numbered, in order: an article is listed once).
  const counts = new Map<string, { n: number; docs: number[] }>();
  const paths: string[] = [];
  for (let d = 0; d < source.size; d++) {
    const r = source.record(d);
    const p = prepared(r, options);
    const articleDate = articleDates[d];
    // The names as linking typed and named them, in the order they were given to it.
    const mentions = stores.mentions.get(d);
    let k = 0;
    for (const m of mentions) {
      if (!isName(m)) continue;
      const name = names.name(d, k++);
      m.type = linkedNames.type[name];
      m.entityId = linkedNames.entityId[name];
    }
    context.articleDates.set(p.doc.path, articleDate);
    for (const m of mentions) if (m.type !== 'DATE' && m.type !== 'NUMBER') context.surfaces.set(m.text, { id: m.entityId, type: m.type });
    const result = analyseDocument(p, mentions, context);
    if (!p.skipped) markLanguage(result, r.language);
    // Facts read whole sentences; what is reported is cut to what a reader sees.
    const near = nearClaimsOf({ doc: p.doc, result });
    const cut = (claims: Claim[]) => claims.map((c) => cutAtMarkup(p.doc.source, p.doc.text, p.doc.hidden, [c]));
    const held = { result: { ...result, claims: [] }, claims: cut(result.claims), near: cut(near) };
    facts.add(d, { doc: p.doc, result, articleDate }, near, [...held.claims, ...held.near]);
    for (const m of result.entities) {
      const c = counts.get(m.entityId) ?? { n: 0, docs: [] };
      c.n++;
      if (c.docs[c.docs.length - 1] !== d) c.docs.push(d);
      counts.set(m.entityId, c);
    }
    paths.push(result.path);
    stores.results.put(d, held);
    yield;
  }

  const found = yield* facts.facts({ path: (d) => paths[d], source: (d) => source.record(d).text });
  const entities: EntityCluster[] = clusters.map((c) => ({ id: c.id, name: c.name, type: c.type, aliases: c.aliases, mentions: counts.get(c.id)?.n ?? 0, documents: (counts.get(c.id)?.docs ?? []).map((d) => paths[d]) }));
  entities.sort((a, b) => b.mentions - a.mentions || a.id.localeCompare(b.id));
  // Each document as printed: its claims with those the facts made, pointing at their facts, cut to what a reader sees.
  const document = (i: number) => {
    const { result, claims, near } = stores.results.get(i);
    return { ...result, claims: found.claimsOf(i, claims, near).flat() };
  };
  return { entities, facts: found.facts, context, document };
}
