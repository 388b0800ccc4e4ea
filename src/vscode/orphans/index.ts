import * as vscode from 'vscode';
import { describe } from '../../core/anchoring';
import type { Annotation } from '../../core/sidecar';
import type { ArticleStore, ArticleState } from '../store/articles';
import { fileName, shorten } from '../tree/reveal';

interface OrphanNode {
  state: ArticleState;
  annotation: Annotation;
}

/**
 * Annotations whose text could not be found after the article changed. They are listed with their
 * text and note, and stay in the sidecar until the user re-attaches them to a selection or deletes them.
 */
class OrphansProvider implements vscode.TreeDataProvider<OrphanNode> {
  private readonly emitter = new vscode.EventEmitter<OrphanNode | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  constructor(private readonly store: ArticleStore) {}
  refresh() {
    this.emitter.fire(undefined);
  }
  getChildren(node?: OrphanNode): OrphanNode[] {
    if (node) return [];
    return this.store.all.flatMap((state) => state.annotations.filter((a) => a.orphaned).map((annotation) => ({ state, annotation })));
  }
  getTreeItem({ state, annotation: a }: OrphanNode): vscode.TreeItem {
    const item = new vscode.TreeItem(`“${shorten(a.target.exact, 60)}”`, vscode.TreeItemCollapsibleState.None);
    item.id = `orphan:${state.uri.toString()}#${a.id}`;
    item.description = `${fileName(state.result.path)} · ${a.kind}${a.note ? ` · ${shorten(a.note, 40)}` : ''}${a.tags.length ? ` · ${a.tags.join(', ')}` : ''}`;
    item.iconPath = new vscode.ThemeIcon('debug-disconnect');
    item.contextValue = 'marginalia.orphan';
    item.tooltip = new vscode.MarkdownString().appendText(`${a.target.exact}\n\n${a.note ?? ''}`);
    item.accessibilityInformation = { label: vscode.l10n.t('Orphaned {0} in {1}, its text no longer found: {2}', a.kind, fileName(state.result.path), a.target.exact) + (a.note ? `. ${a.note}` : '') };
    return item;
  }
}

export function activate(context: vscode.ExtensionContext, store: ArticleStore): vscode.TreeDataProvider<unknown> {
  const provider = new OrphansProvider(store);
  const update = () => {
    provider.refresh();
    void vscode.commands.executeCommand('setContext', 'marginalia.hasOrphans', store.all.some((s) => s.annotations.some((a) => a.orphaned)));
  };
  context.subscriptions.push(
    vscode.window.createTreeView('marginalia.orphans', { treeDataProvider: provider }),
    store.onDidChange(update),
    vscode.commands.registerCommand('marginalia.reattachOrphan', async (node: OrphanNode) => {
      const editor = vscode.window.activeTextEditor;
      if (!node || !editor || editor.document.uri.toString() !== node.state.uri.toString() || editor.selection.isEmpty) {
        void vscode.window.showInformationMessage(vscode.l10n.t('Select the text in {0} to attach the annotation to, then run Re-attach again.', fileName(node?.state.result.path ?? '')));
        return;
      }
      const start = editor.document.offsetAt(editor.selection.start);
      const end = editor.document.offsetAt(editor.selection.end);
      const t = describe(editor.document.getText(), start, end);
      const { orphaned: _gone, ...rest } = node.annotation;
      await store.update(node.state.uri, { ...rest, modified: new Date().toISOString(), target: { start, end, exact: t.quote.exact, prefix: t.quote.prefix, suffix: t.quote.suffix } });
    }),
    vscode.commands.registerCommand('marginalia.deleteOrphan', async (node: OrphanNode) => {
      if (!node) return;
      const yes = vscode.l10n.t('Delete');
      const answer = await vscode.window.showWarningMessage(vscode.l10n.t('Delete the orphaned annotation “{0}”?', shorten(node.annotation.target.exact, 60)), { modal: true }, yes);
      if (answer === yes) store.remove(node.state.uri, node.annotation.id);
    }),
  );
  update();
  return provider as vscode.TreeDataProvider<unknown>;
}
