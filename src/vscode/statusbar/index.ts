import * as vscode from 'vscode';
import type { ArticleStore } from '../store/articles';

/** Counts for the active article; a click opens the Marginalia side bar. */
export function activate(context: vscode.ExtensionContext, store: ArticleStore): vscode.StatusBarItem {
  const item = vscode.window.createStatusBarItem('marginalia.counts', vscode.StatusBarAlignment.Left, 50);
  item.name = 'Marginalia';
  item.command = 'workbench.view.extension.marginalia';
  const update = () => {
    const editor = vscode.window.activeTextEditor;
    const state = editor && store.get(editor.document.uri);
    if (!state) {
      item.hide();
      return;
    }
    const live = state.annotations.filter((a) => a.status !== 'rejected' && !a.orphaned);
    const n = (k: string) => live.filter((a) => a.kind === k).length;
    const orphans = state.annotations.filter((a) => a.orphaned).length;
    item.text = `$(book) ${vscode.l10n.t('{0} entities · {1} quotes · {2} claims', n('entity'), n('quote'), n('claim'))}${orphans ? ` · $(warning) ${orphans}` : ''}`;
    item.tooltip = state.sidecarProblem ? vscode.l10n.t('Annotations read-only: {0}', state.sidecarProblem) : vscode.l10n.t('Marginalia: open the side bar');
    item.accessibilityInformation = { label: item.text.replace(/\$\([a-z-]+\)\s*/g, '') };
    item.show();
  };
  context.subscriptions.push(item, store.onDidChange(update), vscode.window.onDidChangeActiveTextEditor(update));
  update();
  return item;
}
