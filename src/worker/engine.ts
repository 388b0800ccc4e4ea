/**
 * The analysis worker's logic, free of any host API: the Node (`worker_threads`) and the Web Worker entry
 * points only connect it to their message port. It keeps the folder's texts in a FolderAnalyzer and answers
 * the host's messages (src/worker/protocol.ts). The tagger is parsed on first use, here, never on the
 * extension host's thread.
 */
import { AnalysisCancelled, analyzeArticles, FolderAnalyzer, nerRecogniserFromBytes, noCorrections, warmDateParsers, type AnalyzeOptions, type Corrections, type DocumentResult, type NameRecogniser } from '../core';
import { suggestionsFor } from '../core/sidecar';
import { ARTICLES_PER_MESSAGE, CLUSTERS_PER_MESSAGE, RESULTS_IN_FLIGHT, type ArticleOutcome, type ArticleText, type FromWorker, type ToWorker } from './protocol';

/** How long the worker computes before it reads its messages again (a cancel, an edit, the open article first). */
const SLICE_MS = 40;

const NO_RECOGNISER: NameRecogniser = { id: 'none', recognise: () => [] };

interface Run {
  id: number;
  cancelled: boolean;
}

export class AnalysisEngine {
  private modelBytes: Uint8Array | undefined;
  private recogniser: NameRecogniser | undefined;
  private analyzer: FolderAnalyzer | undefined;
  /** The texts the analyzer holds, with the host's version of each. */
  private readonly texts = new Map<string, { text: string; version: number }>();
  private corrections: Corrections = noCorrections();
  /** Corrections received while a run was using the previous ones: applied when the next run starts. */
  private correctionsChanged = false;
  private current: Run | undefined;
  private running: Promise<void> = Promise.resolve();
  /**
   * Result messages waiting for the host to acknowledge earlier ones (typed articles go first), each built when it
   * is posted: a folder's outcomes with their suggestions (~20 MB for 1,000 articles) are never all alive at once.
   */
  private readonly outbox: (() => FromWorker)[] = [];
  private inFlight = 0;

  constructor(private readonly post: (message: FromWorker) => void) {}

  /**
   * Called by the worker's entry point as it starts: the date parser's costly patterns are compiled while the host
   * still reads the model and the folder, rather than when the first article needs them.
   */
  warmUp(): void {
    setTimeout(warmDateParsers, 0);
  }

  /** Sends a result message when fewer than RESULTS_IN_FLIGHT are unacknowledged, else queues it. */
  private sendResult(m: FromWorker | (() => FromWorker), urgent = false): void {
    const make = typeof m === 'function' ? m : () => m;
    if (urgent) this.outbox.unshift(make);
    else this.outbox.push(make);
    this.flush();
  }

  private flush(): void {
    while (this.inFlight < RESULTS_IN_FLIGHT && this.outbox.length) {
      this.inFlight++;
      this.post(this.outbox.shift()!());
    }
  }

  handle(m: ToWorker): void {
    switch (m.type) {
      case 'model':
        this.modelBytes = m.bytes;
        // Parsed now, off the host's thread, while the host still reads the folder: the first article needs it.
        setTimeout(() => this.options(), 0);
        return;
      case 'sync':
        return this.sync(m.set, m.remove, m.corrections);
      case 'analyze': {
        if (this.current) this.current.cancelled = true; // superseded: the newer request covers it
        const run: Run = { id: m.id, cancelled: false };
        this.current = run;
        this.running = this.running.then(() => this.analyze(run, m.first));
        return;
      }
      case 'edit':
        return this.edit(m.article);
      case 'ack':
        this.inFlight = Math.max(0, this.inFlight - 1);
        this.flush();
        return;
      case 'cancel':
        if (this.current?.id === m.id) this.current.cancelled = true;
        return;
      case 'heap':
        return; // the Node entry point answers it; a Web Worker has no way to read its heap
      case 'crash':
        // Thrown outside any handler, as a real bug would be: the host sees the worker fail and restarts it.
        setTimeout(() => {
          throw new Error('the analysis worker was asked to crash (test)');
        }, 0);
        return;
    }
  }

  /** The tagger, parsed from the host's bytes the first time an analysis needs it. */
  private options(): AnalyzeOptions {
    if (!this.recogniser) {
      const started = Date.now();
      try {
        this.recogniser = this.modelBytes ? nerRecogniserFromBytes(this.modelBytes) : NO_RECOGNISER;
        if (this.modelBytes) this.post({ type: 'log', level: 'info', message: `name tagger ${this.recogniser.id} loaded in the worker in ${Date.now() - started} ms` });
      } catch (e) {
        this.recogniser = NO_RECOGNISER;
        this.post({ type: 'log', level: 'error', message: `name tagger not loaded: ${(e as Error).message}` });
      }
      this.modelBytes = undefined;
      this.post({ type: 'recogniser', id: this.recogniser.id });
    }
    return { recogniser: this.recogniser, corrections: this.corrections };
  }

