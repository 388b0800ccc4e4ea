import * as vscode from 'vscode';
import type { ArticleStore } from '../store/articles';
import type { Annotation } from '../../core/sidecar';

/** One decoration per entity type and one for quotes, coloured from the theme colours the manifest declares. */
const KINDS = ['PERSON', 'ORG', 'PLACE', 'DATE', 'NUMBER', 'QUOTE'] as const;
type Kind = (typeof KINDS)[number];

function colourId(kind: Kind): string {
  return `marginalia.${kind.toLowerCase()}`;
}

function kindOf(a: Annotation): Kind | undefined {
  if (a.kind === 'quote') return 'QUOTE';
  if (a.kind === 'entity' && a.type) return a.type;
  return undefined;
}

export function activate(context: vscode.ExtensionContext, store: ArticleStore): void {
  const types = new Map<Kind, vscode.TextEditorDecorationType>();
  // User-made or accepted annotations get a solid border, machine suggestions a dotted underline only.
  const confirmed = new Map<Kind, vscode.TextEditorDecorationType>();
  for (const k of KINDS) {
    const colour = new vscode.ThemeColor(`${colourId(k)}.background`);
    const border = new vscode.ThemeColor(`${colourId(k)}.border`);
    types.set(k, vscode.window.createTextEditorDecorationType({
      backgroundColor: colour,
      borderStyle: 'none none dotted none',
      borderWidth: '0 0 1px 0',
      borderColor: border,
      overviewRulerColor: border,
      overviewRulerLane: vscode.OverviewRulerLane.Right,
    }));
    confirmed.set(k, vscode.window.createTextEditorDecorationType({
      backgroundColor: colour,
      border: '1px solid',
      borderColor: border,
      overviewRulerColor: border,
      overviewRulerLane: vscode.OverviewRulerLane.Center,
    }));
  }
  context.subscriptions.push(...types.values(), ...confirmed.values());
  const hidden = new Set<string>(); // editors whose highlights the user turned off

  const paint = (editor: vscode.TextEditor) => {
    const state = store.get(editor.document.uri);
    const config = vscode.workspace.getConfiguration('marginalia.highlight');
    const off = hidden.has(editor.document.uri.toString());
    const buckets = new Map<vscode.TextEditorDecorationType, vscode.Range[]>();
    for (const t of [...types.values(), ...confirmed.values()]) buckets.set(t, []);
    if (state && !off && editor.document.getText().length === state.text.length) {
      for (const a of state.annotations) {
        const k = kindOf(a);
        if (!k || a.status === 'rejected' || a.orphaned || !config.get<boolean>(k.toLowerCase(), true)) continue;
        const t = (a.origin === 'user' || a.status === 'accepted' ? confirmed : types).get(k)!;
        buckets.get(t)!.push(new vscode.Range(editor.document.positionAt(a.target.start), editor.document.positionAt(a.target.end)));
      }
    }
    for (const [t, ranges] of buckets) editor.setDecorations(t, ranges);
  };
  const paintAll = () => vscode.window.visibleTextEditors.forEach(paint);

  context.subscriptions.push(
    store.onDidChange(paintAll),
    vscode.window.onDidChangeVisibleTextEditors(paintAll),
    vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('marginalia.highlight') && paintAll()),
    vscode.commands.registerCommand('marginalia.toggleHighlights', () => {
      const editor = vscode.window.activeTextEditor;
      if (!editor) return;
      const key = editor.document.uri.toString();
      if (hidden.has(key)) hidden.delete(key);
      else hidden.add(key);
      paint(editor);
    }),
  );
  paintAll();
}
