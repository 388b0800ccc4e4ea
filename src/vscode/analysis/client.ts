/**
 * The extension host's side of the analysis worker (src/worker). The host keeps the texts it sent (so a
 * worker that crashed is replaced and given everything again) and the user's annotations (the worker
 * never holds them: nothing is lost with it). Results are handed to `onArticles` in slices of at most
 * 8 ms of the host's thread.
 */
import * as vscode from 'vscode';
import type { Corrections, EntityCluster, Fact } from '../../core';
import type { ArticleOutcome, ArticleText, FromWorker, ToWorker } from '../../worker/protocol';
import { log } from '../log';
import type { WorkerPort } from './port';
import { StringPool } from './intern';
import { Slicer } from './slices';
import { spawnWorker } from './spawn';

export type FolderOutcome = { entities: EntityCluster[]; facts: Fact[] } | 'cancelled';

interface Request {
  first: string[];
  entities: EntityCluster[];
  facts: Fact[];
  resolve(outcome: FolderOutcome): void;
  reject(e: Error): void;
}

/** Texts sent to the worker at once when it is (re)started or a folder is read (each message is parsed in one go). */
const TEXTS_PER_MESSAGE = 100;
/** Restarts allowed within RESTART_WINDOW_MS before the analysis is given up (a worker that dies at once, always). */
const MAX_RESTARTS = 3;
const RESTART_WINDOW_MS = 60_000;

export class AnalysisClient implements vscode.Disposable {
  private port: WorkerPort | undefined;
  private readonly texts = new Map<string, ArticleText>();
  private corrections: Corrections = { rejected: new Set(), accepted: new Map(), merges: new Map() };
  private readonly requests = new Map<number, Request>();
  private nextId = 1;
  private nextVersion = 1;
  private readonly slicer = new Slicer(8);
  /** The outcomes' short strings, one copy each: the host holds every article's outcome. */
  private readonly strings = new StringPool();
  private restarts: number[] = [];
  private model: Promise<Uint8Array | undefined> | undefined;
  private stopped = false;
  /** The worker's name recogniser, once it has loaded it ('unknown' before). */
  recogniserId = 'unknown';
  /** How many times the worker was replaced after a crash. */
  crashes = 0;
  /**
   * When (performance.now()) the first worker was asked for, had its tagger loaded, was sent its first article, and
   * sent its first article's outcome: where the time to the first highlights goes (npm run bench prints it).
   */
  readonly startup: { asked?: number; tagger?: number; firstText?: number; firstOutcome?: number } = {};
  private readonly settled = new vscode.EventEmitter<FolderOutcome>();
  /** Each folder analysis asked for, once it is done or cancelled (tests, the bench). */
  readonly onDidSettle = this.settled.event;

