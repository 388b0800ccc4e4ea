import { readFileSync, statSync, readdirSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { analyzeArticles, compromiseRecogniser, type ArticleInput } from './core';

const ARTICLE = /\.(txt|md|markdown)$/i;

function usage(): never {
  process.stderr.write(`Usage: marginalia analyze <files or folders…> [--json]\n`);
  process.exit(2);
}

/** Article files under the given paths, in a stable order. Sidecars and hidden folders are skipped. */
export function collectArticles(paths: string[]): string[] {
  const out: string[] = [];
  const visit = (p: string) => {
    const st = statSync(p);
    if (st.isDirectory()) {
      for (const name of readdirSync(p).sort()) if (!name.startsWith('.') && name !== 'node_modules') visit(join(p, name));
    } else if (ARTICLE.test(p)) out.push(p);
  };
  for (const p of paths) visit(p);
  return out;
}

function main(argv: string[]) {
  const [command, ...rest] = argv;
  if (command !== 'analyze') usage();
  const json = rest.includes('--json');
  const paths = rest.filter((a) => !a.startsWith('--'));
  if (!paths.length) usage();
  const files = collectArticles(paths);
  const inputs: ArticleInput[] = files.map((f) => ({ path: relative(process.cwd(), resolve(f)).split('\\').join('/'), text: readFileSync(f, 'utf8') }));
  const result = analyzeArticles(inputs, { recogniser: compromiseRecogniser });
  if (json) process.stdout.write(JSON.stringify(result, null, 2) + '\n');
  else {
    for (const d of result.documents) {
      process.stdout.write(`${d.path}: ${d.skipped ? `skipped (${d.skipped})` : `${d.entities.length} entities, ${d.quotes.length} quotes, ${d.claims.length} claims`}\n`);
    }
    process.stdout.write(`${result.entities.length} entities, ${result.facts.length} facts (${result.facts.filter((f) => !f.consistent).length} with discrepancies)\n`);
  }
}

main(process.argv.slice(2));
