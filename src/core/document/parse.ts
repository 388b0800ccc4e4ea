import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import type { ArticleDocument, Block, Span } from './model';
import { splitSentences } from './sentences';

/** Markdown node types whose text is not prose and is blanked for analysis. */
const NON_PROSE = new Set(['code', 'html', 'yaml', 'toml', 'definition', 'thematicBreak', 'image', 'imageReference', 'footnoteReference']);

interface MdNode {
  type: string;
  depth?: number;
  value?: string;
  children?: MdNode[];
  position?: { start: { offset?: number }; end: { offset?: number } };
}

export function isMarkdownPath(path: string): boolean {
  return /\.(md|markdown|mdown|mkd)$/i.test(path);
}

/** Parses an article: Markdown through remark, anything else as plain news text. */
export function parseArticle(path: string, source: string): ArticleDocument {
  return isMarkdownPath(path) ? parseMarkdown(path, source) : parsePlainText(path, source);
}

/**
 * Plain text: every non-empty line is a paragraph (news text is written one paragraph per line, with or
 * without blank lines between). The first non-empty line is the title.
 */
export function parsePlainText(path: string, source: string): ArticleDocument {
  const blocks: Block[] = [];
  const re = /[^\r\n]+/g;
  for (let m = re.exec(source); m; m = re.exec(source)) {
    let start = m.index;
    let end = m.index + m[0].length;
    while (start < end && /\s/.test(source[start])) start++;
    while (end > start && /\s/.test(source[end - 1])) end--;
    if (end <= start) continue;
    blocks.push(blocks.length === 0 ? { kind: 'heading', depth: 1, start, end } : { kind: 'paragraph', start, end });
  }
  // A leading byte-order mark is not text.
  const text = source.charCodeAt(0) === 0xfeff ? ' ' + source.slice(1) : source;
  return { path, source, text, blocks, sentences: splitSentences(text, blocks), format: 'text', hidden: [] };
}

/**
 * Markdown (CommonMark with GitHub's extensions: tables, footnotes, strikethrough, autolinks): paragraphs,
 * headings and table cells from the remark syntax tree, with exact offsets. Syntax that is not prose (emphasis
 * marks, link targets, code, HTML, front matter) is blanked in `text` so that analysers see prose at the same
 * offsets as the source; the blanked runs inside prose are listed in `hidden`.
 */
export function parseMarkdown(path: string, source: string): ArticleDocument {
  const tree = unified().use(remarkParse).use(remarkGfm).parse(source) as MdNode;
  const chars = source.split('');
  const blank = (from: number, to: number) => {
    for (let i = from; i < to; i++) if (chars[i] !== '\n' && chars[i] !== '\r') chars[i] = ' ';
  };
  if (chars[0] === '\ufeff') chars[0] = ' ';
  // Front matter (--- … ---) is metadata, not prose.
  const front = /^\ufeff?---\r?\n[\s\S]*?\r?\n---\r?\n/.exec(source);
  if (front) blank(0, front[0].length);

  const blocks: Block[] = [];
  const keep = new Uint8Array(source.length); // 1 where a text node's characters lie
  const walk = (node: MdNode) => {
    const s = node.position?.start.offset;
    const e = node.position?.end.offset;
    if (NON_PROSE.has(node.type)) return;
    if (node.type === 'text' || node.type === 'inlineCode') {
      if (s !== undefined && e !== undefined) {
        // A text node's value can differ from its source when escapes are used; keep the source range.
        const from = node.type === 'inlineCode' ? s + 1 : s;
        const to = node.type === 'inlineCode' ? e - 1 : e;
        for (let i = from; i < to; i++) keep[i] = 1;
      }
      return;
    }
    if ((node.type === 'paragraph' || node.type === 'heading' || node.type === 'tableCell') && s !== undefined && e !== undefined) {
      blocks.push(node.type === 'heading' ? { kind: 'heading', depth: node.depth, start: s, end: e } : { kind: 'paragraph', start: s, end: e });
    }
    node.children?.forEach(walk);
  };
  walk(tree);
  // Inside prose blocks blank every character that is not part of a text node (marks, link targets…), and note
  // each run of them that holds more than white space: that is markup a span must not cover.
  const hidden: Span[] = [];
  for (const b of [...blocks].sort((x, y) => x.start - y.start)) {
    let run = -1;
    for (let i = b.start; i <= b.end; i++) {
      const markup = i < b.end && !keep[i];
      if (markup && run < 0) run = i;
      if (!markup && run >= 0) {
        if (/\S/.test(source.slice(run, i))) hidden.push({ start: run, end: i });
        run = -1;
      }
      if (markup && chars[i] !== '\n' && chars[i] !== '\r') chars[i] = ' ';
    }
  }
  // Outside prose blocks nothing is analysed, so blank it all (code blocks, HTML, tables' pipes…).
  let cursor = 0;
  const sorted = [...blocks].sort((a, b) => a.start - b.start);
  for (const b of sorted) {
    blank(cursor, b.start);
    cursor = Math.max(cursor, b.end);
  }
  blank(cursor, source.length);
  // Tighten each block to its first and last prose character.
  const text = chars.join('');
  const tight = sorted
    .map((b) => {
      let { start, end } = b;
      while (start < end && /\s/.test(text[start])) start++;
      while (end > start && /\s/.test(text[end - 1])) end--;
      return { ...b, start, end };
    })
    .filter((b) => b.end > b.start);
  return { path, source, text, blocks: tight, sentences: splitSentences(text, tight), format: 'markdown', hidden };
}
