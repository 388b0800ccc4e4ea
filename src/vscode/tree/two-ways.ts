import * as vscode from 'vscode';
import type { ArticleStore } from '../store/articles';

/** A side-bar list that can be grouped two ways: by article, or the list's own way (claims by fact, quotes by speaker). */
export interface TwoWayList<T> extends vscode.TreeDataProvider<T> {
  byArticle: boolean;
  refresh(): void;
}

/**
 * The view `viewId` of such a list, refreshed when the store changes, and `group(byArticle)`, which the list's two
 * title-bar commands call (the callers register them, so that every command id stands written out where it is
 * registered). The context key `contextKey` tells package.json's menus which of the two buttons to show. Starts
 * grouped the list's own way.
 */
export function twoWayView<T>(list: TwoWayList<T>, store: ArticleStore, viewId: string, contextKey: string): { view: vscode.TreeView<T>; group: (byArticle: boolean) => void; disposables: vscode.Disposable[] } {
  const view = vscode.window.createTreeView(viewId, { treeDataProvider: list, showCollapseAll: true });
  const group = (byArticle: boolean) => {
    list.byArticle = byArticle;
    void vscode.commands.executeCommand('setContext', contextKey, byArticle);
    list.refresh();
  };
  group(false);
  return { view, group, disposables: [view, store.onDidChange(() => list.refresh())] };
}
