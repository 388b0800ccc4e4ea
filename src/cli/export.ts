import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { analyzeArticles, type AnalysisResult } from '../core';
import { isArticlePath, SIDECAR_SUFFIX } from '../core/article';
import { correctionsFrom, suggestionsFor, type Annotation } from '../core/sidecar';
import { bratAnnotationConf, exportBrat, csvRecords, exportCsv, exportJsonl, exportW3C, CSV_COLUMNS, EXPORT_EXTENSIONS, EXPORT_FORMATS, problemLine, type ExportArticle, type ExportFormat, type JsonlOffsets, type Problem } from '../core/export';
import { claimReviewArticle, claimReviewSettingsProblem, exportClaimReview } from '../core/export/claimreview';
import { writeFileAtomic } from '../node/atomic';
import { loadRecogniser } from '../node/recogniser';
import { EXIT, readArguments, say, usageError, type CommandSpec } from './args';
import { displayPath, plainError } from './files';
import { loadOrExit } from './load';

export interface ExportCommandOptions {
  format: ExportFormat;
  /** Output file (w3c, jsonl, csv; `-` for standard output) or folder (brat). */
  out: string;
  /** JSONL offset unit (default code points). */
  offsets?: JsonlOffsets;
  /** W3C: base IRI for the articles' `source` (default `urn:marginalia:<path>`). */
  base?: string;
  /** W3C: list rejected annotations among the items (by default they travel beside them). */
  includeRejected?: boolean;
  /** brat: write astral characters as U+FFFD in the text copy. */
  astral?: 'keep' | 'replace';
  /** Write over an existing file (or into a folder) that is not an earlier export of this format. */
  force?: boolean;
  /** ClaimReview: the fact-checking organisation publishing the reviews, and each review's URL (`{id}` = claim id). */
  publisher?: string;
  urlTemplate?: string;
}

export const EXPORT_USAGE = `  marginalia export <files or folders…> --format ${EXPORT_FORMATS.join('|')} --out <file or folder> [--force]
      Export annotations (each article's sidecar; an article without one exports the fresh analysis,
      with the decisions of the other sidecars applied). Every decision travels: rejected annotations
      are kept beside the spans (W3C: the collection's "marginalia:rejected"; JSONL: "marginalia"."rejected").
      w3c    W3C Web Annotation collection (JSON-LD)      [--base <IRI>] [--include-rejected]
      jsonl  {"text", "label": [[start, end, LABEL]]} per article (doccano, spaCy) [--offsets codepoint|utf16]
      brat   brat standoff folder (.txt copy, .ann, annotation.conf)              [--astral keep|replace]
      csv    quotes and claims with their facts and verdicts, for a spreadsheet
      claimreview  schema.org ClaimReview (JSON-LD), one review per rated claim, for publishing
                   --publisher <name> --url-template <URL with {id}>
      --out -   writes w3c, jsonl or csv to standard output
      --force   replace an existing --out that is not an earlier export of the same format (never an
                article or a sidecar: those are always refused)
      --include-rejected  (w3c) list rejected annotations among the items, for a full backup
`;

export const EXPORT_SPEC: CommandSpec = {
  command: 'export',
  usage: `Usage:\n${EXPORT_USAGE}`,
  options: [
    { name: '--format', alias: '-f', value: EXPORT_FORMATS.join('|'), choices: EXPORT_FORMATS },
    { name: '--out', alias: '-o', value: '<file or folder>' },
    { name: '--offsets', value: 'codepoint|utf16', choices: ['codepoint', 'utf16'] },
    { name: '--base', value: '<IRI>' },
    { name: '--astral', value: 'keep|replace', choices: ['keep', 'replace'] },
    { name: '--include-rejected' },
    { name: '--force' },
    { name: '--publisher', value: '<name>' },
    { name: '--url-template', value: '<URL with {id}>' },
  ],
};

/** The options each format takes (besides --format, --out and --force). */
const FORMAT_OPTIONS: Record<ExportFormat, readonly string[]> = {
  w3c: ['--base', '--include-rejected'],
  jsonl: ['--offsets'],
  brat: ['--astral'],
  csv: [],
  claimreview: ['--publisher', '--url-template'],
};

export function formatProblem(p: Problem): string {
  return `marginalia: ${problemLine(p)}`;
}

/** The start of a CSV this exporter wrote. */
const CSV_HEADER = `\uFEFF${CSV_COLUMNS.join(',')}\r\n`;

