/**
 * The articles of the workspace with their annotations, for every feature of the editor: VS Code glue only.
 * The analysis runs in a worker (src/vscode/analysis, src/worker); the rules (suggestions merged with the
 * user's decisions, corrections, the merge with a sidecar changed on disk, hit-testing) are in src/core/sidecar.
 * Reads and writes files through read.ts and atomic.ts (Node for files on disk in the desktop host, `vscode.workspace.fs`
 * in the browser, by their .web.ts twins), so it runs in both extension hosts alike.
 */
import * as vscode from 'vscode';
import type { DocumentResult, EntityCluster, Fact } from '../../core';
import { afterLostTarget, annotationAt, correctionsFrom, isUserDecision, mergeAnnotations, mergeWithDisk, readSidecarText, type Annotation } from '../../core/sidecar';
import { SIDECAR_SUFFIX } from '../../core/article';
import { applyEdits, type AnchorTarget } from '../../core/anchoring';
import type { Corrections } from '../../core';
import { AnalysisClient } from '../analysis/client';
import type { ArticleOutcome } from '../../worker/protocol';
import { log } from '../log';
import { findArticles, isArticle, openArticles, readArticle } from './discovery';
import { mapConcurrent } from './concurrent';
import { loadSidecar, mergeConflictsProblem, sidecarUri, type LoadedSidecar } from './sidecars';

export { SIDECAR_SUFFIX, isArticle, sidecarUri, mergeConflictsProblem };

/** Articles (and sidecars) read at once when the folder is read. */
const READS_AT_ONCE = 16;

export interface ArticleState {
  uri: vscode.Uri;
  text: string;
  result: DocumentResult;
  annotations: Annotation[];
  /** Set when the sidecar on disk could not be read: annotations are read-only and the file is never overwritten. */
  sidecarProblem?: string;
}

function asAnchorTarget(a: Annotation): AnchorTarget {
  return {
    position: { type: 'TextPositionSelector', start: a.target.start, end: a.target.end },
    quote: { type: 'TextQuoteSelector', exact: a.target.exact, prefix: a.target.prefix, suffix: a.target.suffix },
  };
}

/**
 * The articles of the workspace, analysed together (entities link across them), each with its
 * annotations: fresh suggestions merged with the user decisions read from its sidecar.
 */
export class ArticleStore implements vscode.Disposable {
  private states = new Map<string, ArticleState>();
  private folderView: { entities: EntityCluster[]; facts: Fact[] } = { entities: [], facts: [] };
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  readonly analysis: AnalysisClient;
  /** The article (by path as the worker knows it) of each URI analysed. */
  private readonly uris = new Map<string, vscode.Uri>();
  private running: Promise<void> | undefined;
  private token: vscode.CancellationToken | undefined;
  /** Sidecars read for articles whose state is not built yet. */
  private pending = new Map<string, LoadedSidecar>();
  private again = false;
  /** The first analysis covers only the articles open in editors, so their highlights come at once; the whole folder follows. */
  private openFirst = true;
  private fireSoon: ReturnType<typeof setTimeout> | undefined;

  /** `readModel` is called once, when the worker is first needed, so activation stays fast. */
  constructor(extensionUri: vscode.Uri, readModel: () => Promise<Uint8Array | undefined>) {
    this.analysis = new AnalysisClient(extensionUri, readModel, (o, text, first) => this.apply(o, text, first));
  }

  /** The recogniser's id, recorded in sidecars so old suggestions can be told from new ones. */
  get recogniserId(): string {
    return this.analysis.recogniserId;
  }
  get entities(): readonly EntityCluster[] {
    return this.folderView.entities;
  }
  get facts(): readonly Fact[] {
    return this.folderView.facts;
  }
  get all(): ArticleState[] {
    return [...this.states.values()];
  }
  get(uri: vscode.Uri): ArticleState | undefined {
    return this.states.get(uri.toString());
  }

  /** Resolves when no analysis is running or queued (after the quick first pass, the whole folder's). */
  async idle(): Promise<void> {
    while (this.running) await this.running.catch(() => undefined);
  }

  /** Re-analyses the workspace's articles (open editors' unsaved text wins over the disk). Resolves when it, and any queued after it, is done. */
  refresh(token?: vscode.CancellationToken): Promise<void> {
    this.token = token;
    if (this.running) {
      this.again = true;
      return this.idle();
    }
    this.running = this.run().finally(() => {
      this.running = undefined;
      if (this.again) {
        this.again = false;
        void this.refresh();
      }
    });
    return this.running.then(() => this.idle());
  }

