import { existsSync, readFileSync } from 'node:fs';
import { makeSidecar, parseSidecar, reanchorAnnotations, serializeSidecar, type ReanchorReport } from '../core/sidecar';
import { writeFileAtomic } from '../node/atomic';
import { VERSION } from '../version';
import { collectArticles, displayPath, readArticle, sidecarPath } from './files';

interface FileReport {
  path: string;
  sidecar: string;
  anchored: number;
  moved: number;
  orphaned: number;
  problem?: string;
  annotations: ReanchorReport[];
}

/**
 * `marginalia check <paths> [--json] [--write]`: re-anchors every article's sidecar against the
 * article's current text (after edits made outside the editor) and reports what held, moved or was
 * orphaned. With --write the re-anchored sidecar is saved (orphans stay in it).
 */
export function checkCommand(paths: string[], flags: Set<string>): number {
  const reports: FileReport[] = [];
  let failed = 0;
  for (const file of collectArticles(paths)) {
    const side = sidecarPath(file);
    if (!existsSync(side)) continue;
    const report: FileReport = { path: displayPath(file), sidecar: displayPath(side), anchored: 0, moved: 0, orphaned: 0, annotations: [] };
    reports.push(report);
    const parsed = parseSidecar(readFileSync(side, 'utf8'));
    const article = readArticle(file);
    if (!parsed.ok || article.error) {
      report.problem = parsed.ok ? `cannot read the article: ${article.error}` : parsed.problem;
      failed++;
      continue;
    }
    const { annotations, report: lines } = reanchorAnnotations(article.text, parsed.sidecar.annotations);
    report.annotations = lines;
    for (const l of lines) report[l.status]++;
    if (flags.has('--write')) {
      const s = makeSidecar(parsed.sidecar.document.path, article.text, annotations, parsed.sidecar.generator.recogniser, VERSION);
      writeFileAtomic(side, serializeSidecar(s));
    }
  }
  if (flags.has('--json')) process.stdout.write(JSON.stringify({ files: reports }, null, 2) + '\n');
  else {
    for (const r of reports) {
      process.stdout.write(r.problem ? `${r.path}: not checked: ${r.sidecar}: ${r.problem}\n` : `${r.path}: ${r.anchored} anchored, ${r.moved} moved, ${r.orphaned} orphaned\n`);
    }
    if (!reports.length) process.stdout.write('no sidecars found\n');
  }
  return failed ? 1 : 0;
}
