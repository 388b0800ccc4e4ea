import * as vscode from 'vscode';
import {
  AnalysisCancelled,
  analyzeArticles,
  FolderAnalyzer,
  type Corrections,
  type NameRecogniser,
  type AnalysisResult,
  type DocumentResult,
  type EntityCluster,
  type Fact,
} from '../../core';
import { correctionsFrom, isUserDecision, mergeAnnotations, parseSidecar, reanchorAnnotations, suggestionsFor, type Annotation } from '../../core/sidecar';
import { decodeArticle, isArticlePath, SIDECAR_SUFFIX } from '../../core/article';
import { applyEdits, type AnchorTarget } from '../../core/anchoring';
import { log } from '../log';

export { SIDECAR_SUFFIX };

export interface ArticleState {
  uri: vscode.Uri;
  text: string;
  result: DocumentResult;
  annotations: Annotation[];
  /** Set when the sidecar on disk could not be read: annotations are read-only and the file is never overwritten. */
  sidecarProblem?: string;
}

/**
 * Why a sidecar is read-only because a git merge left conflicts in it (null when it has none). Saving over it would
 * drop one side of each conflict, so the editor writes it only through the Merge Conflicts view.
 */
export function mergeConflictsProblem(name: string, conflicts: number): string | undefined {
  return conflicts ? vscode.l10n.t('{0} has {1} merge conflict(s) to resolve in the Merge Conflicts view', name, conflicts) : undefined;
}

export function isArticle(doc: { uri: vscode.Uri; languageId?: string }): boolean {
  return isArticlePath(doc.uri.path);
}

export function sidecarUri(article: vscode.Uri): vscode.Uri {
  return article.with({ path: article.path + SIDECAR_SUFFIX });
}

const decoder = new TextDecoder('utf-8');

function asAnchorTarget(a: Annotation): AnchorTarget {
  return {
    position: { type: 'TextPositionSelector', start: a.target.start, end: a.target.end },
    quote: { type: 'TextQuoteSelector', exact: a.target.exact, prefix: a.target.prefix, suffix: a.target.suffix },
  };
}

/**
 * The articles of the workspace, analysed together (entities link across them), each with its
 * annotations: fresh suggestions merged with the user decisions read from its sidecar. Uses only
 * `vscode.workspace.fs`, so it runs in the desktop and the browser extension host alike.
 */
export class ArticleStore implements vscode.Disposable {
  private states = new Map<string, ArticleState>();
  private analysis: AnalysisResult = { documents: [], entities: [], facts: [] };
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private recogniser: Promise<NameRecogniser> | undefined;

  /** `loadRecogniser` is called once, on the first analysis, so activation stays fast. */
  constructor(private readonly loadRecogniser: () => Promise<NameRecogniser>) {}

  /** The recogniser's id, recorded in sidecars so old suggestions can be told from new ones. */
  recogniserId = 'unknown';
  private running: Promise<void> | undefined;
  private token: vscode.CancellationToken | undefined;
  /** Sidecars read for articles whose state is not built yet. */
  private pending = new Map<string, { annotations: Annotation[]; problem?: string }>();
  private again = false;

