import type { AnalysisResult, DocumentResult } from '../core';

/** JSON.stringify(value, null, 2) for a value nested `depth` levels deep (its lines after the first indented). */
function nested(value: unknown, depth: number): string {
  return JSON.stringify(value, null, 2).replace(/\n/g, '\n' + '  '.repeat(depth));
}

/** `"key": [ … ]` inside the top-level object, element by element: no string holds the whole array. */
function writeArray(write: (s: string) => void, key: string, count: number, item: (i: number) => unknown, last: boolean): void {
  const close = last ? '\n' : ',\n';
  if (!count) return write(`  "${key}": []${close}`);
  write(`  "${key}": [\n`);
  for (let i = 0; i < count; i++) write('    ' + nested(item(i), 2) + (i + 1 < count ? ',\n' : `\n  ]${close}`));
}

/**
 * Writes the analysis document exactly as `JSON.stringify(result, null, 2)` would, with the documents
 * given one at a time: a link over an archive never holds every article's result, nor the output in one string.
 */
export function writeAnalysisJson(write: (s: string) => void, count: number, document: (i: number) => DocumentResult, rest: Omit<AnalysisResult, 'documents'>): void {
  write('{\n');
  writeArray(write, 'documents', count, document, false);
  writeArray(write, 'entities', rest.entities.length, (i) => rest.entities[i], false);
  writeArray(write, 'facts', rest.facts.length, (i) => rest.facts[i], true);
  write('}\n');
}
