import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { analyzeArticles, type AnalysisResult, type ArticleInput } from '../core';
import { parseSidecar, suggestionsFor, type Annotation } from '../core/sidecar';
import { bratAnnotationConf, exportBrat, csvRecords, exportCsv, exportJsonl, exportW3C, type ExportArticle, type JsonlOffsets, type Problem } from '../core/export';
import { writeFileAtomic } from '../node/atomic';
import { loadRecogniser } from '../node/recogniser';
import { collectArticles, displayPath, readArticle, sidecarPath } from './files';

export type ExportFormat = 'w3c' | 'jsonl' | 'brat' | 'csv';
export const EXPORT_FORMATS: readonly ExportFormat[] = ['w3c', 'jsonl', 'brat', 'csv'];

export interface ExportCommandOptions {
  format: ExportFormat;
  /** Output file (w3c, jsonl, csv; `-` for standard output) or folder (brat). */
  out: string;
  /** JSONL offset unit (default code points). */
  offsets?: JsonlOffsets;
  /** W3C: base IRI for the articles' `source` (default `urn:marginalia:<path>`). */
  base?: string;
  /** W3C: also export rejected annotations. */
  includeRejected?: boolean;
  /** brat: write astral characters as U+FFFD in the text copy. */
  astral?: 'keep' | 'replace';
}

export const EXPORT_USAGE = `  marginalia export <files or folders…> --format w3c|jsonl|brat|csv --out <file or folder>
      Export annotations (each article's sidecar; an article without one exports the fresh analysis).
      w3c    W3C Web Annotation collection (JSON-LD)      [--base <IRI>] [--include-rejected]
      jsonl  {"text", "label": [[start, end, LABEL]]} per article (doccano, spaCy) [--offsets codepoint|utf16]
      brat   brat standoff folder (.txt copy, .ann, annotation.conf)              [--astral keep|replace]
      csv    quotes and claims with their facts, for a spreadsheet
      --out -  writes w3c, jsonl or csv to standard output
`;

function say(line: string): void {
  process.stderr.write(line + '\n');
}

export function formatProblem(p: Problem): string {
  return `marginalia: ${[p.path, p.id].filter(Boolean).join(': ')}${p.path || p.id ? ': ' : ''}${p.message}`;
}

/**
 * Exports the annotations of the articles under `paths`. Returns the exit code: 0, 1 when some article
 * could not be exported (unreadable file or sidecar; the others are), 2 for unusable arguments.
 */
export function exportCommand(paths: string[], options: ExportCommandOptions): number {
  if (!EXPORT_FORMATS.includes(options.format)) {
    say(`marginalia: unknown export format ${JSON.stringify(options.format)} (use ${EXPORT_FORMATS.join(', ')})`);
    return 2;
  }
  if (!options.out) {
    say('marginalia: export needs --out <file or folder> (or --out - for standard output)');
    return 2;
  }
  if (options.format === 'brat' && options.out === '-') {
    say('marginalia: the brat export is a folder; give --out <folder>');
    return 2;
  }
  let files: string[];
  try {
    files = collectArticles(paths);
  } catch (e) {
    say(`marginalia: ${(e as Error).message}`);
    return 2;
  }
  let failed = 0;
  const now = new Date().toISOString();
  const inputs: (ArticleInput & { file: string; annotations?: Annotation[] })[] = [];
  for (const file of files) {
    const read = readArticle(file);
    const path = displayPath(file);
    if (read.error) {
      failed++;
      say(`marginalia: ${path}: not exported: ${read.error}`);
      continue;
    }
    const input: ArticleInput & { file: string; annotations?: Annotation[] } = { path, text: read.text, file };
    const side = sidecarPath(file);
    if (existsSync(side)) {
      const parsed = parseSidecar(readFileSync(side, 'utf8'));
      if (!parsed.ok) {
        failed++;
        say(`marginalia: ${path}: not exported: its sidecar ${displayPath(side)} cannot be read (${parsed.problem})`);
        continue;
      }
      input.annotations = parsed.sidecar.annotations;
    }
    inputs.push(input);
  }
  // The analysis: for articles without a sidecar, and for the CSV's fact columns. All articles are
  // analysed together, as `analyze` does, so entities and facts link across them.
  let analysis: AnalysisResult | undefined;
  if (inputs.some((i) => !i.annotations) || options.format === 'csv') {
    analysis = analyzeArticles(inputs.map((i) => ({ path: i.path, text: i.text })), { recogniser: loadRecogniser() });
  }
  const articles: ExportArticle[] = inputs.map((input, i) => {
    let annotations = input.annotations;
    if (!annotations) {
      const doc = analysis!.documents[i];
      if (doc.skipped) say(`marginalia: ${input.path}: no annotations to export (${doc.skipped})`);
      annotations = doc.skipped ? [] : suggestionsFor(input.text, doc, now);
    }
    return { path: input.path, text: input.text, annotations, ...(analysis ? { facts: analysis.facts } : {}) };
  });
  const report = (p: Problem) => say(formatProblem(p));
  let count = 0;
  try {
    if (options.format === 'brat') {
      const out = resolve(options.out);
      if (existsSync(out) && !statSync(out).isDirectory()) {
        say(`marginalia: ${options.out} is a file; the brat export is a folder`);
        return 2;
      }
      const docs = exportBrat(articles, { report, astral: options.astral });
      mkdirSync(out, { recursive: true });
      for (const d of docs) {
        const base = join(out, d.path);
        mkdirSync(dirname(base), { recursive: true });
        writeFileAtomic(`${base}.txt`, d.text);
        writeFileAtomic(`${base}.ann`, d.ann);
        count += d.ann.split('\n').filter((l) => l.startsWith('T')).length;
      }
      writeFileAtomic(join(out, 'annotation.conf'), bratAnnotationConf(articles));
    } else {
      const text =
        options.format === 'w3c'
          ? exportW3C(articles, { report, base: options.base, includeRejected: options.includeRejected, generated: now })
          : options.format === 'jsonl'
            ? exportJsonl(articles, { report, offsets: options.offsets })
            : exportCsv(articles, { report });
      count =
        options.format === 'w3c'
          ? ((JSON.parse(text) as { total?: number }).total ?? 0)
          : options.format === 'jsonl'
            ? text.split('\n').filter(Boolean).reduce((n, l) => n + ((JSON.parse(l) as { label: unknown[] }).label.length), 0)
            : csvRecords(text) - 1;
      if (options.out === '-') process.stdout.write(text);
      else {
        mkdirSync(dirname(resolve(options.out)), { recursive: true });
        writeFileAtomic(resolve(options.out), text);
      }
    }
  } catch (e) {
    say(`marginalia: cannot write ${options.out}: ${(e as Error).message}`);
    return 1;
  }
  const what = options.format === 'csv' ? 'quotes and claims' : 'annotations';
  say(`marginalia: exported ${count} ${what} of ${articles.length} article${articles.length === 1 ? '' : 's'} to ${options.out === '-' ? 'standard output' : options.out} (${options.format})`);
  return failed ? 1 : 0;
}

