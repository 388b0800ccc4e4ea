/** Inputs of the benchmark, all built on the spot from the repo's seeds and the CoNLL-2003 files. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseConll, rebuildDocument } from '../../src/core/ner';

/** The repo root: the folder with package.json above the bundle (out/scripts/) or the source (scripts/bench/). */
export function repoRoot(): string {
  for (const up of ['../..', '..', '../../..']) {
    const dir = path.resolve(__dirname, up);
    if (fs.existsSync(path.join(dir, 'package.json')) && fs.existsSync(path.join(dir, 'seeds'))) return dir;
  }
  return process.cwd();
}

export interface Article {
  path: string;
  text: string;
}

export function readSeeds(root: string): Article[] {
  const dir = path.join(root, 'seeds');
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => ({ path: `seeds/${f}`, text: fs.readFileSync(path.join(dir, f), 'utf8') }));
}

/**
 * The documents of a CoNLL-2003 file turned back into text: the first sentence (the headline) is the
 * title line, then one paragraph a sentence, tokens joined as news text is written.
 */
export function readConllArticles(file: string, prefix: string): Article[] {
  const docs = parseConll(fs.readFileSync(file, 'utf8'));
  return docs.map((d, i) => ({ path: `${prefix}-${String(i).padStart(4, '0')}.txt`, text: rebuildDocument(d).text + '\n' }));
}

export function bytes(articles: readonly Article[]): number {
  let n = 0;
  for (const a of articles) n += Buffer.byteLength(a.text);
  return n;
}

/**
 * One long article of about `size` characters: the seeds one after another, over and over. Each copy's
 * paragraphs are numbered (`[12] …`) so the copies are alike but not identical, as in a long live feed;
 * otherwise every quote and its context would occur dozens of times and nothing could be re-anchored.
 */
export function longArticle(seeds: readonly Article[], size: number): string {
  const parts: string[] = [];
  let n = 0;
  for (let i = 0; n < size; i++) {
    const s = seeds[i % seeds.length].text.trim().replace(/\n(?=\S)/g, `\n[${i}] `);
    parts.push(s);
    n += s.length + 2;
  }
  const text = parts.join('\n\n');
  // Cut at a paragraph end so the article does not stop mid-sentence.
  const cut = text.lastIndexOf('\n', size);
  return text.slice(0, cut > size * 0.9 ? cut : size) + '\n';
}

/** Offsets [start, end) of the non-empty lines (paragraphs) of a text. */
export function paragraphs(text: string): [number, number][] {
  const out: [number, number][] = [];
  let at = 0;
  while (at < text.length) {
    let end = text.indexOf('\n', at);
    if (end < 0) end = text.length;
    if (end > at && text.slice(at, end).trim()) out.push([at, end]);
    at = end + 1;
  }
  return out;
}
