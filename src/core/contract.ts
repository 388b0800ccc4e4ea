/**
 * The public JSON contract of `marginalia analyze --json`.
 * Outside tools rely on these names: extend, never rename.
 * Offsets are UTF-16 code-unit offsets into the file exactly as read.
 */

/** The entity types, in the order they are listed everywhere (views, pickers, exports, agreement tables). */
export const ENTITY_TYPES = ['PERSON', 'ORG', 'PLACE', 'DATE', 'NUMBER'] as const;
export type EntityType = (typeof ENTITY_TYPES)[number];

export interface EntityMention {
  start: number;
  end: number;
  text: string;
  type: EntityType;
  entityId: string;
  /** DATE: ISO date (or range `a/b`) when it could be resolved. NUMBER: numeric value. */
  value?: string | number;
  /** NUMBER: unit such as `troops`, `minutes`, `%`, `USD`. */
  unit?: string;
}

export interface SpanRef {
  start: number;
  end: number;
  text: string;
}

export interface Speaker {
  name: string;
  entityId: string | null;
  start: number;
  end: number;
}

export type QuoteKind = 'speech' | 'scare';

export interface Quote {
  start: number;
  end: number;
  text: string;
  speaker: Speaker | null;
  cue: SpanRef | null;
  kind: QuoteKind;
  /**
   * Only on a piece of a quote that Markdown markup inside it cut (`"We will *never* accept"`): the span of the
   * whole quote. Every piece carries the same speaker, cue and kind; spans never cover markup.
   */
  partOf?: { start: number; end: number };
}

export interface Claim {
  start: number;
  end: number;
  text: string;
  score: number;
  factId: string | null;
  entityIds: string[];
  source: string | null;
  numbers: { text: string; value: number; unit?: string; approximate: boolean }[];
  dates: { text: string; value: string }[];
  /** Only on a piece of a claim that Markdown markup inside it cut: the span of the whole sentence (as on Quote). */
  partOf?: { start: number; end: number };
}

export interface DocumentResult {
  path: string;
  entities: EntityMention[];
  quotes: Quote[];
  claims: Claim[];
  boilerplate: { start: number; end: number; reason: string }[];
  skipped?: string;
  /**
   * The article's language as guessed from its function words: `en`, `de`, `fr`, `es`, `it`, `pt`, `nl`,
   * or `und` when too short or unclear to tell. Absent on skipped files.
   */
  language?: string;
  /** Things the reader of the analysis should know about this article (e.g. it is not English). */
  warnings?: string[];
}

export interface EntityCluster {
  id: string;
  name: string;
  type: EntityType;
  aliases: string[];
  mentions: number;
  documents: string[];
}

export interface FactClaimRef {
  path: string;
  start: number;
  end: number;
  text?: string;
  values?: string[];
}

export interface Fact {
  id: string;
  statement: string;
  claims: FactClaimRef[];
  consistent: boolean;
  discrepancy: string | null;
}

export interface AnalysisResult {
  documents: DocumentResult[];
  entities: EntityCluster[];
  facts: Fact[];
}
