import { existsSync, readFileSync } from 'node:fs';
import type { AnalysisResult, ArticleInput } from '../core';
import { makeSidecar, mergeAnnotations, parseSidecar, serializeSidecar, suggestionsFor } from '../core/sidecar';
import { writeFileAtomic } from '../node/atomic';
import { sidecarPath } from './files';
import { VERSION } from '../version';

/**
 * Writes each article's sidecar: fresh suggestions merged with every user decision already in it.
 * A sidecar that cannot be read is left untouched and reported (exit code stays 0 for the others).
 */
export function writeSidecars(files: string[], inputs: ArticleInput[], result: AnalysisResult, recogniser: string): number {
  let problems = 0;
  const now = new Date().toISOString();
  files.forEach((file, i) => {
    const doc = result.documents[i];
    if (doc.skipped) return;
    const target = sidecarPath(file);
    let previous: ReturnType<typeof parseSidecar> | undefined;
    if (existsSync(target)) {
      previous = parseSidecar(readFileSync(target, 'utf8'));
      if (!previous.ok) {
        problems++;
        process.stderr.write(`marginalia: not writing ${target}: ${previous.problem} (the file is left as it is)\n`);
        return;
      }
    }
    const annotations = mergeAnnotations(suggestionsFor(inputs[i].text, doc, now), previous?.ok ? previous.sidecar.annotations : []);
    writeFileAtomic(target, serializeSidecar(makeSidecar(doc.path, inputs[i].text, annotations, recogniser, VERSION)));
  });
  return problems;
}
