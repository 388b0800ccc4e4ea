import type { DocumentResult, EntityMention, Quote, Speaker } from '../contract';
import { cutAtMarkup, mergeSpans, parseArticle, parseMarkdown, type ArticleDocument, type Span } from '../document';
import { findBoilerplate, type BoilerplateZone } from '../boilerplate';
import type { Corrections, NameRecogniser } from '../entities';
import type { Cluster } from '../entities/aliases';
import { findQuotes } from '../quotes/scan';
import { attributeQuotes } from '../quotes/attribute';
import type { SpeakerModel } from '../quotes/speakers';
import { findClaims } from '../claims/claims';

/** One article to analyse: `path` is its name in the results (a file path, or a record's id). */
export interface ArticleInput {
  path: string;
  text: string;
  /** Read as Markdown whatever the path says (map records may carry ids without an extension). */
  format?: 'markdown';
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

export interface Prepared {
  doc: ArticleDocument;
  zones: BoilerplateZone[];
  /** Everything a reader does not see inside prose: the document's hidden Markdown and stray HTML-like markup. */
  markup: Span[];
  skipped?: string;
}

/**
 * The parsed article with its boilerplate zones and stray markup blanked. `skipped`, when the caller already
 * knows the article is not analysed (a map record says so), spares reading a text that may be absent.
 */
export function prepare(input: ArticleInput, maxLength: number, skipped = unreadableReason(input.text, maxLength) ?? undefined): Prepared {
  const text = skipped ? '' : input.text;
  const doc = input.format === 'markdown' ? parseMarkdown(input.path, text) : parseArticle(input.path, text);
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

/** Quotes, their speakers named by their entity, and claims for one prepared document. */
export function analyseDocument(
  p: Prepared,
  mentions: EntityMention[],
  context: { clusters: Map<string, Cluster>; options: Pick<AnalyzeOptions, 'speakerModel'> },
  earlier: readonly EntityMention[] = [],
  spokenBefore: readonly Speaker[] = [],
): DocumentResult {
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