  /**
   * `readModel` is called once, when the worker is first needed (never during activation). `onArticles`
   * gets each article's outcome for the text the host last sent for it (older ones are dropped).
   */
  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly readModel: () => Promise<Uint8Array | undefined>,
    private readonly onArticles: (outcome: ArticleOutcome, text: string, first: boolean) => void,
  ) {}

  /** The text the worker was last sent for `path`. */
  textOf(path: string): string | undefined {
    return this.texts.get(path)?.text;
  }

  /** Folder analyses asked for and not answered yet. */
  get busy(): boolean {
    return this.requests.size > 0;
  }

  get paths(): string[] {
    return [...this.texts.keys()];
  }

  /** Texts added or changed, articles gone, and the user's corrections; only what changed is sent. */
  sync(set: readonly { path: string; text: string }[], remove: readonly string[], corrections: Corrections): void {
    const changed: ArticleText[] = [];
    for (const { path, text } of set) {
      if (this.texts.get(path)?.text === text) continue;
      const a = { path, text, version: this.nextVersion++ };
      this.texts.set(path, a);
      changed.push(a);
    }
    const gone = remove.filter((p) => this.texts.delete(p));
    this.corrections = corrections;
    this.sendTexts(changed, gone);
  }

  /** One article typed in (or opened before the folder reached it): its outcome comes back at once. */
  edit(path: string, text: string): void {
    const a = { path, text, version: this.nextVersion++ };
    this.texts.set(path, a);
    this.startup.firstText ??= performance.now();
    this.send({ type: 'edit', article: a });
  }

  /** Analyses `first` at once, then the whole folder; resolves with the folder-wide view once every article's outcome was applied. */
  analyze(first: readonly string[], token?: vscode.CancellationToken): Promise<FolderOutcome> {
    const id = this.nextId++;
    const done = new Promise<FolderOutcome>((resolve, reject) => this.requests.set(id, { first: [...first], entities: [], facts: [], resolve, reject }));
    this.send({ type: 'analyze', id, first: [...first] });
    const sub = token?.onCancellationRequested(() => this.send({ type: 'cancel', id }));
    return done.finally(() => sub?.dispose());
  }

  /**
   * Starts the worker (its bundle, then the tagger, load on its own thread) without waiting for a request: the
   * store calls this before it looks for the folder's files, which takes the workbench a few hundred ms, so the
   * worker is ready when the first article arrives.
   */
  warmUp(): void {
    this.started ??= this.start();
  }

  private heapAsked: ((peak: number | undefined) => void) | undefined;
  /**
   * The most heap (bytes, typed arrays included) the worker used since the last call, which starts the watch; undefined
   * from a Web Worker or when no answer comes within 2 s. For the bench's memory breakdown.
   */
  workerHeapPeak(): Promise<number | undefined> {
    this.heapAsked?.(undefined);
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.heapAsked?.(undefined), 2000);
      this.heapAsked = (peak) => {
        clearTimeout(timer);
        this.heapAsked = undefined;
        resolve(peak);
      };
      this.send({ type: 'heap' });
    });
  }

  /** Makes the worker crash (tests: the restart and that no annotation is lost). */
  crashForTest(): void {
    this.send({ type: 'crash' });
  }

  private sendTexts(set: readonly ArticleText[], remove: readonly string[]): void {
    if (set.length) this.startup.firstText ??= performance.now();
    for (let i = 0; i === 0 || i < set.length; i += TEXTS_PER_MESSAGE) {
      this.send({ type: 'sync', set: set.slice(i, i + TEXTS_PER_MESSAGE), remove: i === 0 ? [...remove] : [], corrections: this.corrections });
    }
  }

  /** The worker, started on first use: the model is read first so that it is the first message the worker gets. */
  private started: Promise<WorkerPort | undefined> | undefined;
  private send(m: ToWorker): void {
    this.started ??= this.start();
    void this.started.then((port) => port?.post(m));
  }

  private async start(): Promise<WorkerPort | undefined> {
    this.startup.asked ??= performance.now();
    this.model ??= this.readModel();
    // The worker loads its bundle while the model is read.
    const [port, bytes] = await Promise.all([spawnWorker(this.extensionUri), this.model]);
    if (this.stopped) {
      port.terminate();
      return undefined;
    }
    this.port = port;
    port.start((m) => this.received(m), (reason) => this.failed(port, reason));
    if (bytes) port.post({ type: 'model', bytes });
    return port;
  }

  private received(m: FromWorker): void {
    this.handle(m);
    // Results are acknowledged once applied (after the jobs just queued): the worker then sends the next ones.
    if (m.type === 'articles' || m.type === 'folder' || m.type === 'cancelled') this.slicer.push(() => this.send({ type: 'ack' }));
  }

  private handle(m: FromWorker): void {
    switch (m.type) {
      case 'articles':
        this.startup.firstOutcome ??= performance.now();
        for (const a of m.articles) {
          this.slicer.push(() => {
            const held = this.texts.get(a.path);
            // `first`: the open articles' quick pass or a typed article, shown at once (a folder pass is shown when done).
            if (held?.version === a.version) this.onArticles(this.strings.intern(a), held.text, m.provisional || m.id === null);
          });
        }
        return;
      case 'folder': {
        const r = this.requests.get(m.id);
        if (!r) return;
        r.entities.push(...m.entities);
        r.facts.push(...m.facts);
        this.recogniserId = m.recogniserId;
        if (m.last) this.finish(m.id, { entities: r.entities, facts: r.facts });
        return;
      }
      case 'cancelled':
        return this.finish(m.id, 'cancelled');
      case 'failed':
        log.error(`analysis failed: ${m.message}`);
        if (m.id !== null) {
          const r = this.requests.get(m.id);
          this.requests.delete(m.id);
          r?.reject(new Error(m.message.split('\n')[0]));
        }
        return;
      case 'recogniser':
        this.startup.tagger ??= performance.now();
        this.recogniserId = m.id;
        return;
      case 'log':
        log[m.level](m.message);
        return;
      case 'heap':
        this.heapAsked?.(m.peak);
        return;
    }
  }

  /** A request is answered once the outcomes before its answer were applied. */
  private finish(id: number, outcome: FolderOutcome): void {
    const r = this.requests.get(id);
    if (!r) return;
    this.requests.delete(id);
    void this.slicer.idle().then(() => {
      r.resolve(outcome);
      this.settled.fire(outcome);
    });
  }

  /**
   * The worker died or threw: a new one gets every text, the corrections and the requests still open.
   * The annotations live on this side, so none is lost; the user is told once per crash.
   */
  private failed(port: WorkerPort, reason: string): void {
    if (this.port !== port || this.stopped) return;
    this.crashes++;
    const now = Date.now();
    this.restarts = [...this.restarts.filter((t) => now - t < RESTART_WINDOW_MS), now];
    log.error(`the analysis worker stopped: ${reason}`);
    if (this.restarts.length > MAX_RESTARTS) {
      void vscode.window.showErrorMessage(vscode.l10n.t('Marginalia\'s analysis stopped {0} times in a minute and is not restarted again; your annotations are kept. Reload the window to try again.', this.restarts.length), vscode.l10n.t('Show Log')).then((p) => p && log.show());
      for (const r of this.requests.values()) r.reject(new Error(`the analysis worker stopped: ${reason}`));
      this.requests.clear();
      this.started = Promise.resolve(undefined);
      return;
    }
    void vscode.window.showWarningMessage(vscode.l10n.t('Marginalia\'s analysis stopped unexpectedly and was restarted; no annotation was lost.'), vscode.l10n.t('Show Log')).then((p) => p && log.show());
    this.started = this.start();
    this.sendTexts([...this.texts.values()], []);
    for (const [id, r] of this.requests) this.send({ type: 'analyze', id, first: r.first });
    for (const r of this.requests.values()) {
      r.entities = [];
      r.facts = [];
    }
  }

  dispose(): void {
    this.stopped = true;
    this.port?.terminate();
    for (const r of this.requests.values()) r.resolve('cancelled');
    this.requests.clear();
    this.settled.dispose();
  }
}
