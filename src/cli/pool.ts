import { availableParallelism } from 'node:os';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import type { ArticleInput } from '../core';
import { mapArticle } from '../core/pipeline/map';
import type { MapRecord } from '../core/pipeline/record';
import { loadRecogniser } from '../node/recogniser';
import { YOUNG_GENERATION_MB } from '../node/young-generation';

const ROLE = 'marginalia-map-worker';
/** Below this many articles one thread is done before workers have loaded the tagger. */
const POOL_FROM = 16;

/** The map step of one article, in whichever thread runs it: the one place the CLI calls mapArticle. */
export function mapOne(input: ArticleInput): MapRecord {
  return mapArticle(input, { recogniser: loadRecogniser() });
}

/** In a worker started by mapInPool: map each article sent, answer with its record. Returns false in the main thread. */
export function serveMapWorker(): boolean {
  if (isMainThread || (workerData as { role?: string } | null)?.role !== ROLE) return false;
  parentPort!.on('message', (m: { i: number; input: ArticleInput }) => parentPort!.postMessage({ i: m.i, record: mapOne(m.input) }));
  return true;
}

/** Workers to use: `--workers N` when given, else every core the process may use. */
export function workerCount(given: string | undefined): number {
  return given === undefined ? availableParallelism() : Math.max(1, Math.floor(Number(given)) || 1);
}

/**
 * The map step of every article on a pool of worker threads (this bundle, started again as a worker), the
 * records in input order. The link step then reads them in its own order, so the result is the one a
 * single thread gives.
 */
export async function mapInPool(inputs: readonly ArticleInput[], workers: number): Promise<MapRecord[]> {
  const n = Math.min(workers, inputs.length);
  if (n <= 1 || inputs.length < POOL_FROM) return inputs.map(mapOne);
  const records: MapRecord[] = new Array(inputs.length);
  let next = 0;
  let done = 0;
  const pool = Array.from({ length: n }, () => new Worker(__filename, { workerData: { role: ROLE }, resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB } }));
  try {
    await new Promise<void>((resolve, reject) => {
      const feed = (w: Worker) => {
        if (next < inputs.length) w.postMessage({ i: next, input: inputs[next++] });
      };
      for (const w of pool) {
        w.on('message', (m: { i: number; record: MapRecord }) => {
          records[m.i] = m.record;
          if (++done === inputs.length) resolve();
          else feed(w);
        });
        w.on('error', reject);
        w.on('exit', (code) => done < inputs.length && reject(new Error(`a map worker stopped (exit code ${code})`)));
        // Two articles in flight per worker, so none waits for the main thread between articles.
        feed(w);
        feed(w);
      }
    });
  } finally {
    await Promise.all(pool.map((w) => w.terminate()));
  }
  return records;
}
