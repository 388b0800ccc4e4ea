import type { AnalysisResult, DocumentResult } from '../core';

/** JSON.stringify(value, null, 2) for a value nested `depth` levels deep (its lines after the first indented). */
function nested(value: unknown, depth: number): string {
  return JSON.stringify(value, null, 2).replace(/\n/g, '\n' + '  '.repeat(depth));
}

/**
 * Writes the analysis document exactly as `JSON.stringify(result, null, 2)` would, with the documents
 * given one at a time: a link over an archive never holds every article's result.
 */
export function writeAnalysisJson(write: (s: string) => void, count: number, document: (i: number) => DocumentResult, rest: Omit<AnalysisResult, 'documents'>): void {
  write(count ? '{\n  "documents": [\n' : '{\n  "documents": [],\n');
  for (let i = 0; i < count; i++) write('    ' + nested(document(i), 2) + (i + 1 < count ? ',\n' : '\n  ],\n'));
  write(`  "entities": ${nested(rest.entities, 1)},\n  "facts": ${nested(rest.facts, 1)}\n}\n`);
}
