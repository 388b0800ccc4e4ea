/**
 * CSV of quotes and claims for a spreadsheet (RFC 4180): a header row, then one row per quote or
 * claim (rejected and orphaned ones left out), columns
 * article, kind, text, speaker, tags, note, fact, discrepancy, verdict (a fact-checker's rating of a claim).
 *
 * - Records end in CRLF; a field with a comma, a double quote, CR or LF is quoted and its quotes
 *   doubled, so a quote spanning paragraphs stays one cell.
 * - `tags` are joined with "; ". `fact` is the statement of the cross-article fact the claim states
 *   (from the analysis), `discrepancy` that fact's discrepancy, when the claim is one of the fact's
 *   claims (same span, or overlapping more than half of it). Quotes have no fact.
 * - A UTF-8 byte-order mark starts the file by default: Excel reads UTF-8 CSV correctly only with it
 *   (LibreOffice and Google Sheets do either way; pandas reads it with encoding='utf-8-sig').
 * - Cells starting with = + - @ (or tab/CR) get a leading apostrophe by default, so that article
 *   text cannot run as a spreadsheet formula (CSV injection); `guardFormulas: false` turns that off.
 */
import type { Fact } from '../contract';
import type { Annotation } from '../sidecar/model';
import { exportable, type CommonExportOptions, type ExportArticle } from './common';

export interface CsvExportOptions extends CommonExportOptions {
  /** Start with a UTF-8 byte-order mark (default true). */
  bom?: boolean;
  /** Prefix cells that a spreadsheet would run as formulas with an apostrophe (default true). */
  guardFormulas?: boolean;
}

export const CSV_COLUMNS = ['article', 'kind', 'text', 'speaker', 'tags', 'note', 'fact', 'discrepancy', 'verdict'] as const;

/** One RFC 4180 field. */
export function csvField(value: string, guardFormulas = true): string {
  let v = value;
  if (guardFormulas && /^[=+\-@\t\r]/.test(v)) v = `'${v}`;
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** The fact whose claims include this claim annotation (same span, or more than half of it). */
function factOf(path: string, a: Annotation, facts: readonly Fact[] | undefined): Fact | undefined {
  if (!facts || a.kind !== 'claim') return undefined;
  let best: Fact | undefined;
  let bestOverlap = 0;
  const len = Math.max(1, a.target.end - a.target.start);
  for (const f of facts) {
    for (const c of f.claims) {
      if (c.path !== path) continue;
      if (c.start === a.target.start && c.end === a.target.end) return f;
      const overlap = Math.min(c.end, a.target.end) - Math.max(c.start, a.target.start);
      if (overlap > len / 2 && overlap > bestOverlap) {
        best = f;
        bestOverlap = overlap;
      }
    }
  }
  return best;
}

export function exportCsv(articles: readonly ExportArticle[], options: CsvExportOptions = {}): string {
  const guard = options.guardFormulas !== false;
  const rows: string[] = [CSV_COLUMNS.join(',')];
  for (const article of articles) {
    for (const a of exportable(article, options)) {
      if (a.kind !== 'quote' && a.kind !== 'claim') continue;
      const fact = factOf(article.path, a, article.facts);
      const cells = [article.path, a.kind, a.target.exact, a.speaker ?? '', a.tags.join('; '), a.note ?? '', fact?.statement ?? '', fact?.discrepancy ?? '', a.verdict ?? ''];
      rows.push(cells.map((c) => csvField(c, guard)).join(','));
    }
  }
  return (options.bom === false ? '' : '\uFEFF') + rows.map((r) => r + '\r\n').join('');
}

/** Records in RFC 4180 text: line ends outside quoted fields (a doubled quote toggles twice). */
export function csvRecords(text: string): number {
  let n = 0;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) quoted = !quoted;
    else if (c === 10 && !quoted) n++;
  }
  return n;
}