/**
 * The arguments of a subcommand, read option by option: each `take` or `flag` removes what it reads,
 * so what is left in `rest` is the paths (and any unknown option, for the usage message).
 */
export class ArgumentReader {
  constructor(public rest: string[]) {}

  /** `--name value` or `--name=value` (or the alias); `missing` when the name ends the arguments. */
  take(name: string, alias?: string): { value?: string; missing?: boolean } {
    const rest: string[] = [];
    let value: string | undefined;
    let missing = false;
    for (let i = 0; i < this.rest.length; i++) {
      const a = this.rest[i];
      if (a === name || (alias && a === alias)) {
        if (i + 1 < this.rest.length) value = this.rest[++i];
        else missing = true;
      } else if (a.startsWith(name + '=')) value = a.slice(name.length + 1);
      else rest.push(a);
    }
    this.rest = rest;
    return { value, missing };
  }

  /** Whether the switch `name` was given. */
  flag(name: string): boolean {
    const given = this.rest.includes(name);
    this.rest = this.rest.filter((a) => a !== name);
    return given;
  }
}

/**
 * `marginalia export …` from the raw arguments after the command name:
 * `<paths…> --format F --out O [--offsets U] [--base IRI] [--include-rejected] [--astral A]`.
 */
export function runExport(args: string[]): number {
  const reader = new ArgumentReader(args);
  const take = reader.take.bind(reader);
  const format = take('--format', '-f');
  const out = take('--out', '-o');
  const offsets = take('--offsets');
  const base = take('--base');
  const astral = take('--astral');
  const includeRejected = reader.flag('--include-rejected');
  const rest = reader.rest;
  const unknown = rest.filter((a) => a.startsWith('-') && a !== '-');
  if (unknown.length || !format.value || !out.value || !rest.length || [format, out, offsets, base, astral].some((r) => r.missing)) {
    if (unknown.length) say(`marginalia: unknown option ${unknown.join(' ')}`);
    process.stderr.write(`Usage:\n${EXPORT_USAGE}`);
    return 2;
  }
  if (offsets.value && offsets.value !== 'codepoint' && offsets.value !== 'utf16') {
    say('marginalia: --offsets is codepoint or utf16');
    return 2;
  }
  if (astral.value && astral.value !== 'keep' && astral.value !== 'replace') {
    say('marginalia: --astral is keep or replace');
    return 2;
  }
  return exportCommand(rest, {
    format: format.value as ExportFormat,
    out: out.value,
    ...(offsets.value ? { offsets: offsets.value as JsonlOffsets } : {}),
    ...(base.value ? { base: base.value } : {}),
    ...(includeRejected ? { includeRejected } : {}),
    ...(astral.value ? { astral: astral.value as 'keep' | 'replace' } : {}),
  });
}
