import { existsSync, readFileSync, statSync } from 'node:fs';
import { detectFormat, importAnnotations, IMPORT_FORMATS, mergeImported, referencedPaths, type ImportFormat, type JsonlOffsets } from '../core/export';
import { makeSidecar, placeAnnotations, serializeSidecar } from '../core/sidecar';
import { loadRecogniser } from '../node/recogniser';
import { VERSION } from '../version';
import { EXIT, readArguments, say, usageError, type CommandSpec } from './args';
import { formatProblem } from './export';
import { displayPath, plainError, readSidecar, sidecarPath, writeIfChanged } from './files';
import { loadOrExit } from './load';

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

export const IMPORT_USAGE = `  marginalia import <export file> [<files or folders…>] [--format ${IMPORT_FORMATS.join('|')}] [--dry-run]
      Merge annotations from a W3C or JSONL export into the articles' sidecars (user decisions in the
      file win over suggestions; nothing the file does not mention is removed). Without articles,
      imports into the articles the file names (paths relative to the current folder); after a folder
      was renamed or moved, name the articles' folder after the file. CSV and brat exports cannot be
      imported.  [--base <IRI>] (w3c) [--offsets codepoint|utf16] (jsonl)
`;

export const IMPORT_SPEC: CommandSpec = {
  command: 'import',
  usage: `Usage:\n${IMPORT_USAGE}`,
  options: [
    { name: '--format', alias: '-f', value: IMPORT_FORMATS.join('|'), choices: IMPORT_FORMATS },
    { name: '--base', value: '<IRI>' },
    { name: '--offsets', value: 'codepoint|utf16', choices: ['codepoint', 'utf16'] },
    { name: '--dry-run' },
  ],
};

/** Why a file cannot be imported at all (a CSV or brat export, a folder), or undefined. */
function notImportable(file: string, content: string | undefined): string | undefined {
  const instead = 'import the W3C (.jsonld) or JSONL (.jsonl) export of the same articles instead';
  const body = content?.charCodeAt(0) === 0xfeff ? content.slice(1) : content;
  if (/\.csv$/i.test(file) || body?.startsWith('article,kind,text,')) return `${file} is a CSV export: CSV cannot be imported (it has no offsets or ids); ${instead}`;
  if (/\.(ann|conf)$/i.test(file)) return `${file} is part of a brat export: brat cannot be imported; ${instead}`;
  return undefined;
}

/**
 * Imports `file` into the sidecars of the articles under `paths` (or, when none are given, of the
 * articles the file names that exist). Returns 0 when everything was imported, 1 when something was
 * reported (an annotation that could not be placed, an unreadable sidecar left untouched, a sidecar not
 * written…), 2 when nothing could be done (nothing written).
 */
