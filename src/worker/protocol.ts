/**
 * The messages between the extension host and the analysis worker (a `worker_threads` Worker in the
 * desktop host, a Web Worker in the browser host). Everything here is structured-cloneable: Maps and Sets
 * travel as they are. The host sends texts, edits, corrections and cancellation; the worker sends each
 * article's result with the suggestions made from it, in small batches, then the folder-wide view.
 */
import type { Corrections, DocumentResult, EntityCluster, Fact } from '../core';
import type { Annotation } from '../core/sidecar';

/** An article's text as the host knows it; `version` grows each time the host sends a new text for the path. */
export interface ArticleText {
  path: string;
  text: string;
  version: number;
}

export type ToWorker =
  /** The trained tagger's bytes (read by the host with workspace.fs); parsed by the worker on first use. */
  | { type: 'model'; bytes: Uint8Array }
  /** Texts added or changed, paths removed, and the user's corrections (names rejected, marked, retyped, merged). */
  | { type: 'sync'; set: ArticleText[]; remove: string[]; corrections: Corrections }
  /** Analyse `first` at once (the open articles), then the whole folder. */
  | { type: 'analyze'; id: number; first: string[] }
  /** One article typed in: its result comes back at once (patched when possible, else analysed alone). */
  | { type: 'edit'; article: ArticleText }
  | { type: 'cancel'; id: number }
  /** The host has applied one more message of results: the worker may send another (see RESULTS_IN_FLIGHT). */
  | { type: 'ack' }
  /** Makes the worker fail as a crash would (the restart test). */
  | { type: 'crash' }
  /**
   * The most heap the worker's thread used since the last such ask (the bench's memory breakdown); the first ask
   * starts the watch. Answered by the Node worker only: a Web Worker cannot read its heap.
   */
  | { type: 'heap' };

export interface ArticleOutcome {
  path: string;
  version: number;
  result: DocumentResult;
  /** The suggestions made from `result` (the host merges them with the user's decisions). */
  suggestions: Annotation[];
}

export type FromWorker =
  /** Results of some articles. `provisional`: analysed without the rest of the folder (the folder's pass follows). */
  | { type: 'articles'; id: number | null; articles: ArticleOutcome[]; provisional: boolean }
  /** A part of the folder-wide view; `last` closes the request `id`. */
  | { type: 'folder'; id: number; entities: EntityCluster[]; facts: Fact[]; last: boolean; recogniserId: string }
  | { type: 'cancelled'; id: number }
  /** The name recogniser the worker uses (sidecars record it), once the tagger is loaded. */
  | { type: 'recogniser'; id: string }
  | { type: 'failed'; id: number | null; message: string }
  | { type: 'log'; level: 'info' | 'warn' | 'error'; message: string }
  /** Bytes: V8 heap used plus memory held by its objects outside it (typed arrays), at most, since the last ask. */
  | { type: 'heap'; peak: number };

/**
 * The most articles in one `articles` message: a message is parsed on the host's thread in one go, and an article's
 * result with its suggestions is ~50 KB of structured clone (~1 ms to read back).
 */
export const ARTICLES_PER_MESSAGE = 2;
/**
 * Result messages (`articles`, `folder`) the worker sends before the host acknowledges one. Node's MessagePort reads
 * every queued message in one go: a folder's results sent at once (~30 MB for 1,000 articles) would block the host
 * for a second; a few at a time keep each read small and let the host apply them between other work.
 */
export const RESULTS_IN_FLIGHT = 4;
/** The most entities (or facts) in one `folder` message, for the same reason. */
export const CLUSTERS_PER_MESSAGE = 300;