  private folder(): FolderAnalyzer {
    this.analyzer ??= new FolderAnalyzer(this.options());
    return this.analyzer;
  }

  private sync(set: readonly ArticleText[], remove: readonly string[], corrections: Corrections): void {
    const analyzer = this.folder();
    for (const p of remove) {
      analyzer.removeArticle(p);
      this.texts.delete(p);
    }
    for (const a of set) {
      analyzer.setArticle(a.path, a.text);
      this.texts.set(a.path, { text: a.text, version: a.version });
    }
    if (correctionsKey(corrections) !== correctionsKey(this.corrections)) {
      this.corrections = corrections;
      this.correctionsChanged = true;
      // The run under way learns nothing from the new corrections: the host asks for the next one.
      if (this.current) this.current.cancelled = true;
    }
  }

  /**
   * Queues the results, ARTICLES_PER_MESSAGE a message. Each is paired now with the text the worker holds (the one it
   * was made from); its suggestions are made when the message is posted.
   */
  private sendArticles(id: number | null, results: readonly DocumentResult[], provisional: boolean): void {
    const made = results.flatMap((result) => {
      const held = this.texts.get(result.path);
      return held ? [{ result, ...held }] : [];
    });
    for (let i = 0; i < made.length; i += ARTICLES_PER_MESSAGE) {
      const part = made.slice(i, i + ARTICLES_PER_MESSAGE);
      const articles = (): ArticleOutcome[] => {
        const created = new Date().toISOString();
        return part.map(({ result, text, version }) => ({ path: result.path, version, result, suggestions: suggestionsFor(text, result, created) }));
      };
      this.sendResult(() => ({ type: 'articles', id, articles: articles(), provisional }), id === null);
    }
  }

  private async analyze(run: Run, first: readonly string[]): Promise<void> {
    if (run.cancelled) return this.sendResult({ type: 'cancelled', id: run.id });
    const analyzer = this.folder();
    try {
      if (this.correctionsChanged) {
        analyzer.setOptions(this.options());
        this.correctionsChanged = false;
      }
      // The open articles first, analysed on their own: their highlights do not wait for the folder.
      const open = first.filter((p) => this.texts.has(p)).map((path) => ({ path, text: this.texts.get(path)!.text }));
      if (open.length && open.length < this.texts.size && analyzer.stale) this.sendArticles(run.id, analyzeArticles(open, this.options()).documents, true);
      const result = await analyzer.resultSliced(SLICE_MS, () => run.cancelled);
      if (run.cancelled) throw new AnalysisCancelled();
      this.sendArticles(run.id, result.documents, false);
      const recogniserId = this.options().recogniser.id;
      const n = Math.max(result.entities.length, result.facts.length);
      for (let i = 0; i === 0 || i < n; i += CLUSTERS_PER_MESSAGE) {
        const last = i + CLUSTERS_PER_MESSAGE >= n;
        this.sendResult({ type: 'folder', id: run.id, entities: result.entities.slice(i, i + CLUSTERS_PER_MESSAGE), facts: result.facts.slice(i, i + CLUSTERS_PER_MESSAGE), last, recogniserId });
      }
    } catch (e) {
      // After the results already queued, so that the host settles the request once they are applied.
      if (e instanceof AnalysisCancelled) this.sendResult({ type: 'cancelled', id: run.id });
      else this.post({ type: 'failed', id: run.id, message: (e as Error).stack ?? String(e) });
    } finally {
      if (this.current === run) this.current = undefined;
    }
  }

  /**
   * An article typed in: patched against what the last folder pass learned when it can be, else analysed
   * alone (a folder pass is due and will replace it). Either way its result goes back at once.
   */
  private edit(article: ArticleText): void {
    const analyzer = this.folder();
    const patchable = analyzer.patchable(article.path);
    analyzer.setArticle(article.path, article.text);
    this.texts.set(article.path, { text: article.text, version: article.version });
    try {
      const result = patchable ? analyzer.documentResult(article.path) : analyzeArticles([{ path: article.path, text: article.text }], this.options()).documents[0];
      if (result) this.sendArticles(null, [result], !patchable);
    } catch (e) {
      this.post({ type: 'failed', id: null, message: (e as Error).stack ?? String(e) });
    }
  }
}

function correctionsKey(c: Corrections): string {
  return JSON.stringify([[...c.rejected].sort(), [...c.accepted].sort(), [...c.merges].sort()]);
}
