import type { EntityMention, EntityType } from '../contract';
import { coversHidden, visibleParts, type ArticleDocument, type Span } from '../document';
import { findDates, findArticleDate } from './dates';
import { findNumbers } from './numbers';
import { NameLexicon } from './lexicon';
import type { NameRecogniser, NameSpan } from './names';
import { hasOrgHead, METONYM_NAMES, metonymType, trimName, typeFromContext } from './refine';
import { linkEntities, type Cluster } from './aliases';
import { slug } from '../text/normalize';

export type { NameRecogniser, NameSpan } from './names';
export { findNumbers, quantitiesAgree, type NumberMention } from './numbers';
export { findDates, findArticleDate, type DateMention } from './dates';

export interface DocumentEntities {
  mentions: EntityMention[];
  articleDate?: Date;
}

export interface Corrections {
  /** Strings the user rejected as names: never suggested again. */
  rejected: Set<string>;
  /** Names the user marked, accepted or retyped, with their type: suggested everywhere they occur, with that type. */
  accepted: Map<string, EntityType>;
  /** Names the user merged into another entity: alias → a name of the entity it belongs to. */
  merges: Map<string, string>;
}

export const noCorrections = (): Corrections => ({ rejected: new Set(), accepted: new Map(), merges: new Map() });

/** Names found by the recogniser in one document, trimmed and typed from context. */
export function recogniseNames(doc: ArticleDocument, recogniser: NameRecogniser, markup: readonly Span[]): NameSpan[] {
  const out: NameSpan[] = [];
  for (const raw of recogniser.recognise(doc.text, doc.sentences)) {
    // The tagger reads across blanked markup (`Russia-[NATO](…) Council`): a name is cut to what a reader sees.
    for (const part of visibleParts(doc.text, markup, raw)) {
      const trimmed = trimName(doc.text, { ...part, type: raw.type });
      if (trimmed) out.push({ ...trimmed, type: typeFromContext(doc.text, trimmed) });
    }
  }
  return out;
}

/**
 * The folder's names: every name found, and the surnames of multi-word person names (`Biden` once
 * `Joe Biden` is known). A surname is only taken from a full name whose first word is not a name of
 * its own: `Biden Putin` (an image label) and `Russia Zircon` (a tagging slip) give no surnames.
 */
function buildLexicon(found: { text: string; type: NameSpan['type'] }[]): NameLexicon {
  const lexicon = new NameLexicon();
  const single = new Set(found.filter((n) => !/\s/.test(n.text)).map((n) => n.text));
  // A span made only of names that stand alone (`Biden Putin`) is not a name of its own: it is split.
  for (const n of found) if (!n.text.split(/[\s-]+/).every((w) => single.has(w)) || !/[\s-]/.test(n.text)) lexicon.add(n.text, n.type);
  for (const n of found) {
    const words = n.text.split(/\s+/);
    if (n.type === 'PERSON' && words.length >= 2 && !single.has(words[0])) lexicon.add(words[words.length - 1], 'PERSON');
  }
  return lexicon;
}

/**
 * `Biden-Putin`, `US-Russia`, an image label `Biden Putin`: a span made only of names that stand on
 * their own elsewhere is several mentions. A compound with an organisation head (`Russia-NATO
 * Council`) stays whole.
 */
