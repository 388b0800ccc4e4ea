/**
 * The tagger's resident size, measured in a fresh process (this bench run again with
 * --tagger-memory-child DIR and --expose-gc): memory after a full GC before the model is loaded, after
 * the load, and after tagging every article of the folder (the word caches then hold every word seen,
 * up to their caps). What the extension host or a worker pays for the tagger, apart from the articles.
 */
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { parseArticle } from '../../src/core';
import { loadRecogniser } from '../../src/node/recogniser';
import { readConllArticles } from './corpus';

export interface TaggerMemory {
  articles: number;
  /** Bytes, heap used + memory outside the heap (typed arrays), above the pre-load baseline. */
  loaded: number;
  tagged: number;
  /** Resident set size above the baseline, after tagging. */
  rssTagged: number;
}

/** The child's side: prints a TaggerMemory as JSON. */
export function taggerMemoryChild(conll: string): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('--tagger-memory-child needs node --expose-gc');
  const docs = [...readConllArticles(path.join(conll, 'train.txt'), 't'), ...readConllArticles(path.join(conll, 'dev.txt'), 'd')].map((a) => parseArticle(a.path, a.text));
  const used = () => {
    gc();
    const m = process.memoryUsage();
    return { heap: m.heapUsed + m.external, rss: m.rss };
  };
  const base = used();
  const recogniser = loadRecogniser();
  const loaded = used();
  for (const d of docs) recogniser.recognise(d.text, d.sentences);
  const tagged = used();
  const r: TaggerMemory = { articles: docs.length, loaded: loaded.heap - base.heap, tagged: tagged.heap - base.heap, rssTagged: tagged.rss - base.rss };
  console.log(JSON.stringify(r));
}

/** Runs `script` (the bench) as the child; undefined when it fails. */
export function measureTaggerMemory(script: string, conll: string): Promise<TaggerMemory | undefined> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--expose-gc', script, '--tagger-memory-child', conll], { stdio: ['ignore', 'pipe', 'ignore'] });
    let out = '';
    child.stdout?.on('data', (d) => (out += d));
    child.on('exit', () => {
      try {
        resolve(JSON.parse(out) as TaggerMemory);
      } catch {
        resolve(undefined);
      }
    });
  });
}