export function importCommand(file: string, paths: string[], options: ImportCommandOptions = {}): number {
  let content: string;
  try {
    if (statSync(file).isDirectory()) return usageError('import', notImportable(file, undefined) ?? `${file} is a folder (a brat export?): brat cannot be imported; import the W3C (.jsonld) or JSONL (.jsonl) export instead`);
    content = readFileSync(file, 'utf8');
  } catch (e) {
    return usageError('import', `cannot read ${file} (${plainError(e)}): check the path of the export file`);
  }
  const refused = notImportable(file, content);
  if (refused) return usageError('import', refused);
  const format: ImportFormat = options.format ?? detectFormat(content, file);
  if (options.offsets && format !== 'jsonl') return usageError('import', `--offsets applies to JSONL only, and ${file} is read as W3C; leave it out`);
  if (options.base && format !== 'w3c') return usageError('import', `--base applies to W3C only, and ${file} is read as JSONL; leave it out`);
  let targets = paths;
  if (!paths.length) {
    const named = referencedPaths(content, { format, fileName: file, base: options.base });
    targets = named.filter((p) => existsSync(p) && statSync(p).isFile());
    if (!targets.length) {
      const list = named.slice(0, 3).join(', ') + (named.length > 3 ? `, … (${named.length} in all)` : '');
      return usageError(
        'import',
        named.length
          ? `${file} names articles that are not here (${list}; paths are relative to the folder the export was made in): run the import from that folder, or give the articles' folder after the file, e.g. \`marginalia import ${file} <folder>\``
          : `${file} names no article${format === 'w3c' && !options.base ? ' Marginalia can find (exported with --base? give the same --base)' : ''}: give the articles' folder after the file, e.g. \`marginalia import ${file} <folder>\``,
      );
    }
  }
  // Sidecars are read only for the articles the file has annotations for.
  const loaded = loadOrExit(targets, { sidecars: false });
  if (typeof loaded === 'number') return loaded;
  const byPath = new Map(loaded.articles.map((a) => [a.path, a]));
  const now = new Date().toISOString();
  const result = importAnnotations(
    content,
    loaded.articles.map((a) => ({ path: a.path, text: a.text })),
    { fileName: file, now, format, ...(options.base ? { base: options.base } : {}), ...(options.offsets ? { offsets: options.offsets } : {}) },
  );
  let problems = result.problems.length + loaded.problems;
  for (const p of result.problems) say(formatProblem(p));
  let recogniser: string | undefined;
  let total = 0;
  for (const [path, imported] of result.annotations) {
    const article = byPath.get(path)!;
    const side = sidecarPath(article.file);
    const read = readSidecar(article.file);
    if (read.status === 'broken') {
      say(`marginalia: not writing ${displayPath(side)}: ${read.problem}; the file is left as it is: fix it or move it away, then import again`);
      problems++;
      continue;
    }
    const existing = read.status === 'ok' ? { raw: read.raw, sidecar: read.sidecar, placed: placeAnnotations(article.text, read.sidecar) } : undefined;
    const merged = mergeImported(existing?.placed ?? [], imported);
    total += imported.length;
    say(`${path}: ${merged.added} added, ${merged.updated} updated, ${merged.unchanged} unchanged${merged.skipped ? `, ${merged.skipped} suggestions not taken (a decision is already there)` : ''}${options.dryRun ? ' (dry run: nothing written)' : ''}`);
    if (options.dryRun) continue;
    const by = existing?.sidecar.generator.recogniser ?? (recogniser ??= loadRecogniser().id);
    const done = writeIfChanged(side, serializeSidecar(makeSidecar(path, article.text, merged.annotations, by, VERSION)), existing?.raw);
    if (typeof done !== 'string') {
      say(`marginalia: ${displayPath(side)}: not written (${done.error}); the previous file is unchanged: make the folder writable, then import again`);
      problems++;
    }
  }
  if (!result.annotations.size) {
    say(`marginalia: ${file}: nothing to import for the articles given (${loaded.articles.length} read); nothing was written`);
    return EXIT.usage;
  }
  say(`marginalia: imported ${total} annotations into ${result.annotations.size} article${result.annotations.size === 1 ? '' : 's'}`);
  return problems ? EXIT.failed : EXIT.done;
}

/** `marginalia import …` from the raw arguments after the command name: `<file> [paths…] [--format F] [--base IRI] [--offsets U] [--dry-run]`. */
export function runImport(args: readonly string[]): number {
  const read = readArguments(args, IMPORT_SPEC);
  if (!read.ok) return read.exit;
  const { values, flags, operands } = read.args;
  if (!operands.length) return usageError('import', 'give the export file to import, e.g. `marginalia import annotations.jsonld seeds`');
  const [file, ...paths] = operands;
  return importCommand(file, paths, {
    ...(values.has('--format') ? { format: values.get('--format') as ImportFormat } : {}),
    ...(values.has('--base') ? { base: values.get('--base') } : {}),
    ...(values.has('--offsets') ? { offsets: values.get('--offsets') as JsonlOffsets } : {}),
    ...(flags.has('--dry-run') ? { dryRun: true } : {}),
  });
}