  private async run(): Promise<void> {
    this.analysis.warmUp();
    const open = openArticles();
    const quick = this.openFirst && open.length > 0;
    this.openFirst = false;
    if (quick) this.again = true; // the whole folder next
    const token = this.token;
    const cancelled = () => token?.isCancellationRequested === true;
    const uris = await findArticles(quick);
    const texts = await mapConcurrent(uris, READS_AT_ONCE, readArticle, cancelled);
    if (cancelled()) return;
    const inputs = uris.flatMap((uri, i) => (texts[i] === undefined ? [] : [{ uri, path: vscode.workspace.asRelativePath(uri), text: texts[i]! }]));
    // Sidecars of articles not loaded yet are read first, so their corrections count in this analysis.
    const unloaded = inputs.filter(({ uri }) => !this.states.has(uri.toString()) && !this.pending.has(uri.toString()));
    const sidecars = await mapConcurrent(unloaded, READS_AT_ONCE, ({ uri, text }) => loadSidecar(uri, text), cancelled);
    if (cancelled()) return;
    unloaded.forEach(({ uri }, i) => {
      if (!this.states.has(uri.toString()) && !this.pending.has(uri.toString())) this.pending.set(uri.toString(), sidecars[i]);
    });
    for (const i of inputs) this.uris.set(i.path, i.uri);
    const paths = new Set(inputs.map((i) => i.path));
    // The first pass adds the open articles; a full pass also drops the articles that are gone.
    const gone = quick ? [] : this.analysis.paths.filter((p) => !paths.has(p));
    this.analysis.sync(inputs, gone, this.corrections());
    const started = Date.now();
    let outcome;
    try {
      outcome = await this.analysis.analyze(open.map((d) => vscode.workspace.asRelativePath(d.uri)).filter((p) => paths.has(p)), token);
    } catch (e) {
      log.error(`analysis failed: ${(e as Error).message}`);
      return;
    }
    if (outcome === 'cancelled') {
      log.info('analysis cancelled');
      return;
    }
    log.info(`analysed ${inputs.length} articles in ${Date.now() - started} ms`);
    this.folderView = outcome;
    for (const p of gone) {
      const uri = this.uris.get(p);
      this.uris.delete(p);
      if (uri) this.states.delete(uri.toString());
    }
    this.fire();
  }

  /**
   * One article's outcome from the worker, for `text` (the text last sent for it): its suggestions merged with the
   * user's decisions. `first` (the open articles' quick pass, a typed article) tells listeners at once; a folder
   * pass tells them once, when it is done (each event redraws views that read every article).
   */
  private apply(o: ArticleOutcome, text: string, first: boolean): void {
    const uri = this.uris.get(o.path);
    if (!uri) return;
    const key = uri.toString();
    if (o.result.skipped) log.warn(`${o.path} skipped: ${o.result.skipped}`);
    const previous = this.states.get(key);
    const loaded = previous ? undefined : this.pending.get(key);
    if (!previous && !loaded) return; // its sidecar is not read yet: the next outcome builds it
    this.pending.delete(key);
    const decisions = previous?.annotations ?? loaded!.annotations;
    const sidecarProblem = previous ? previous.sidecarProblem : loaded!.problem;
    this.states.set(key, { uri, text, result: o.result, annotations: mergeAnnotations(o.suggestions, decisions), sidecarProblem });
    if (first) this.fireLater();
  }

  private fire(): void {
    clearTimeout(this.fireSoon);
    this.fireSoon = undefined;
    this.changed.fire();
  }

  /** Listeners are told once for a burst of outcomes (they redraw and recount on each event). */
  private fireLater(): void {
    this.fireSoon ??= setTimeout(() => this.fire(), 0);
  }

  /**
   * An article opened before the folder analysis reached it is analysed at once, on its own, so its
   * highlights do not wait for the whole folder; the folder analysis replaces it when it is done.
   */
  async quick(document: vscode.TextDocument): Promise<void> {
    if (this.get(document.uri)) return;
    const text = document.getText();
    const path = vscode.workspace.asRelativePath(document.uri);
    const loaded = this.pending.get(document.uri.toString()) ?? (await loadSidecar(document.uri, text));
    if (this.get(document.uri) || document.getText() !== text) return;
    this.pending.set(document.uri.toString(), loaded);
    this.uris.set(path, document.uri);
    this.analysis.edit(path, text);
  }