  get entities(): readonly EntityCluster[] {
    return this.analysis.entities;
  }
  get facts(): readonly Fact[] {
    return this.analysis.facts;
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

  /** Re-analyses the workspace's articles (open editors' unsaved text wins over the disk). */
  /** Resolves when the analysis it asked for, and any queued after it, is done. */
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

  /**
   * The first analysis covers only the articles open in editors, so their highlights come at once; the
   * whole folder follows right after (its entities and facts link across every article).
   */
  private openFirst = true;

  private async run(): Promise<void> {
    const glob = vscode.workspace.getConfiguration('marginalia').get<string>('articles', '**/*.{txt,md}');
    const openArticles = vscode.workspace.textDocuments.filter((d) => isArticle(d) && d.uri.scheme !== 'git');
    const quick = this.openFirst && openArticles.length > 0;
    this.openFirst = false;
    const found = quick || !vscode.workspace.workspaceFolders?.length ? [] : await vscode.workspace.findFiles(glob, '**/{node_modules,.git}/**', 5000);
    const uris = new Map<string, vscode.Uri>(found.filter((u) => isArticle({ uri: u })).map((u) => [u.toString(), u]));
    if (quick) this.again = true; // the whole folder next
    for (const d of vscode.workspace.textDocuments) if (isArticle(d) && d.uri.scheme !== 'git') uris.set(d.uri.toString(), d.uri);
    const inputs: { uri: vscode.Uri; text: string }[] = [];
    for (const uri of [...uris.values()].sort((a, b) => a.toString().localeCompare(b.toString()))) {
      if (this.token?.isCancellationRequested) return;
      const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
      try {
        if (open) inputs.push({ uri, text: open.getText() });
        else {
          // The same test as the CLI's: a file that is not UTF-8 text is named and skipped, never read with U+FFFD in its names.
          const decoded = decodeArticle(await vscode.workspace.fs.readFile(uri));
          // The editor's documents have no byte-order mark; the text read from disk must match them.
          if (decoded.ok) inputs.push({ uri, text: decoded.text.replace(/^\uFEFF/, '') });
          else log.warn(`${vscode.workspace.asRelativePath(uri)} skipped: ${decoded.reason}; ${decoded.hint}`);
        }
      } catch (e) {
        log.warn(`cannot read ${uri.toString()}: ${(e as Error).message}`);
      }
    }
    // Sidecars of articles not loaded yet are read first, so their corrections count in this analysis.
    for (const { uri, text } of inputs) {
      if (this.states.has(uri.toString()) || this.pending.has(uri.toString())) continue;
      this.pending.set(uri.toString(), await this.loadSidecar(uri, text));
    }
    if (this.token?.isCancellationRequested) return;
    const analyzer = await this.analyzerReady();
    analyzer.setOptions({ recogniser: await this.recogniser!, corrections: this.corrections() });
    const paths = new Set(inputs.map((i) => vscode.workspace.asRelativePath(i.uri)));
    for (const p of analyzer.paths) if (!paths.has(p)) analyzer.removeArticle(p);
    for (const i of inputs) analyzer.setArticle(vscode.workspace.asRelativePath(i.uri), i.text);
    const started = Date.now();
    const token = this.token;
    try {
      // In slices: the window stays responsive while a large folder is analysed.
      this.analysis = await analyzer.resultSliced(15, () => !!token?.isCancellationRequested);
    } catch (e) {
      if (e instanceof AnalysisCancelled) {
        log.info('analysis cancelled');
        return;
      }
      throw e;
    }
    log.info(`analysed ${inputs.length} articles in ${Date.now() - started} ms`);
    const now = new Date().toISOString();
    const next = new Map<string, ArticleState>();
    let sliceStart = Date.now();
    for (const { uri, text: read } of inputs) {
      // Building thousands of articles' annotations is work too: leave the event loop free between slices.
      if (Date.now() - sliceStart > 15) {
        await new Promise((r) => setTimeout(r, 0));
        sliceStart = Date.now();
      }
      const path = vscode.workspace.asRelativePath(uri);
      const result = analyzer.documentResult(path);
      if (!result) continue;
      if (result.skipped) log.warn(`${path} skipped: ${result.skipped}`);
      // The article may have been edited while the analysis ran: its state follows the analyser's text.
      const previous = this.states.get(uri.toString());
      const text = previous && previous.text !== read ? previous.text : read;
      let userAnnotations: Annotation[] = previous?.annotations ?? [];
      let sidecarProblem = previous?.sidecarProblem;
      const loaded = this.pending.get(uri.toString());
      if (!previous && loaded) {
        userAnnotations = loaded.annotations;
        sidecarProblem = loaded.problem;
      }
      this.pending.delete(uri.toString());
      next.set(uri.toString(), { uri, text, result, annotations: mergeAnnotations(suggestionsFor(text, result, now), userAnnotations), sidecarProblem });
    }
    this.states = next;
    this.changed.fire();
  }

  /**
   * An article opened before the folder analysis reached it gets a quick analysis of its own, so its
   * highlights do not wait for the whole folder; the folder analysis replaces it when it is done.
   */
  async quick(document: vscode.TextDocument): Promise<void> {
    if (this.get(document.uri)) return;
    this.recogniser ??= this.loadRecogniser();
    const recogniser = await this.recogniser;
    if (this.get(document.uri)) return;
    const text = document.getText();
    const path = vscode.workspace.asRelativePath(document.uri);
    const result = analyzeArticles([{ path, text }], { recogniser, corrections: this.corrections() }).documents[0];
    const loaded = this.pending.get(document.uri.toString()) ?? (await this.loadSidecar(document.uri, text));
    if (this.get(document.uri) || document.getText() !== text) return;
    this.pending.set(document.uri.toString(), loaded);
    this.states.set(document.uri.toString(), { uri: document.uri, text, result, annotations: mergeAnnotations(suggestionsFor(text, result, new Date().toISOString()), loaded.annotations), sidecarProblem: loaded.problem });
    this.changed.fire();
  }

  private analyzer: FolderAnalyzer | undefined;
  private async analyzerReady(): Promise<FolderAnalyzer> {
    this.recogniser ??= this.loadRecogniser();
    const recogniser = await this.recogniser;
    this.recogniserId = recogniser.id;
    this.analyzer ??= new FolderAnalyzer({ recogniser });
    return this.analyzer;
  }

  /**
   * An article was edited in the editor: user annotations follow the edit (a deleted one becomes an
   * orphan), and only the changed paragraphs are analysed again, at once. The folder-wide view (facts,
   * entity counts) is refreshed later by the caller, when typing pauses.
   */
  edited(document: vscode.TextDocument, changes: readonly vscode.TextDocumentContentChangeEvent[]): void {
    const state = this.get(document.uri);
    if (!state || !this.analyzer) return;
    const text = document.getText();
    const edits = changes.map((c) => ({ offset: c.rangeOffset, deleteLength: c.rangeLength, insertLength: c.text.length }));
    const decisions = state.annotations.filter(isUserDecision);
    const moved = applyEdits(decisions.map(asAnchorTarget), edits);
    const kept = decisions.map((a, i) => {
      const r = moved[i];
      if (r.status === 'orphaned' || r.start === undefined || r.end === undefined) return { ...a, orphaned: true };
      return { ...a, target: { ...a.target, start: r.start, end: r.end, exact: text.slice(r.start, r.end) } };
    });
    const path = vscode.workspace.asRelativePath(document.uri);
    if (!this.analyzer.patchable(path)) {
      // A full analysis is due anyway (the folder changed); it will pick this text up.
      state.annotations = [...kept, ...state.annotations.filter((a) => !isUserDecision(a))];
      return;
    }
    this.analyzer.setArticle(path, text);
    const result = this.analyzer.documentResult(path);
    if (!result) return;
    state.text = text;
    state.result = result;
    state.annotations = mergeAnnotations(suggestionsFor(text, result, new Date().toISOString()), kept);
    this.changed.fire();
  }

  /** Reads an article's sidecar and re-anchors its annotations against the current text. */
  private async loadSidecar(uri: vscode.Uri, text: string): Promise<{ annotations: Annotation[]; problem?: string }> {
    let raw: Uint8Array;
    try {
      raw = await vscode.workspace.fs.readFile(sidecarUri(uri));
    } catch {
      return { annotations: [] };
    }
    const parsed = parseSidecar(decoder.decode(raw));
    if (!parsed.ok) {
      const name = vscode.workspace.asRelativePath(sidecarUri(uri));
      const problem = `${name}: ${parsed.problem}`;
      log.error(`annotations not loaded: ${problem}`);
      const open = vscode.l10n.t('Open File');
      const showLog = vscode.l10n.t('Show Log');
      void vscode.window
        .showErrorMessage(vscode.l10n.t('Marginalia could not read {0}: {1}. The file is left untouched and the annotations of this article are read-only until it is fixed or moved away.', name, parsed.problem), open, showLog)
        .then((pick) => {
          if (pick === open) void vscode.window.showTextDocument(sidecarUri(uri));
          else if (pick === showLog) log.show();
        });
      return { annotations: [], problem };
    }
    const annotations = reanchorAnnotations(text, parsed.sidecar.annotations).annotations;
    const conflicted = mergeConflictsProblem(vscode.workspace.asRelativePath(sidecarUri(uri)), parsed.sidecar.conflicts?.length ?? 0);
    if (conflicted) {
      log.warn(`annotations read-only until merged: ${conflicted}`);
      const show = vscode.l10n.t('Show Conflicts');
      void vscode.window.showWarningMessage(vscode.l10n.t('{0}. Its annotations are shown, read-only, until each conflict is resolved.', conflicted), show).then((p) => p === show && vscode.commands.executeCommand('marginalia.conflicts.focus'));
    }
    return { annotations, ...(conflicted ? { problem: conflicted } : {}) };
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
   * The sidecar changed on disk (another window, `git pull`): its annotations are merged with the ones
   * held here. The newer modification of one annotation wins; an annotation changed differently on both
   * sides since it was loaded is a conflict: both versions are kept, the disk one as a copy, and the
   * user is told.
   */
  async mergeFromDisk(uri: vscode.Uri, lastWritten: string | undefined): Promise<void> {
    const state = this.get(uri);
    if (!state) return;
    let raw: string;
    try {
      raw = decoder.decode(await vscode.workspace.fs.readFile(sidecarUri(uri)));
    } catch {
      return; // deleted: what is held here is saved again on the next change
    }
    if (raw === lastWritten) return; // our own write
    const parsed = parseSidecar(raw);
    if (!parsed.ok) {
      state.sidecarProblem = `${vscode.workspace.asRelativePath(sidecarUri(uri))}: ${parsed.problem}`;
      log.error(`sidecar changed on disk and cannot be read: ${state.sidecarProblem}`);
      this.changed.fire();
      return;
    }
    const disk = reanchorAnnotations(state.text, parsed.sidecar.annotations).annotations;
    // A merge left conflicts in the file: it is the truth until they are resolved (nothing here may be saved over it).
    state.sidecarProblem = mergeConflictsProblem(vscode.workspace.asRelativePath(sidecarUri(uri)), parsed.sidecar.conflicts?.length ?? 0);
    if (state.sidecarProblem) {
      state.annotations = mergeAnnotations(suggestionsFor(state.text, state.result, new Date().toISOString()), disk);
      this.changed.fire();
      return;
    }
    const mine = new Map(state.annotations.map((a) => [a.id, a]));
    const conflicts: string[] = [];
    for (const d of disk) {
      const m = mine.get(d.id);
      if (!m) {
        state.annotations.push(d);
        continue;
      }
      if (JSON.stringify({ ...m, modified: '' }) === JSON.stringify({ ...d, modified: '' })) continue;
      if (d.modified > m.modified) Object.assign(m, d);
      else if (d.modified !== m.modified && d.origin === 'user' && m.origin === 'user' && d.modified > (m.created ?? '')) {
        conflicts.push(d.id);
        state.annotations.push({ ...d, id: `${d.id}-conflict`, note: `${d.note ?? ''} [conflicting copy from disk]`.trim() });
      }
    }
    if (conflicts.length) {
      void vscode.window.showWarningMessage(vscode.l10n.t('{0}: {1} annotation(s) were changed both here and on disk; both versions are kept. Keep one of each pair: the copy from disk has the note "[conflicting copy from disk]".', vscode.workspace.asRelativePath(uri), conflicts.length));
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
  annotationAt(uri: vscode.Uri, offset: number, filter: (a: Annotation) => boolean = () => true): Annotation | undefined {
    const rank = { entity: 0, note: 1, quote: 2, claim: 3 } as const;
    return this.get(uri)
      ?.annotations.filter((a) => !a.orphaned && a.target.start <= offset && offset <= a.target.end && filter(a))
      .sort((a, b) => rank[a.kind] - rank[b.kind] || a.target.end - a.target.start - (b.target.end - b.target.start))[0];
  }

  dispose(): void {
    this.changed.dispose();
  }
}