/** Whether an existing file is an earlier export of this format by Marginalia (so it may be replaced). */
function isEarlierExport(file: string, format: Exclude<ExportFormat, 'brat'>): boolean {
  let text: string;
  try {
    if (statSync(file).size === 0) return true;
    text = readFileSync(file, 'utf8');
  } catch {
    return false;
  }
  try {
    if (format === 'csv') return text.startsWith(CSV_HEADER);
    if (format === 'claimreview') {
      const doc = JSON.parse(text) as { '@context'?: unknown; '@graph'?: unknown };
      return doc?.['@context'] === 'https://schema.org' && Array.isArray(doc['@graph']);
    }
    if (format === 'jsonl') {
      const first = JSON.parse(text.slice(0, text.indexOf('\n') < 0 ? text.length : text.indexOf('\n'))) as { marginalia?: { path?: unknown } };
      return typeof first?.marginalia?.path === 'string';
    }
    const doc = JSON.parse(text) as { type?: unknown; generator?: { name?: unknown } };
    return doc?.type === 'AnnotationCollection' && doc.generator?.name === 'Marginalia';
  } catch {
    return false;
  }
}

/**
 * Why `--out` must not be written, or undefined when it may be. Never an article of the input or a
 * sidecar (not even with --force: the export would destroy what it reads); not a folder for a file
 * format, nor a file for brat; an existing file that is not an earlier export of the same format (or a
 * brat folder that is neither empty nor an earlier brat export) only with --force.
 */
function refuseOut(options: ExportCommandOptions, inputs: ReadonlySet<string>): string | undefined {
  const out = resolve(options.out);
  const exists = existsSync(out);
  const isDir = exists && statSync(out).isDirectory();
  if (options.format === 'brat') {
    if (exists && !isDir) return `--out ${options.out} is a file; the brat export is a folder: give a folder name, e.g. --out brat`;
    if (isDir && !options.force) {
      const entries = readdirSync(out);
      if (entries.length && !entries.includes('annotation.conf')) return `--out ${options.out} is a folder with other files in it (no annotation.conf of an earlier brat export): give a new or empty folder, or add --force to write into it (articles are never written over)`;
    }
    return undefined;
  }
  const example = `annotations.${EXPORT_EXTENSIONS[options.format]}`;
  if (inputs.has(out)) return `--out ${options.out} is one of the articles being exported; writing there would replace it: give another file name, e.g. --out ${example}`;
  if (out.endsWith(SIDECAR_SUFFIX)) return `--out ${options.out} is a sidecar (annotations of an article); give another file name, e.g. --out ${example}`;
  if (isDir) return `--out ${options.out} is a folder: give a file name, e.g. --out ${join(options.out, example)}`;
  if (exists && !options.force && !isEarlierExport(out, options.format)) {
    const what = isArticlePath(out) ? 'looks like an article' : `is not an earlier ${options.format} export of Marginalia`;
    return `--out ${options.out} exists and ${what}; it is left as it is: give a new file name, or add --force to replace it`;
  }
  return undefined;
}

/**
 * Exports the annotations of the articles under `paths`. Returns the exit code: 0, 1 when some article
 * could not be exported (unreadable file or sidecar; the others are) or the output not written, 2 for
 * unusable arguments (and then nothing is written).
 */
