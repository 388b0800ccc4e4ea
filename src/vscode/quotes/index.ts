import * as vscode from 'vscode';
import type { ArticleStore, ArticleState } from '../store/articles';
import type { Annotation } from '../../core/sidecar';

export const DEFAULT_TAGS = ['verified', 'disputed', 'needs-source', 'misattributed', 'opinion', 'out-of-context'];

type Node = { kind: 'speaker'; name: string; quotes: QuoteNode[] } | QuoteNode;
interface QuoteNode {
  kind: 'quote';
  state: ArticleState;
  annotation: Annotation;
}

/** The Quotes view: the quotes of the active article grouped by speaker, with their tags as description. */
class QuotesProvider implements vscode.TreeDataProvider<Node> {
  private readonly emitter = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  constructor(private readonly store: ArticleStore) {}

  refresh() {
    this.emitter.fire(undefined);
  }

  private activeState(): ArticleState | undefined {
    const editor = vscode.window.activeTextEditor;
    return (editor && this.store.get(editor.document.uri)) ?? undefined;
  }

  getChildren(node?: Node): Node[] {
    if (node?.kind === 'speaker') return node.quotes;
    if (node) return [];
    const state = this.activeState();
    if (!state) return [];
    const groups = new Map<string, QuoteNode[]>();
    for (const a of state.annotations) {
      if (a.kind !== 'quote' || a.status === 'rejected') continue;
      const speaker = a.speaker ?? vscode.l10n.t('Unattributed');
      groups.set(speaker, [...(groups.get(speaker) ?? []), { kind: 'quote', state, annotation: a }]);
    }
    return [...groups.entries()]
      .sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]))
      .map(([name, quotes]) => ({ kind: 'speaker', name, quotes: quotes.sort((x, y) => x.annotation.target.start - y.annotation.target.start) }));
  }

  getTreeItem(node: Node): vscode.TreeItem {
    if (node.kind === 'speaker') {
      const item = new vscode.TreeItem(node.name, vscode.TreeItemCollapsibleState.Expanded);
      item.iconPath = new vscode.ThemeIcon('person');
      item.description = `${node.quotes.length}`;
      item.accessibilityInformation = { label: vscode.l10n.t('{0}: {1} quotes', node.name, node.quotes.length) };
      return item;
    }
    const a = node.annotation;
    const text = a.target.exact.length > 120 ? a.target.exact.slice(0, 120) + '…' : a.target.exact;
    const item = new vscode.TreeItem(`“${text}”`, vscode.TreeItemCollapsibleState.None);
    item.id = `${node.state.uri.toString()}#${a.id}`;
    item.description = a.tags.join(', ');
    item.tooltip = new vscode.MarkdownString().appendText(a.target.exact);
    item.contextValue = 'marginalia.quote';
    item.iconPath = new vscode.ThemeIcon('quote');
    item.accessibilityInformation = { label: vscode.l10n.t('Quote by {0}: {1}. Tags: {2}', a.speaker ?? vscode.l10n.t('unknown speaker'), text, a.tags.join(', ') || vscode.l10n.t('none')) };
    item.command = { command: 'marginalia.revealAnnotation', title: vscode.l10n.t('Reveal'), arguments: [node.state.uri.toString(), a.target.start, a.target.end] };
    return item;
  }
}

/** Applies tags to a quote annotation: a user decision, kept forever. */
export function tagAnnotation(store: ArticleStore, uri: vscode.Uri, annotation: Annotation, tags: string[]): void {
  store.update(uri, { ...annotation, tags: [...new Set(tags)].sort(), modified: new Date().toISOString() });
}

export function activate(context: vscode.ExtensionContext, store: ArticleStore): vscode.TreeDataProvider<unknown> {
  const provider = new QuotesProvider(store);
  const view = vscode.window.createTreeView('marginalia.quotes', { treeDataProvider: provider, showCollapseAll: true });
  context.subscriptions.push(
    view,
    store.onDidChange(() => provider.refresh()),
    vscode.window.onDidChangeActiveTextEditor(() => provider.refresh()),
    vscode.commands.registerCommand('marginalia.revealAnnotation', async (uri: string, start: number, end: number) => {
      const editor = await vscode.window.showTextDocument(vscode.Uri.parse(uri), { preserveFocus: false });
      const range = new vscode.Range(editor.document.positionAt(start), editor.document.positionAt(end));
      editor.selection = new vscode.Selection(range.start, range.end);
      editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    }),
    /**
     * Tag… from the sidebar (node given) or the palette (the quote under the cursor). With `tags` given
     * (tests, keybindings with args) no picker is shown.
     */
    vscode.commands.registerCommand('marginalia.tagQuote', async (node?: QuoteNode, tags?: string[]) => {
      let target = node;
      if (!target) {
        const editor = vscode.window.activeTextEditor;
        const state = editor && store.get(editor.document.uri);
        const offset = editor ? editor.document.offsetAt(editor.selection.active) : -1;
        const a = state?.annotations.find((x) => x.kind === 'quote' && x.target.start <= offset && offset <= x.target.end);
        if (state && a) target = { kind: 'quote', state, annotation: a };
      }
      if (!target) {
        void vscode.window.showInformationMessage(vscode.l10n.t('Put the cursor in a quote, or pick one in the Quotes view, to tag it.'));
        return;
      }
      if (target.state.sidecarProblem) {
        void vscode.window.showErrorMessage(vscode.l10n.t('Annotations of this article are read-only: {0}', target.state.sidecarProblem));
        return;
      }
      let chosen = tags;
      if (!chosen) {
        const vocabulary = vscode.workspace.getConfiguration('marginalia').get<string[]>('tags', DEFAULT_TAGS);
        const current = new Set(target.annotation.tags);
        const pick = vscode.window.createQuickPick<vscode.QuickPickItem>();
        pick.canSelectMany = true;
        pick.placeholder = vscode.l10n.t('Tags for this quote (type a new tag and press Enter to add it)');
        pick.items = [...new Set([...vocabulary, ...current])].map((t) => ({ label: t }));
        pick.selectedItems = pick.items.filter((i) => current.has(i.label));
        chosen = await new Promise<string[] | undefined>((resolve) => {
          pick.onDidAccept(() => {
            const typed = pick.value.trim();
            resolve([...pick.selectedItems.map((i) => i.label), ...(typed ? [typed] : [])]);
            pick.hide();
          });
          pick.onDidHide(() => resolve(undefined));
          pick.show();
        });
        pick.dispose();
      }
      if (chosen) tagAnnotation(store, target.state.uri, target.annotation, chosen);
    }),
  );
  return provider as vscode.TreeDataProvider<unknown>;
}
