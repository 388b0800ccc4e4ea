import * as vscode from 'vscode';
import { ArticleStore, isArticle, SIDECAR_SUFFIX } from './vscode/store/articles';
import * as logFeature from './vscode/log';
import { log } from './vscode/log';
import * as highlights from './vscode/highlights';
import * as hover from './vscode/hover';
import * as quotes from './vscode/quotes';
import * as claims from './vscode/claims';
import * as entities from './vscode/entities';
import * as orphans from './vscode/orphans';
import * as annotate from './vscode/annotate';
import * as navigation from './vscode/navigation';
import * as statusbar from './vscode/statusbar';
import * as sidecar from './vscode/sidecar';
import * as exporting from './vscode/export';
import * as walkthrough from './vscode/walkthrough';
import * as verdicts from './vscode/verdicts';
import * as conflicts from './vscode/conflicts';
import * as team from './vscode/team';
import { readModel } from './vscode/analysis/model';

/** Public surface for tests and other extensions. */
export interface MarginaliaApi {
  store: ArticleStore;
  ready: Promise<void>;
  /** A fresh store reading everything from disk again, as a window reload would. */
  createStore(): ArticleStore;
  views: { quotes: vscode.TreeDataProvider<unknown>; claims: vscode.TreeDataProvider<unknown>; entities: vscode.TreeDataProvider<unknown>; orphans: vscode.TreeDataProvider<unknown>; conflicts: vscode.TreeDataProvider<unknown>; compare: vscode.TreeDataProvider<unknown> };
  statusBar: vscode.StatusBarItem;
}

export function activate(context: vscode.ExtensionContext): MarginaliaApi {
  logFeature.activate(context);
  const newStore = () => new ArticleStore(context.extensionUri, () => readModel(context.extensionUri));
  const store = newStore();
  context.subscriptions.push(store);
  highlights.activate(context, store);
  hover.activate(context, store);
  const views = {
    quotes: quotes.activate(context, store),
    claims: claims.activate(context, store),
    entities: entities.activate(context, store),
    orphans: orphans.activate(context, store),
    conflicts: conflicts.activate(context),
    compare: team.activate(context, store),
  };
  annotate.activate(context, store);
  verdicts.activate(context, store);
  navigation.activate(context, store);
  const statusBar = statusbar.activate(context, store);
  const sidecars = sidecar.activate(context, store);
  exporting.activate(context, store);
  walkthrough.activate(context, store);

  // Re-analyse (debounced) as articles are edited, opened or changed on disk.
  let timer: ReturnType<typeof setTimeout> | undefined;
  const soon = () => {
    clearTimeout(timer);
    // Typing updates the edited article at once (store.edited); the folder-wide view waits for a pause.
    timer = setTimeout(() => void store.refresh(), 1500);
  };
  const watcher = vscode.workspace.createFileSystemWatcher('**/*.{txt,md,markdown,json}');
  const onDisk = (uri: vscode.Uri) => {
    if (uri.path.endsWith(SIDECAR_SUFFIX)) {
      const article = uri.with({ path: uri.path.slice(0, -SIDECAR_SUFFIX.length) });
      void sidecars.sidecarChanged(article);
    } else if (isArticle({ uri }) && !vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString())) soon();
  };
  context.subscriptions.push(
    watcher,
    watcher.onDidChange(onDisk),
    watcher.onDidCreate(onDisk),
    watcher.onDidDelete((uri) => !uri.path.endsWith(SIDECAR_SUFFIX) && soon()),
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (!isArticle(e.document) || !e.contentChanges.length) return;
      store.edited(e.document, e.contentChanges);
      soon();
    }),
    vscode.workspace.onDidOpenTextDocument((d) => {
      if (!isArticle(d) || store.get(d.uri)) return;
      store.quick(d).catch((e) => log.error(`quick analysis of ${d.uri.toString()} failed: ${(e as Error).message}`));
      soon();
    }),
    vscode.commands.registerCommand('marginalia.analyzeFolder', () =>
      vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Marginalia: analysing articles…'), cancellable: true },
        (_progress, token) => store.refresh(token),
      ),
    ),
    { dispose: () => clearTimeout(timer) },
  );
  // The analysis runs after activate() returns, so activation stays fast.
  // `ready`: the whole folder analysed (the open articles' highlights come earlier, from a first quick pass).
  const ready = new Promise<void>((resolve) => setTimeout(() => store.refresh().then(() => store.idle()).then(resolve, resolve), 0));
  return { store, ready, createStore: newStore, views, statusBar };
}

export function deactivate(): void {}
