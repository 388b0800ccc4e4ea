import * as vscode from 'vscode';
import type { ArticleStore } from '../store/articles';

/** A side-bar list that can be grouped two ways: by article, or the list's own way (claims by fact, quotes by speaker). */
export interface TwoWayList<T> extends vscode.TreeDataProvider<T> {
  byArticle: boolean;
  refresh(): void;
}

/**
 * The view `marginalia.<name>` of such a list, refreshed when the store changes, and the two title-bar commands
 * that switch the grouping (`marginalia.<name>ByArticle`, `marginalia.<name><other>`). The context key
 * `marginalia.<name>ByArticle` tells package.json's menus which of the two buttons to show. Starts grouped the
 * list's own way.
 */
export function twoWayView<T>(list: TwoWayList<T>, store: ArticleStore, name: 'claims' | 'quotes', other: 'ByFact' | 'BySpeaker'): { view: vscode.TreeView<T>; disposables: vscode.Disposable[] } {
  const view = vscode.window.createTreeView(`marginalia.${name}`, { treeDataProvider: list, showCollapseAll: true });
  const group = (byArticle: boolean) => {
    list.byArticle = byArticle;
    void vscode.commands.executeCommand('setContext', `marginalia.${name}ByArticle`, byArticle);
    list.refresh();
  };
  group(false);
  const disposables = [
    view,
    store.onDidChange(() => list.refresh()),
    vscode.commands.registerCommand(`marginalia.${name}ByArticle`, () => group(true)),
    vscode.commands.registerCommand(`marginalia.${name}${other}`, () => group(false)),
  ];
  return { view, disposables };
}
