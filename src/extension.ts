import * as vscode from 'vscode';
import { ArticleStore, isArticle } from './vscode/store/articles';
import * as logFeature from './vscode/log';
import * as highlights from './vscode/highlights';
import * as hover from './vscode/hover';
import * as quotes from './vscode/quotes';
import * as sidecar from './vscode/sidecar';

/** Public surface for tests and other extensions. */
export interface MarginaliaApi {
  store: ArticleStore;
  ready: Promise<void>;
  /** A fresh store reading everything from disk again, as a window reload would. */
  createStore(): ArticleStore;
  views: { quotes: vscode.TreeDataProvider<unknown> };
}

export function activate(context: vscode.ExtensionContext): MarginaliaApi {
  logFeature.activate(context);
  const store = new ArticleStore();
  context.subscriptions.push(store);
  highlights.activate(context, store);
  hover.activate(context, store);
  const quotesView = quotes.activate(context, store);
  sidecar.activate(context, store);

  // Re-analyse (debounced) as articles are edited, opened or changed on disk.
  let timer: ReturnType<typeof setTimeout> | undefined;
  const soon = () => {
    clearTimeout(timer);
    timer = setTimeout(() => void store.refresh(), 400);
  };
  context.subscriptions.push(
    vscode.workspace.onDidChangeTextDocument((e) => isArticle(e.document) && e.contentChanges.length && soon()),
    vscode.workspace.onDidOpenTextDocument((d) => isArticle(d) && !store.get(d.uri) && soon()),
    vscode.commands.registerCommand('marginalia.analyzeFolder', () =>
      vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Marginalia: analysing articles…') }, () => store.refresh()),
    ),
    { dispose: () => clearTimeout(timer) },
  );
  // The analysis runs after activate() returns, so activation stays fast.
  const ready = new Promise<void>((resolve) => setTimeout(() => store.refresh().then(resolve, resolve), 0));
  return { store, ready, createStore: () => new ArticleStore(), views: { quotes: quotesView } };
}

export function deactivate(): void {}
