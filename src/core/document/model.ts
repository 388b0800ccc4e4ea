/** The document model every analyser works on. All offsets are UTF-16 indices into `source`. */

export type BlockKind = 'heading' | 'paragraph';

export interface Span {
  start: number;
  end: number;
}

export interface Block extends Span {
  kind: BlockKind;
  /** Heading depth (1–6) for Markdown headings; the first line of a .txt article is its title (depth 1). */
  depth?: number;
}

export interface Sentence extends Span {
  /** Index of the block the sentence lies in. */
  block: number;
}

export interface ArticleDocument {
  path: string;
  /** The file's text exactly as read. */
  source: string;
  /**
   * Same length as `source`, with markup that is not prose (Markdown syntax, code, HTML, link targets,
   * front matter) blanked to spaces, so analysers can run on it and their offsets stay exact.
   */
  text: string;
  blocks: Block[];
  sentences: Sentence[];
  format: 'markdown' | 'text';
  /**
   * Markup inside prose that a reader does not see (emphasis marks, link brackets and targets, inline HTML, images,
   * footnote references), as sorted, disjoint runs of source characters. No span (entity, quote, claim) may cover
   * one: spans are cut at them (see visibleParts). Empty for plain text.
   */
  hidden: Span[];
}
