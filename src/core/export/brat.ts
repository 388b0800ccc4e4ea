/**
 * brat standoff export: per article a copy of the text (`<name>.txt`) and its annotations
 * (`<name>.ann`), plus one `annotation.conf` for the collection.
 *
 * Offsets. brat's server reads the `.txt` in Python with universal newlines (`open_textfile`, mode
 * 'rU'), so a CRLF is ONE character to it, and indexes the resulting string by code point (Python 3,
 * or a wide Python 2 build), checking every `T` line's text against `text[start:end]`. The copy we
 * write therefore has LF line ends (so any reader, universal newlines or not, sees the same text) and
 * offsets count code points of that copy. brat's browser client counts UTF-16 units and draws spans
 * after an emoji one place off (nlplab/brat#1115); `astral: 'replace'` writes each character outside
 * the Basic Multilingual Plane as U+FFFD in the copy, which makes both counts agree at the cost of
 * the emoji.
 *
 * Lines: `T<n>\t<LABEL> <start> <end>[;<start> <end>…]\t<text>` per annotation (LABEL as in the JSONL
 * export; a span crossing a line end is written as fragments around it, joined by a space in the text
 * field, as brat does for discontinuous spans); `#<n>\tAnnotatorNotes T<n>\t<note>` for a note (brat
 * shows and edits these); `#<n>\tSpeaker T<n>\t<name>` for a quote's speaker (a comment of its own type,
 * shown with the span, kept apart from the editable note); `A<n>\t<tag> T<n>` for each tag, a binary
 * attribute declared in `annotation.conf`. Entity ids are not exported (brat normalisations need a
 * configured database). Rejected and orphaned annotations are not exported.
 */
import { CodePointIndex } from '../anchoring';
import { ENTITY_TYPES } from '../contract';
import { exportable, spanLabel, type CommonExportOptions, type ExportArticle } from './common';

export interface BratDocument {
  /** Path inside the brat collection, without extension: write `${path}.txt` and `${path}.ann`. */
  path: string;
  /** The copy of the article text brat reads (LF line ends). */
  text: string;
  /** The standoff annotations. */
  ann: string;
}

export interface BratExportOptions extends CommonExportOptions {
  /** 'keep' (default) astral characters in the copy, or 'replace' them with U+FFFD (see above). */
  astral?: 'keep' | 'replace';
}

/** Line breaks any reader may split the `.ann` at: never inside a text field. */
// eslint-disable-next-line no-control-regex -- VT, FF and the separators FS/GS/RS are line breaks to some readers
const BREAKS = /[\n\u000b\u000c\u001c-\u001e\u0085\u2028\u2029]/;

/** A brat name for an article path: inside the collection (no `..`, no root), `.txt` dropped. */
function bratName(path: string): string {
  const parts = path.split(/[\\/]/).filter((p) => p && p !== '.' && p !== '..' && !/^[A-Za-z]:$/.test(p));
  const name = parts.join('/') || 'article';
  return name.replace(/\.txt$/i, '') || 'article';
}

/** A brat attribute name for a tag: brat's config and `.ann` syntax take no spaces or separators. */
export function bratAttribute(tag: string): string {
  const s = tag.trim().replace(/[^\p{L}\p{N}_-]+/gu, '_');
  return s || 'tag';
}

function oneLine(s: string): string {
  return s.replace(/\r\n?/g, '\n').replace(new RegExp(BREAKS.source, 'g'), ' ');
}

/** The text with CRLF and lone CR as LF, and a map from raw UTF-16 offsets to offsets in it. */
function lfCopy(raw: string): { text: string; toLf: (o: number) => number } {
  if (raw.indexOf('\r') < 0) return { text: raw, toLf: (o) => o };
  const removed: number[] = []; // raw offsets of every CR that is followed by LF (dropped)
  for (let i = raw.indexOf('\r'); i >= 0; i = raw.indexOf('\r', i + 1)) if (raw.charCodeAt(i + 1) === 10) removed.push(i);
  const text = raw.replace(/\r\n?/g, '\n');
  const toLf = (o: number) => {
    let lo = 0;
    let hi = removed.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (removed[mid] < o) lo = mid + 1;
      else hi = mid;
    }
    return o - lo;
  };
  return { text, toLf };
}

/** One brat document per article (paths made unique within the collection). */
export function exportBrat(articles: readonly ExportArticle[], options: BratExportOptions = {}): BratDocument[] {
  const used = new Set<string>();
  const docs: BratDocument[] = [];
  for (const article of articles) {
    let name = bratName(article.path);
    for (let n = 2; used.has(name.toLowerCase()); n++) name = `${bratName(article.path)}-${n}`;
    used.add(name.toLowerCase());
    const { text: lf, toLf } = lfCopy(article.text);
    const cp = new CodePointIndex(lf);
    const copy = options.astral === 'replace' ? lf.replace(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g, '\uFFFD') : lf;
    // In the replaced copy every character is one unit, so code-point offsets index it directly.
    const chars = options.astral === 'replace' ? undefined : Array.from(lf);
    const slice = (s: number, e: number) => (chars ? chars.slice(s, e).join('') : copy.slice(s, e));
    const lines: string[] = [];
    let t = 0;
    let note = 0;
    let attr = 0;
    for (const a of exportable(article, options)) {
      const s = cp.toCodePoint(toLf(a.target.start));
      const e = cp.toCodePoint(toLf(a.target.end));
      // Fragments: the span without its line breaks.
      const fragments: [number, number][] = [];
      let fs = s;
      for (let i = s; i <= e; i++) {
        if (i === e || BREAKS.test(slice(i, i + 1))) {
          if (i > fs) fragments.push([fs, i]);
          fs = i + 1;
        }
      }
      if (!fragments.length) {
        options.report?.({ path: article.path, id: a.id, message: 'not exported to brat: it marks no text (empty, or line breaks only)' });
        continue;
      }
      const id = `T${++t}`;
      const spanText = fragments.map(([x, y]) => slice(x, y)).join(' ');
      lines.push(`${id}\t${spanLabel(a)} ${fragments.map(([x, y]) => `${x} ${y}`).join(';')}\t${spanText}`);
      for (const tag of a.tags) lines.push(`A${++attr}\t${bratAttribute(tag)} ${id}`);
      if (a.kind === 'quote' && a.speaker) lines.push(`#${++note}\tSpeaker ${id}\t${oneLine(a.speaker)}`);
      if (a.note) lines.push(`#${++note}\tAnnotatorNotes ${id}\t${oneLine(a.note)}`);
    }
    docs.push({ path: name, text: copy, ann: lines.map((l) => l + '\n').join('') });
  }
  return docs;
}

/**
 * `annotation.conf` for the collection: the labels as entity types, every tag used as a binary
 * attribute, and any overlap allowed (quotes contain names).
 */
export function bratAnnotationConf(articles: readonly ExportArticle[]): string {
  const tags = new Set<string>();
  for (const a of articles) for (const x of a.annotations) if (x.status !== 'rejected' && !x.orphaned) for (const t of x.tags) tags.add(bratAttribute(t));
  const lines = [
    '# Written by Marginalia for its brat export.',
    '[entities]',
    ...ENTITY_TYPES,
    'QUOTE',
    'CLAIM',
    'NOTE',
    '',
    '[relations]',
    '<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>',
    '',
    '[events]',
    '',
    '[attributes]',
    ...[...tags].sort().map((t) => `${t}\tArg:<ENTITY>`),
  ];
  return lines.join('\n') + '\n';
}
