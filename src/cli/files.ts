import { readFileSync, statSync, readdirSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

const ARTICLE = /\.(txt|md|markdown)$/i;

/** Article files under the given paths, in a stable order. Sidecars, hidden folders and node_modules are skipped. */
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

/** The path an article is reported under: relative to the working directory, with forward slashes. */
export function displayPath(file: string): string {
  return relative(process.cwd(), resolve(file)).split('\\').join('/');
}

/** Reads an article as UTF-8; a file that cannot be read gives a reason instead of text. */
export function readArticle(file: string): { text: string; error?: string } {
  try {
    return { text: readFileSync(file, 'utf8') };
  } catch (e) {
    return { text: '', error: (e as Error).message };
  }
}

export function sidecarPath(article: string): string {
  return `${article}.annotations.json`;
}
