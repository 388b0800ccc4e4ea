import type { AnalysisResult, DocumentResult } from '../core';
import { linkRecords } from '../core/analyze';
import { compareIds, type MapRecord } from '../core/pipeline/record';
import { correctionsFrom, makeSidecar, mergeAnnotations, serializeSidecar, suggestionsFor } from '../core/sidecar';
import { loadRecogniser } from '../node/recogniser';
import { VERSION } from '../version';
import { EXIT, readArguments, say, usageError, type CommandSpec } from './args';
import { displayPath, sidecarPath, writeIfChanged } from './files';
import { loadOrExit, skippedDocument, type Loaded } from './load';
import { mapInPool, mapOne, workerCount } from './pool';

export const ANALYZE_USAGE = `  marginalia analyze <files or folders…> [--json] [--write] [--workers N]
      Analyse articles (.txt, .md, .markdown; UTF-8): entities, quotes, claims, facts across them. The
      decisions in the articles' sidecars count: a name rejected anywhere is not suggested, a name
      accepted, marked or retyped is found in every article, merges hold.
      --json   print the analysis as JSON (the public contract) on standard output
      --write  write each article's sidecar (<article>.annotations.json): stored annotations are first
               found again in the current text (as \`check\` does), every decision is kept, an unchanged
               sidecar is not rewritten
      --workers N  map the articles on N threads (default: every core); the output is the same
`;

export const ANALYZE_SPEC: CommandSpec = {
  command: 'analyze',
  usage: `Usage:\n${ANALYZE_USAGE}`,
  options: [{ name: '--json' }, { name: '--write' }, { name: '--workers', value: 'N' }],
};

/** `marginalia analyze …` from the raw arguments after the command name. */
export function runAnalyze(args: readonly string[]): number | Promise<number> {
  const read = readArguments(args, ANALYZE_SPEC);
  if (!read.ok) return read.exit;
  if (!read.args.operands.length) return usageError('analyze', 'give the files or folders to analyse, e.g. `marginalia analyze seeds`');
  const workers = read.args.values.get('--workers');
  if (workers !== undefined && !/^[1-9]\d*$/.test(workers)) return usageError('analyze', `--workers takes a number of threads, 1 or more (not ${JSON.stringify(workers)})`);
  const threads = workerCount(workers);
  return threads > 1 ? analyzeOnPool(read.args.operands, read.args.flags, threads) : analyzeCommand(read.args.operands, read.args.flags);
}

/** analyzeCommand with the map step on `workers` threads: the same output, sooner. */
export async function analyzeOnPool(paths: string[], flags: ReadonlySet<string>, workers: number): Promise<number> {
  const loaded = loadOrExit(paths);
  if (typeof loaded === 'number') return loaded;
  return analyzeLoaded(loaded, await mapInPool(inputsOf(loaded), workers), flags);
}

const inputsOf = (loaded: Loaded) => loaded.articles.map((a) => ({ path: a.path, text: a.text }));

/**
 * Analyses the articles under `paths` with the user's decisions from all their sidecars. Exit code: 0
 * when every file was analysed (and, with --write, every sidecar written or already up to date); 1 when
 * a file was skipped, a sidecar could not be read or written (each is named on stderr); 2 when the
 * paths hold no article.
 */
export function analyzeCommand(paths: string[], flags: ReadonlySet<string>): number {
  const loaded = loadOrExit(paths);
  if (typeof loaded === 'number') return loaded;
  return analyzeLoaded(loaded, inputsOf(loaded).map(mapOne), flags);
}

/** The link step over the articles' map records, then the output; analyze is map then link, as `marginalia map | marginalia link` runs them. */
function analyzeLoaded(loaded: Loaded, records: MapRecord[], flags: ReadonlySet<string>): number {
  const { articles } = loaded;
  let failed = loaded.problems;
  const recogniser = loadRecogniser();
  // What the user taught in any sidecar holds in every article, as in the editor.
  const corrections = correctionsFrom(articles.map((a) => a.sidecar?.placed ?? []));
  const analysed = linkRecords(records, { recogniser, corrections });
  const article = new Map(articles.map((a) => [a.path, a]));
  const byPath = new Map(analysed.documents.map((d) => [d.path, { doc: d, article: article.get(d.path)! }]));
  const skipped = new Map(loaded.skipped.map((s) => [s.file, s]));
  // Files in link order (the order of one folder's files), so the list is the one `link` prints.
  const order = [...loaded.order].sort((a, b) => compareIds(displayPath(a), displayPath(b)));
  const documents: DocumentResult[] = order.map((file) => {
    const s = skipped.get(file);
    return s ? skippedDocument(s.path, s.problem) : byPath.get(displayPath(file))!.doc;
  });
  const result: AnalysisResult = { ...analysed, documents };
  for (const d of analysed.documents) failed += sayDocumentProblems(d);
  if (flags.has('--write')) {
    const now = new Date().toISOString();
    const counts = { written: 0, unchanged: 0, notWritten: 0 };
    for (const { doc, article } of byPath.values()) {
      if (doc.skipped) continue;
      if (article.sidecarProblem) {
        counts.notWritten++; // said when it was read
        continue;
      }
      const annotations = mergeAnnotations(suggestionsFor(article.text, doc, now), article.sidecar?.placed ?? []);
      const content = serializeSidecar(makeSidecar(doc.path, article.text, annotations, recogniser.id, VERSION));
      const done = writeIfChanged(sidecarPath(article.file), content, article.sidecar?.raw);
      if (typeof done === 'string') counts[done]++;
      else {
        say(`marginalia: ${displayPath(sidecarPath(article.file))}: not written (${done.error}); the previous file, if any, is unchanged: make the folder writable, then run again`);
        counts.notWritten++;
        failed++;
      }
    }
    say(`marginalia: sidecars: ${counts.written} written, ${counts.unchanged} unchanged${counts.notWritten ? `, ${counts.notWritten} not written (see above)` : ''}`);
  }
  if (flags.has('--json')) process.stdout.write(JSON.stringify(result, null, 2) + '\n');
  else {
    for (const d of result.documents) {
      process.stdout.write(`${d.path}: ${d.skipped ? `skipped (${d.skipped})` : `${d.entities.length} entities, ${d.quotes.length} quotes, ${d.claims.length} claims${d.warnings?.length ? ' (see the warning)' : ''}`}\n`);
    }
    process.stdout.write(`${result.entities.length} entities, ${result.facts.length} facts (${result.facts.filter((f) => !f.consistent).length} with discrepancies)\n`);
  }
  return failed ? EXIT.failed : EXIT.done;
}

/** Says on stderr why an analysed document was skipped and what it warns of; returns 1 when it was skipped. */
export function sayDocumentProblems(d: DocumentResult): number {
  if (d.skipped) say(`marginalia: ${d.path}: skipped: ${d.skipped}`);
  for (const w of d.warnings ?? []) say(`marginalia: ${d.path}: warning: ${w}`);
  return d.skipped ? 1 : 0;
}
