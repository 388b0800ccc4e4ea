import { existsSync, readFileSync, statSync } from 'node:fs';
import { importAnnotations, mergeImported, referencedPaths, type ImportFormat, type JsonlOffsets } from '../core/export';
import { makeSidecar, parseSidecar, serializeSidecar, type Sidecar } from '../core/sidecar';
import { writeFileAtomic } from '../node/atomic';
import { loadRecogniser } from '../node/recogniser';
import { VERSION } from '../version';
import { ArgumentReader, formatProblem } from './export';
import { collectArticles, displayPath, readArticle, sidecarPath } from './files';

export interface ImportCommandOptions {
  /** 'w3c' or 'jsonl'; detected from the file name and content when not given. */
  format?: ImportFormat;
  /** W3C: the base IRI used at export, if any. */
  base?: string;
  /** JSONL: offset unit of lines that do not say (default code points). */
  offsets?: JsonlOffsets;
  /** Report what would change without writing any sidecar. */
  dryRun?: boolean;
}

export const IMPORT_USAGE = `  marginalia import <export file> [<files or folders…>] [--format w3c|jsonl] [--dry-run]
      Merge annotations from a W3C or JSONL export into the articles' sidecars (user decisions in the
      file win over suggestions; nothing the file does not mention is removed). Without articles,
      imports into the articles the file names.  [--base <IRI>] [--offsets codepoint|utf16]
`;

function say(line: string): void {
  process.stderr.write(line + '\n');
}

/**
 * Imports `file` into the sidecars of the articles under `paths` (or, when none are given, of the
 * articles the file names that exist). Returns 0 when everything was imported, 1 when something was
 * reported (an annotation that could not be placed, an unreadable sidecar left untouched…), 2 when
 * nothing could be done.
 */
export function importCommand(file: string, paths: string[], options: ImportCommandOptions = {}): number {
  let content: string;
  try {
    content = readFileSync(file, 'utf8');
  } catch (e) {
    say(`marginalia: cannot read ${file}: ${(e as Error).message}`);
    return 2;
  }
  let files: string[];
  try {
    files = paths.length
      ? collectArticles(paths)
      : referencedPaths(content, { format: options.format, fileName: file, base: options.base }).filter((p) => existsSync(p) && statSync(p).isFile());
  } catch (e) {
    say(`marginalia: ${(e as Error).message}`);
    return 2;
  }
  if (!files.length) {
    say(`marginalia: no articles to import into${paths.length ? '' : ` (${file} names none that exist here; name them after the file)`}`);
    return 2;
  }
  const byPath = new Map<string, { file: string; text: string }>();
  for (const f of files) {
    const read = readArticle(f);
    if (read.error) say(`marginalia: ${displayPath(f)}: skipped: ${read.error}`);
    else byPath.set(displayPath(f), { file: f, text: read.text });
  }
  const now = new Date().toISOString();
  const result = importAnnotations(
    content,
    [...byPath].map(([path, a]) => ({ path, text: a.text })),
    { fileName: file, now, ...(options.format ? { format: options.format } : {}), ...(options.base ? { base: options.base } : {}), ...(options.offsets ? { offsets: options.offsets } : {}) },
  );
  let problems = result.problems.length;
  for (const p of result.problems) say(formatProblem(p));
  let recogniser: string | undefined;
  let total = 0;
  for (const [path, imported] of result.annotations) {
    const article = byPath.get(path)!;
    const side = sidecarPath(article.file);
    let existing: Sidecar | undefined;
    if (existsSync(side)) {
      const parsed = parseSidecar(readFileSync(side, 'utf8'));
      if (!parsed.ok) {
        problems++;
        say(`marginalia: not writing ${displayPath(side)}: ${parsed.problem} (the file is left as it is)`);
        continue;
      }
      existing = parsed.sidecar;
    }
    const merged = mergeImported(existing?.annotations ?? [], imported);
    total += imported.length;
    const changed = merged.added + merged.updated > 0 || !existing;
    say(`${path}: ${merged.added} added, ${merged.updated} updated, ${merged.unchanged} unchanged${merged.skipped ? `, ${merged.skipped} suggestions not taken (a decision is already there)` : ''}${options.dryRun ? ' (dry run: nothing written)' : ''}`);
    if (!changed || options.dryRun) continue;
    const by = existing?.generator.recogniser ?? (recogniser ??= loadRecogniser().id);
    writeFileAtomic(side, serializeSidecar(makeSidecar(path, article.text, merged.annotations, by, VERSION)));
  }
  if (!result.annotations.size) say(`marginalia: ${file}: nothing to import for the articles given`);
  else say(`marginalia: imported ${total} annotations into ${result.annotations.size} article${result.annotations.size === 1 ? '' : 's'}`);
  return result.annotations.size === 0 ? 2 : problems ? 1 : 0;
}

/** `marginalia import …` from the raw arguments after the command name: `<file> [paths…] [--format F] [--base IRI] [--offsets U] [--dry-run]`. */
export function runImport(args: string[]): number {
  const reader = new ArgumentReader(args);
  const take = reader.take.bind(reader);
  const format = take('--format', '-f');
  const base = take('--base');
  const offsets = take('--offsets');
  const dryRun = reader.flag('--dry-run');
  const rest = reader.rest;
  const unknown = rest.filter((a) => a.startsWith('-'));
  const bad =
    (format.value && format.value !== 'w3c' && format.value !== 'jsonl') ||
    (offsets.value && offsets.value !== 'codepoint' && offsets.value !== 'utf16') ||
    [format, base, offsets].some((r) => r.missing);
  if (unknown.length || bad || !rest.length) {
    if (unknown.length) say(`marginalia: unknown option ${unknown.join(' ')}`);
    process.stderr.write(`Usage:\n${IMPORT_USAGE}`);
    return 2;
  }
  const [file, ...paths] = rest;
  return importCommand(file, paths, {
    ...(format.value ? { format: format.value as ImportFormat } : {}),
    ...(base.value ? { base: base.value } : {}),
    ...(offsets.value ? { offsets: offsets.value as JsonlOffsets } : {}),
    ...(dryRun ? { dryRun } : {}),
  });
}
