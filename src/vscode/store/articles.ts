import * as vscode from 'vscode';
import {
  analyzeArticles,
  compromiseRecogniser,
  type AnalysisResult,
  type DocumentResult,
  type EntityCluster,
  type Fact,
} from '../../core';
import { mergeAnnotations, parseSidecar, reanchorAnnotations, suggestionsFor, type Annotation } from '../../core/sidecar';
import { log } from '../log';

export const SIDECAR_SUFFIX = '.annotations.json';

export interface ArticleState {
  uri: vscode.Uri;
  text: string;
  result: DocumentResult;
  annotations: Annotation[];
  /** Set when the sidecar on disk could not be read: annotations are read-only and the file is never overwritten. */
  sidecarProblem?: string;
}

export function isArticle(doc: { uri: vscode.Uri; languageId?: string }): boolean {
  return /\.(txt|md|markdown)$/i.test(doc.uri.path) && !doc.uri.path.endsWith(SIDECAR_SUFFIX);
}

export function sidecarUri(article: vscode.Uri): vscode.Uri {
  return article.with({ path: article.path + SIDECAR_SUFFIX });
}

const decoder = new TextDecoder('utf-8');

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
  private running: Promise<void> | undefined;
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

  /** Re-analyses the workspace's articles (open editors' unsaved text wins over the disk). */
  refresh(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.run().finally(() => {
      this.running = undefined;
      if (this.again) {
        this.again = false;
        void this.refresh();
      }
    });
    return this.running;
  }

  private async run(): Promise<void> {
    const glob = vscode.workspace.getConfiguration('marginalia').get<string>('articles', '**/*.{txt,md}');
    const found = vscode.workspace.workspaceFolders?.length ? await vscode.workspace.findFiles(glob, '**/{node_modules,.git}/**', 2000) : [];
    const uris = new Map<string, vscode.Uri>(found.filter((u) => isArticle({ uri: u })).map((u) => [u.toString(), u]));
    for (const d of vscode.workspace.textDocuments) if (isArticle(d) && d.uri.scheme !== 'git') uris.set(d.uri.toString(), d.uri);
    const inputs: { uri: vscode.Uri; text: string }[] = [];
    for (const uri of [...uris.values()].sort((a, b) => a.toString().localeCompare(b.toString()))) {
      const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
      try {
        inputs.push({ uri, text: open ? open.getText() : decoder.decode(await vscode.workspace.fs.readFile(uri)) });
      } catch (e) {
        log.warn(`cannot read ${uri.toString()}: ${(e as Error).message}`);
      }
    }
    const started = Date.now();
    this.analysis = analyzeArticles(inputs.map((i) => ({ path: vscode.workspace.asRelativePath(i.uri), text: i.text })), { recogniser: compromiseRecogniser });
    log.info(`analysed ${inputs.length} articles in ${Date.now() - started} ms`);
    const now = new Date().toISOString();
    const next = new Map<string, ArticleState>();
    for (let i = 0; i < inputs.length; i++) {
      const { uri, text } = inputs[i];
      const result = this.analysis.documents[i];
      if (result.skipped) log.warn(`${vscode.workspace.asRelativePath(uri)} skipped: ${result.skipped}`);
      const previous = this.states.get(uri.toString());
      const fresh = suggestionsFor(text, result, now);
      let userAnnotations: Annotation[] = previous?.annotations ?? [];
      let sidecarProblem = previous?.sidecarProblem;
      if (!previous) {
        const loaded = await this.loadSidecar(uri, text);
        userAnnotations = loaded.annotations;
        sidecarProblem = loaded.problem;
      }
      next.set(uri.toString(), { uri, text, result, annotations: mergeAnnotations(fresh, userAnnotations), sidecarProblem });
    }
    this.states = next;
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
      void vscode.window.showErrorMessage(`Marginalia could not read ${name}: ${parsed.problem}. The file is left untouched and annotations of this article are read-only until it is fixed.`, 'Open File').then((pick) => {
        if (pick) void vscode.window.showTextDocument(sidecarUri(uri));
      });
      return { annotations: [], problem };
    }
    return { annotations: reanchorAnnotations(text, parsed.sidecar.annotations).annotations };
  }

  /** Replaces one annotation (matched by id) and tells listeners. */
  update(uri: vscode.Uri, annotation: Annotation): void {
    const state = this.get(uri);
    if (!state) return;
    const i = state.annotations.findIndex((a) => a.id === annotation.id);
    if (i >= 0) state.annotations[i] = annotation;
    else state.annotations.push(annotation);
    this.changed.fire();
  }

  dispose(): void {
    this.changed.dispose();
  }
}
