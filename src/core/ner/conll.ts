/**
 * CoNLL-2003 reader: `token POS chunk IOB-tag` lines, `-DOCSTART-` lines between
 * documents, blank lines between sentences. Tags are IOB1 (I-X; B-X only where
 * two entities of the same type touch).
 *
 * Also rebuilds a document as plain text with token offsets, so that a tagger
 * can be run (and scored) on raw text.
 */

import type { NerType } from './labels';

export interface ConllSentence {
  tokens: string[];
  /** Entity tags as written in the file (IOB1). */
  tags: string[];
}

export interface ConllDocument {
  sentences: ConllSentence[];
}

/** An entity over token indices [start, end) of one sentence. */
export interface TokenSpan {
  start: number;
  end: number;
  type: NerType;
}

/** An entity over UTF-16 offsets [start, end) of a text. */
export interface CharSpan {
  start: number;
  end: number;
  type: NerType;
}

export function parseConll(text: string): ConllDocument[] {
  const docs: ConllDocument[] = [];
  let doc: ConllDocument | null = null;
  let sent: ConllSentence | null = null;
  const flushSentence = () => {
    if (sent && sent.tokens.length) {
      if (!doc) {
        doc = { sentences: [] };
        docs.push(doc);
      }
      doc.sentences.push(sent);
    }
    sent = null;
  };
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line) {
      flushSentence();
      continue;
    }
    const cols = line.split(/\s+/);
    if (cols[0] === '-DOCSTART-') {
      flushSentence();
      doc = { sentences: [] };
      docs.push(doc);
      continue;
    }
    if (!sent) sent = { tokens: [], tags: [] };
    sent.tokens.push(cols[0]);
    sent.tags.push(cols.length > 1 ? cols[cols.length - 1] : 'O');
  }
  flushSentence();
  return docs.filter((d) => d.sentences.length > 0);
}

function tagType(tag: string): NerType | null {
  const t = tag.slice(2);
  return t === 'PER' || t === 'ORG' || t === 'LOC' || t === 'MISC' ? t : null;
}

/** Entity spans from IOB1 or IOB2 (BIO) tags. */
export function iobSpans(tags: readonly string[]): TokenSpan[] {
  const spans: TokenSpan[] = [];
  let cur: TokenSpan | null = null;
  for (let i = 0; i < tags.length; i++) {
    const tag = tags[i];
    const type = tag === 'O' ? null : tagType(tag);
    if (!type) {
      cur = null;
      continue;
    }
    const begins = tag.startsWith('B-') || !cur || cur.type !== type;
    if (begins) {
      cur = { start: i, end: i + 1, type };
      spans.push(cur);
    } else if (cur) cur.end = i + 1;
  }
  return spans;
}

export interface RebuiltSentence {
  start: number;
  end: number;
  tokens: { start: number; end: number }[];
}

export interface RebuiltDocument {
  text: string;
  sentences: RebuiltSentence[];
  /** Gold entities as character spans into `text`. */
  entities: CharSpan[];
}

const NO_SPACE_BEFORE = new Set([',', '.', ';', ':', '?', '!', ')', ']', '}', '%', "n't", "N'T"]);
const NO_SPACE_AFTER = new Set(['(', '[', '{', '$', '``']);

function isClitic(tok: string): boolean {
  return /^'(s|d|m|ll|re|ve)$/i.test(tok);
}

/**
 * Rebuild a document as plain text: one sentence per line. With `detokenize`
 * (the default) tokens are joined the way news text is written (`Germany's`,
 * `(AP)`, `"quoted"`, `end.`); otherwise tokens are joined with single spaces.
 */
export function rebuildDocument(doc: ConllDocument, opts: { detokenize?: boolean } = {}): RebuiltDocument {
  const detok = opts.detokenize !== false;
  let text = '';
  const sentences: RebuiltSentence[] = [];
  const entities: CharSpan[] = [];
  doc.sentences.forEach((s, si) => {
    if (si > 0) text += '\n';
    const sStart = text.length;
    const toks: { start: number; end: number }[] = [];
    let quoteOpen = false;
    let glueNext = false;
    s.tokens.forEach((tok, i) => {
      if (i > 0) {
        let space = true;
        if (detok) {
          if (glueNext) space = false;
          else if (NO_SPACE_BEFORE.has(tok) || isClitic(tok)) space = false;
          else if (tok === '"' && quoteOpen) space = false;
        }
        if (space) text += ' ';
      }
      glueNext = false;
      if (detok) {
        if (NO_SPACE_AFTER.has(tok)) glueNext = true;
        if (tok === '"') {
          if (!quoteOpen) glueNext = true;
          quoteOpen = !quoteOpen;
        }
      }
      toks.push({ start: text.length, end: text.length + tok.length });
      text += tok;
    });
    sentences.push({ start: sStart, end: text.length, tokens: toks });
    for (const sp of iobSpans(s.tags)) {
      entities.push({ start: toks[sp.start].start, end: toks[sp.end - 1].end, type: sp.type });
    }
  });
  return { text, sentences, entities };
}