  /**
   * An article was edited in the editor: every annotation follows the edit at once (a user's decision whose
   * text is gone becomes an orphan, a suggestion is dropped), and the worker analyses the changed paragraphs
   * again; its fresh suggestions replace these when they come. The folder-wide view (facts, entity counts)
   * is refreshed later by the caller, when typing pauses.
   */
  edited(document: vscode.TextDocument, changes: readonly vscode.TextDocumentContentChangeEvent[]): void {
    const state = this.get(document.uri);
    if (!state) return;
    const text = document.getText();
    const edits = changes.map((c) => ({ offset: c.rangeOffset, deleteLength: c.rangeLength, insertLength: c.text.length }));
    const moved = applyEdits(state.annotations.map(asAnchorTarget), edits);
    state.annotations = state.annotations.flatMap((a, i) => {
      const r = moved[i];
      if (r.status === 'orphaned' || r.start === undefined || r.end === undefined) return afterLostTarget(a) ?? [];
      return [{ ...a, target: { ...a.target, start: r.start, end: r.end, exact: text.slice(r.start, r.end) } }];
    });
    state.text = text;
    this.analysis.edit(vscode.workspace.asRelativePath(document.uri), text);
    this.changed.fire();
  }

  /**
   * What the user taught across the folder: names rejected, names marked/accepted/retyped (with their
   * type), and merges. Every article's analysis uses all of them.
   */
  corrections(): Corrections {
    return correctionsFrom([...[...this.states.values()].map((s) => s.annotations), ...[...this.pending.values()].map((p) => p.annotations)]);
  }

  /**
   * Replaces one annotation (matched by id) and tells listeners. A change to what counts as a name
   * (accept, reject, retype, merge, a new entity) re-analyses the folder so every article learns it.
   */
  update(uri: vscode.Uri, annotation: Annotation): Promise<void> {
    const state = this.get(uri);
    if (!state) return Promise.resolve();
    const i = state.annotations.findIndex((a) => a.id === annotation.id);
    const before = i >= 0 ? state.annotations[i] : undefined;
    if (i >= 0) state.annotations[i] = annotation;
    else state.annotations.push(annotation);
    this.changed.fire();
    const teaches = annotation.kind === 'entity' && (!before || before.status !== annotation.status || before.type !== annotation.type || before.mergedInto !== annotation.mergedInto);
    return teaches ? this.refresh() : Promise.resolve();
  }

  /**
   * The sidecar changed on disk (another window, `git pull`) and now reads `raw`: its annotations are merged with the ones
   * held here (the rule: mergeWithDisk in src/core/sidecar), and the user is told of conflicts.
   */
  async mergeFromDisk(uri: vscode.Uri, raw: string): Promise<void> {
    const state = this.get(uri);
    if (!state) return;
    const read = readSidecarText(raw, state.text);
    const name = vscode.workspace.asRelativePath(sidecarUri(uri));
    if (read.unreadable) {
      state.sidecarProblem = `${name}: ${read.unreadable}`;
      log.error(`sidecar changed on disk and cannot be read: ${state.sidecarProblem}`);
      this.changed.fire();
      return;
    }
    // A merge left conflicts in the file: it is the truth until they are resolved (nothing here may be saved over it).
    state.sidecarProblem = mergeConflictsProblem(name, read.conflicts);
    if (state.sidecarProblem) {
      state.annotations = mergeAnnotations(state.annotations.filter((a) => !isUserDecision(a)), read.annotations);
      this.changed.fire();
      return;
    }
    const merged = mergeWithDisk(state.annotations, read.annotations);
    state.annotations = merged.annotations;
    if (merged.conflicts.length) {
      void vscode.window.showWarningMessage(vscode.l10n.t('{0}: {1} annotation(s) were changed both here and on disk; both versions are kept. Keep one of each pair: the copy from disk has the note "[conflicting copy from disk]".', vscode.workspace.asRelativePath(uri), merged.conflicts.length));
    }
    this.changed.fire();
  }

  /** Removes an annotation (an orphan the user deleted, a manual annotation taken back). */
  remove(uri: vscode.Uri, id: string): void {
    const state = this.get(uri);
    if (!state) return;
    state.annotations = state.annotations.filter((a) => a.id !== id);
    this.changed.fire();
  }

  /** The annotation under an offset: the smallest one holding it, entities before quotes before claims. */
  annotationAt(uri: vscode.Uri, offset: number, filter?: (a: Annotation) => boolean): Annotation | undefined {
    const state = this.get(uri);
    return state && annotationAt(state.annotations, offset, filter);
  }

  dispose(): void {
    clearTimeout(this.fireSoon);
    this.analysis.dispose();
    this.changed.dispose();
  }
}