export function exportCommand(paths: string[], options: ExportCommandOptions): number {
  if (!EXPORT_FORMATS.includes(options.format)) return usageError('export', `unknown format ${JSON.stringify(options.format)} (use ${EXPORT_FORMATS.join(', ')})`);
  if (!options.out) return usageError('export', 'give --out <file or folder> (or --out - for standard output)');
  if (options.format === 'brat' && options.out === '-') return usageError('export', 'the brat export is a folder: give --out <folder>');
  if (options.format === 'claimreview') {
    const problem = claimReviewSettingsProblem(options.publisher, options.urlTemplate);
    if (problem) return usageError('export', `claimreview: ${problem} (--publisher "Example Checks" --url-template "https://checks.example/review/{id}")`);
  }
  const loaded = loadOrExit(paths);
  if (typeof loaded === 'number') return loaded;
  const inputs = new Set(loaded.order.map((f) => resolve(f)));
  if (options.out !== '-') {
    const refused = refuseOut(options, inputs);
    if (refused) return usageError('export', refused);
  }
  const failed = loaded.problems;
  const now = new Date().toISOString();
  const usable = loaded.articles.filter((a) => !a.sidecarProblem);
  for (const a of loaded.articles) if (a.sidecarProblem) say(`marginalia: ${a.path}: not exported (its sidecar cannot be read, see above)`);
  if (!usable.length) {
    say('marginalia: nothing to export: no article could be read with its annotations; nothing was written');
    return EXIT.failed;
  }
  // The analysis: for articles without a sidecar, and for the CSV's fact columns. All articles are
  // analysed together, as `analyze` does, with the decisions of every sidecar.
  let analysis: AnalysisResult | undefined;
  if (usable.some((a) => !a.sidecar) || options.format === 'csv' || options.format === 'claimreview') {
    const corrections = correctionsFrom(loaded.articles.map((a) => a.sidecar?.placed ?? []));
    analysis = analyzeArticles(usable.map((a) => ({ path: a.path, text: a.text })), { recogniser: loadRecogniser(), corrections });
  }
  const articles: ExportArticle[] = usable.map((input, i) => {
    let annotations: readonly Annotation[] | undefined = input.sidecar?.placed;
    if (!annotations) {
      const doc = analysis!.documents[i];
      if (doc.skipped) say(`marginalia: ${input.path}: no annotations to export (${doc.skipped})`);
      for (const w of doc.warnings ?? []) say(`marginalia: ${input.path}: warning: ${w}`);
      annotations = doc.skipped ? [] : suggestionsFor(input.text, doc, now);
    }
    return { path: input.path, text: input.text, annotations, ...(analysis ? { facts: analysis.facts } : {}) };
  });
  const report = (p: Problem) => say(formatProblem(p));
  let count = 0;
  try {
    if (options.format === 'brat') {
      const out = resolve(options.out);
      const docs = exportBrat(articles, { report, astral: options.astral });
      // Every file is checked before any is written: an article of the input is never written over.
      const targets = docs.flatMap((d) => [`${join(out, d.path)}.txt`, `${join(out, d.path)}.ann`]);
      const clash = targets.find((t) => inputs.has(resolve(t)) || t.endsWith(SIDECAR_SUFFIX) || existsSync(t + SIDECAR_SUFFIX));
      if (clash) return usageError('export', `the brat copy ${displayPath(clash)} would replace an article: give --out a folder outside the articles' folders, e.g. --out brat`);
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
      let text: string;
      if (options.format === 'claimreview') {
        const rated = articles.map((a, i) => claimReviewArticle(a.path, a.text, a.annotations, analysis!.documents[i].claims));
        text = exportClaimReview(rated, { publisher: options.publisher!, urlTemplate: options.urlTemplate!, report });
        count = (JSON.parse(text) as { '@graph': unknown[] })['@graph'].length;
      } else {
        text =
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
      }
      if (options.out === '-') process.stdout.write(text);
      else {
        mkdirSync(dirname(resolve(options.out)), { recursive: true });
        writeFileAtomic(resolve(options.out), text);
      }
    }
  } catch (e) {
    say(`marginalia: cannot write ${options.out} (${plainError(e)}); nothing was left half-written: choose a place you can write to and export again`);
    return EXIT.failed;
  }
  const what = options.format === 'csv' ? 'quotes and claims' : options.format === 'claimreview' ? 'reviews of rated claims' : 'annotations';
  say(`marginalia: exported ${count} ${what} of ${articles.length} article${articles.length === 1 ? '' : 's'} to ${options.out === '-' ? 'standard output' : options.out} (${options.format})`);
  return failed ? EXIT.failed : EXIT.done;
}

/**
 * `marginalia export …` from the raw arguments after the command name:
 * `<paths…> --format F --out O [--offsets U] [--base IRI] [--include-rejected] [--astral A] [--force]`.
 */
export function runExport(args: readonly string[]): number {
  const read = readArguments(args, EXPORT_SPEC);
  if (!read.ok) return read.exit;
  const { values, flags, operands } = read.args;
  const format = values.get('--format') as ExportFormat | undefined;
  if (!format) return usageError('export', 'give --format w3c, jsonl, brat, csv or claimreview');
  const out = values.get('--out');
  if (!out) return usageError('export', `give --out <file${format === 'brat' ? ' or folder' : ''}>${format === 'brat' ? '' : ' (or --out - for standard output)'}`);
  if (!operands.length) return usageError('export', 'give the files or folders to export, e.g. `marginalia export seeds --format w3c --out annotations.jsonld`');
  // An option the format does not take is refused, not ignored: the user expects it to do something.
  const given = [...values.keys(), ...flags].filter((o) => o !== '--format' && o !== '--out' && o !== '--force');
  const foreign = given.filter((o) => !FORMAT_OPTIONS[format].includes(o));
  if (foreign.length) {
    const takes = FORMAT_OPTIONS[format];
    return usageError('export', `${foreign.join(' ')} ${foreign.length === 1 ? 'does' : 'do'} not apply to the ${format} format (${takes.length ? `it takes ${takes.join(', ')}` : 'it takes no other option'}); leave ${foreign.length === 1 ? 'it' : 'them'} out`);
  }
  return exportCommand([...operands], {
    format,
    out,
    ...(values.has('--offsets') ? { offsets: values.get('--offsets') as JsonlOffsets } : {}),
    ...(values.has('--base') ? { base: values.get('--base') } : {}),
    ...(flags.has('--include-rejected') ? { includeRejected: true } : {}),
    ...(values.has('--astral') ? { astral: values.get('--astral') as 'keep' | 'replace' } : {}),
    ...(flags.has('--force') ? { force: true } : {}),
    ...(values.has('--publisher') ? { publisher: values.get('--publisher') } : {}),
    ...(values.has('--url-template') ? { urlTemplate: values.get('--url-template') } : {}),
  });
}
