import * as vscode from 'vscode';
import type { ArticleStore } from '../store/articles';

/** Next / previous annotation (entities, quotes and notes the user has not rejected), for keyboard-only work. */
export function activate(context: vscode.ExtensionContext, store: ArticleStore): void {
  const go = (direction: 1 | -1) => {
    const editor = vscode.window.activeTextEditor;
    const state = editor && store.get(editor.document.uri);
    if (!editor || !state) return;
    const here = editor.document.offsetAt(editor.selection.active);
    const starts = [...new Set(state.annotations.filter((a) => !a.orphaned && a.status !== 'rejected' && a.kind !== 'claim').map((a) => a.target.start))].sort((a, b) => a - b);
    if (!starts.length) return;
    const next = direction > 0 ? (starts.find((s) => s > here) ?? starts[0]) : ([...starts].reverse().find((s) => s < here) ?? starts[starts.length - 1]);
    const a = store.annotationAt(state.uri, next)!;
    const range = new vscode.Range(editor.document.positionAt(a.target.start), editor.document.positionAt(a.target.end));
    editor.selection = new vscode.Selection(range.start, range.start);
    editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  };
  context.subscriptions.push(
    vscode.commands.registerCommand('marginalia.nextAnnotation', () => go(1)),
    vscode.commands.registerCommand('marginalia.previousAnnotation', () => go(-1)),
  );
}
