import { analyzeArticles, type ArticleInput } from '../core';
import { loadRecogniser } from '../node/recogniser';
import { collectArticles, displayPath, readArticle } from './files';
import { writeSidecars } from './write';

export function analyzeCommand(paths: string[], flags: Set<string>): number {
  const files = collectArticles(paths);
  const inputs: ArticleInput[] = files.map((f) => ({ path: displayPath(f), text: readArticle(f).text }));
  const recogniser = loadRecogniser();
  const result = analyzeArticles(inputs, { recogniser });
  if (flags.has('--write')) writeSidecars(files, inputs, result, recogniser.id);
  if (flags.has('--json')) process.stdout.write(JSON.stringify(result, null, 2) + '\n');
  else {
    for (const d of result.documents) {
      process.stdout.write(`${d.path}: ${d.skipped ? `skipped (${d.skipped})` : `${d.entities.length} entities, ${d.quotes.length} quotes, ${d.claims.length} claims`}\n`);
    }
    process.stdout.write(`${result.entities.length} entities, ${result.facts.length} facts (${result.facts.filter((f) => !f.consistent).length} with discrepancies)\n`);
  }
  return 0;
}