function splitCompounds(text: string, names: NameSpan[], lexicon: NameLexicon): NameSpan[] {
  const out: NameSpan[] = [];
  for (const n of names) {
    const s = text.slice(n.start, n.end);
    // Most names are one word: nothing to split (and no word to look up).
    if (!/[\s-]/.test(s)) {
      out.push(n);
      continue;
    }
    const parts = [...s.matchAll(/[^\s-]+/g)];
    if (parts.length < 2 || hasOrgHead(s) || (/\s/.test(s) && n.type !== 'PERSON')) {
      out.push(n);
      continue;
    }
    const types = parts.map((p) => lexicon.typeOfWord(p[0].replace(/[’']s$/, '')));
    if (types.some((t) => !t)) {
      out.push(n);
      continue;
    }
    parts.forEach((p, i) => out.push({ start: n.start + p.index!, end: n.start + p.index! + p[0].replace(/[’']s$/, '').length, type: types[i]! }));
  }
  return out;
}

function mostCommonDate(dates: (Date | undefined)[]): Date | undefined {
  const counts = new Map<string, { date: Date; n: number }>();
  for (const d of dates) {
    if (!d) continue;
    const k = d.toISOString().slice(0, 10);
    counts.set(k, { date: d, n: (counts.get(k)?.n ?? 0) + 1 });
  }
  // Ties go to the latest date: a folder's stories are read as of their newest.
  return [...counts.values()].sort((a, b) => b.n - a.n || b.date.getTime() - a.date.getTime())[0]?.date;
}

/**
 * One sense per name across the folder: every mention of the same string takes the type most of its
 * mentions have (the tagger may call one `Biden` a place among sixty people). The user's types win.
 */
function oneTypePerName(perDoc: DocumentEntities[], corrections: Corrections): void {
  const votes = new Map<string, Map<EntityType, number>>();
  for (const p of perDoc) {
    for (const m of p.mentions) {
      if (m.type === 'DATE' || m.type === 'NUMBER') continue;
      const v = votes.get(m.text) ?? new Map<EntityType, number>();
      v.set(m.type, (v.get(m.type) ?? 0) + 1);
      votes.set(m.text, v);
    }
  }
  for (const p of perDoc) {
    for (const m of p.mentions) {
      if (m.type === 'DATE' || m.type === 'NUMBER' || corrections.accepted.has(m.text) || metonymType(m.text)) continue;
      const v = [...votes.get(m.text)!.entries()].sort((a, b) => b[1] - a[1]);
      if (v.length > 1 && v[0][1] > v[1][1]) m.type = v[0][0];
    }
  }
}

/** Keeps the first of overlapping spans, in the order given (so callers pass the most trusted first). */
function withoutOverlaps<T extends Span>(spans: T[]): T[] {
  // Accepted spans, sorted by start, kept in a list searched by binary search: O(n log n).
  const kept: T[] = [];
  const overlaps = (s: T) => {
    let lo = 0;
    let hi = kept.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (kept[mid].start < s.end) lo = mid + 1;
      else hi = mid;
    }
    // kept[lo - 1] is the last span starting before s ends; spans do not overlap each other, so only it can.
    return lo > 0 && kept[lo - 1].end > s.start;
  };
  for (const s of spans) {
    if (overlaps(s)) continue;
    let i = kept.length;
    while (i > 0 && kept[i - 1].start > s.start) i--;
    kept.splice(i, 0, s);
  }
  return kept;
}

/** What the folder as a whole says about names: used for every article, and for patching one after an edit. */
export interface FolderNames {
  lexicon: NameLexicon;
  userLexicon: NameLexicon;
  corrections: Corrections;
  /** The date most articles give, for articles that give none. */
  folderDate?: Date;
}

/** `ownDates`: each article's own date (findArticleDate), or undefined where it gives none. */
export function folderNames(
  docs: readonly ArticleDocument[],
  namesPerDoc: readonly NameSpan[][],
  ownDates: readonly (Date | undefined)[],
  corrections: Corrections,
): FolderNames {
  const found = namesPerDoc.flatMap((names, d) => names.map((n) => ({ text: docs[d].text.slice(n.start, n.end), type: n.type })));
  return folderNamesOf(found, ownDates, () => docs.slice(0, 50).map((doc) => findArticleDate(doc.text)), corrections);
}

/**
 * folderNames from what it reads of the articles, so a link step can build it without their texts: the names
 * found, in article order (a repeated name and type may be given once: only its first place counts), the
 * articles' own dates, and, asked only when none gives one, the dates the first 50 articles hold anywhere.
 */
export function folderNamesOf(
  found: readonly { text: string; type: NameSpan['type'] }[],
  ownDates: readonly (Date | undefined)[],
  firstDates: () => (Date | undefined)[],
  corrections: Corrections,
): FolderNames {
  const lexicon = buildLexicon(found.filter((n) => !corrections.rejected.has(n.text)));
  // Institutions known by their building are names wherever they appear (`the Kremlin said`).
  for (const name of METONYM_NAMES) if (!corrections.rejected.has(name)) lexicon.add(name, 'ORG');
  // The user's own names come first: they win over any overlapping suggestion.
  const userLexicon = new NameLexicon();
  for (const [name, type] of corrections.accepted) {
    if (type === 'PERSON' || type === 'ORG' || type === 'PLACE') userLexicon.add(name, type);
  }
  // An article that gives no date of its own is read against the date most articles of the folder give:
  // a folder is usually one story or one period. With no dated article at all, relative dates stay
  // unresolved; dates in photo captions are the last resort.
  const folderDate = mostCommonDate([...ownDates]) ?? mostCommonDate(firstDates());
  return { lexicon, userLexicon, corrections, folderDate };
}

/**
 * The mentions in `range` of a document (its blocks inside the range): the recogniser's names, the
 * folder's names found again, dates and numbers, without overlaps. Entity ids are set by linking.
 */
export function mentionsIn(doc: ArticleDocument, names: readonly NameSpan[], markup: readonly Span[], range: Span, folder: FolderNames, articleDate: Date | undefined): EntityMention[] {
  const { lexicon, userLexicon, corrections } = folder;
  const suggested = [...splitCompounds(doc.text, [...names], lexicon), ...lexicon.find(doc.text, range)].sort((a, b) => a.start - b.start || b.end - a.end);
  const kept = withoutOverlaps([...userLexicon.find(doc.text, range), ...suggested])
    .filter((n) => !corrections.rejected.has(doc.text.slice(n.start, n.end)) && !coversHidden(markup, n.start, n.end));
  const mentions: EntityMention[] = kept.map((n) => {
    const text = doc.source.slice(n.start, n.end);
    return { start: n.start, end: n.end, text, type: corrections.accepted.get(text) ?? n.type, entityId: '' };
  });
  for (const block of doc.blocks) {
    if (block.end <= range.start || block.start >= range.end) continue;
    for (const dt of findDates(doc.text, block, articleDate)) {
      mentions.push({ start: dt.start, end: dt.end, text: doc.source.slice(dt.start, dt.end), type: 'DATE', entityId: `date:${dt.value ?? slug(doc.source.slice(dt.start, dt.end))}`, ...(dt.value ? { value: dt.value } : {}) });
    }
    for (const n of findNumbers(doc.text, block)) {
      const text = doc.source.slice(n.start, n.end);
      mentions.push({ start: n.start, end: n.end, text, type: 'NUMBER', entityId: `number:${slug(`${n.value}${n.unit ? ' ' + n.unit : ''}`)}`, value: n.value, ...(n.unit ? { unit: n.unit } : {}) });
    }
  }
  // A date or figure read across markup (`January **9**`) keeps only its first visible piece that holds a digit.
  const visible = mentions.flatMap((m) => {
    if (!coversHidden(markup, m.start, m.end)) return [m];
    const part = visibleParts(doc.text, markup, m).find((x) => /\d/.test(doc.text.slice(x.start, x.end)));
    return part ? [{ ...m, ...part, text: doc.source.slice(part.start, part.end) }] : [];
  });
  return withoutOverlaps(visible.filter((m) => !corrections.rejected.has(m.text)));
}

/**
 * Links the folder's mentions into entities with stable ids: one type per name across the folder, then
 * alias linking (see aliases.ts). Sets each named mention's `entityId` and `type`.
 */
export function linkMentions(perDoc: DocumentEntities[], corrections: Corrections): Cluster[] {
  oneTypePerName(perDoc, corrections);
  const named: EntityMention[] = [];
  const docOf: number[] = [];
  perDoc.forEach((p, d) => p.mentions.forEach((m) => {
    if (m.type === 'PERSON' || m.type === 'ORG' || m.type === 'PLACE') {
      named.push(m);
      docOf.push(d);
    }
  }));
  const clusters = linkEntities(named.map((m, i) => ({ text: m.text, type: m.type, doc: docOf[i] })), corrections.merges);
  for (const c of clusters) {
    for (const i of c.members) {
      named[i].entityId = c.id;
      named[i].type = c.type;
    }
  }
  return clusters;
}
export { NameTable, linkNames, type LinkedNames } from './name-table';
