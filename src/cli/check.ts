import { makeSidecar, reanchorAnnotations, serializeSidecar, type ReanchorReport } from '../core/sidecar';
import { VERSION } from '../version';
import { EXIT, readArguments, say, usageError, type CommandSpec } from './args';
import { displayPath, sidecarPath, writeIfChanged } from './files';
import { loadOrExit } from './load';

export const CHECK_USAGE = `  marginalia check <files or folders…> [--json] [--write]
      Re-anchor each article's sidecar against its current text; report anchored, moved and orphaned
      annotations (\`analyze --write\` does the same before it writes, so running this first is optional).
      --json   print the report as JSON on standard output
      --write  save the re-anchored sidecars (orphans are kept; an unchanged sidecar is not rewritten)
`;

export const CHECK_SPEC: CommandSpec = {
  command: 'check',
  usage: `Usage:\n${CHECK_USAGE}`,
  options: [{ name: '--json' }, { name: '--write' }],
};

interface FileReport {
  path: string;
  sidecar: string;
  anchored: number;
  moved: number;
  orphaned: number;
  problem?: string;
  annotations: ReanchorReport[];
}

/** `marginalia check …` from the raw arguments after the command name. */
export function runCheck(args: readonly string[]): number {
  const read = readArguments(args, CHECK_SPEC);
  if (!read.ok) return read.exit;
  if (!read.args.operands.length) return usageError('check', 'give the files or folders to check, e.g. `marginalia check seeds`');
  return checkCommand(read.args.operands, read.args.flags);
}

/**
 * `marginalia check <paths> [--json] [--write]`: re-anchors every article's sidecar against the
 * article's current text (after edits made outside the editor) and reports what held, moved or was
 * orphaned. With --write the re-anchored sidecar is saved (orphans stay in it). Exit code 1 when an
 * article or a sidecar could not be read, or a sidecar not written.
 */
export function checkCommand(paths: string[], flags: ReadonlySet<string>): number {
  const loaded = loadOrExit(paths);
  if (typeof loaded === 'number') return loaded;
  const reports: FileReport[] = [];
  let failed = loaded.problems;
  for (const article of loaded.articles) {
    const side = sidecarPath(article.file);
    const report: FileReport = { path: article.path, sidecar: displayPath(side), anchored: 0, moved: 0, orphaned: 0, annotations: [] };
    if (article.sidecarProblem) {
      report.problem = article.sidecarProblem;
      reports.push(report);
      continue;
    }
    if (!article.sidecar) continue;
    reports.push(report);
    const stored = article.sidecar.sidecar;
    const { annotations, report: lines } = reanchorAnnotations(article.text, stored);
    report.annotations = lines;
    for (const l of lines) report[l.status]++;
    if (flags.has('--write')) {
      const content = serializeSidecar(makeSidecar(stored.document.path, article.text, annotations, stored.generator.recogniser, VERSION));
      const done = writeIfChanged(side, content, article.sidecar.raw);
      if (typeof done !== 'string') {
        report.problem = `not written (${done.error})`;
        say(`marginalia: ${report.sidecar}: not written (${done.error}); the previous file is unchanged: make the folder writable, then run again`);
        failed++;
      }
    }
  }
  if (flags.has('--json')) process.stdout.write(JSON.stringify({ files: reports }, null, 2) + '\n');
  else {
    for (const r of reports) {
      process.stdout.write(r.problem ? `${r.path}: not checked: ${r.sidecar}: ${r.problem}\n` : `${r.path}: ${r.anchored} anchored, ${r.moved} moved, ${r.orphaned} orphaned\n`);
    }
  }
  if (!reports.length) say(`marginalia: no sidecars under ${paths.join(', ')}: nothing to check (\`marginalia analyze <paths> --write\` creates them)`);
  return failed ? EXIT.failed : EXIT.done;
}
