import * as vscode from 'vscode';
import type { ArticleStore, ArticleState } from '../store/articles';
import { twoWayView } from '../tree/two-ways';
import type { Annotation } from '../../core/sidecar';
import { readOnly } from '../log';

export const DEFAULT_TAGS = ['verified', 'disputed', 'needs-source', 'misattributed', 'opinion', 'out-of-context'];

type Node = { kind: 'group'; name: string; byArticle: boolean; quotes: QuoteNode[] } | QuoteNode;
interface QuoteNode {
  kind: 'quote';
  state: ArticleState;
  annotation: Annotation;
}

/** The Quotes view: the quotes of the active article grouped by speaker, with their tags as description. */
class QuotesProvider implements vscode.TreeDataProvider<Node> {
  private readonly emitter = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  byArticle = false;
  /** Only quotes carrying this tag are listed (null: all). */
  tagFilter: string | null = null;
  constructor(private readonly store: ArticleStore) {}

  refresh() {
    this.emitter.fire(undefined);
  }

  private activeState(): ArticleState | undefined {
    const editor = vscode.window.activeTextEditor;
    return (editor && this.store.get(editor.document.uri)) ?? undefined;
  }

  /** By speaker: the active article's quotes. By article: every article's quotes. */
  getChildren(node?: Node): Node[] {
    if (node?.kind === 'group') return node.quotes;
    if (node) return [];
    const states = this.byArticle ? this.store.all : [this.activeState()].filter((s): s is ArticleState => !!s);
    const groups = new Map<string, QuoteNode[]>();
    for (const state of states) {
      for (const a of state.annotations) {
        if (a.kind !== 'quote' || a.status === 'rejected' || a.orphaned) continue;
        if (this.tagFilter && !a.tags.includes(this.tagFilter)) continue;
        const key = this.byArticle ? state.result.path : (a.speaker ?? vscode.l10n.t('Unattributed'));
        groups.set(key, [...(groups.get(key) ?? []), { kind: 'quote', state, annotation: a }]);
      }
    }
    return [...groups.entries()]
      .sort((a, b) => (this.byArticle ? a[0].localeCompare(b[0]) : b[1].length - a[1].length || a[0].localeCompare(b[0])))
      .map(([name, quotes]) => ({ kind: 'group', name, byArticle: this.byArticle, quotes: quotes.sort((x, y) => x.annotation.target.start - y.annotation.target.start) }));
  }

  getTreeItem(node: Node): vscode.TreeItem {
    if (node.kind === 'group') {
      const item = new vscode.TreeItem(node.byArticle ? node.name.split('/').pop()! : node.name, vscode.TreeItemCollapsibleState.Expanded);
      item.id = `${node.byArticle ? 'article' : 'speaker'}:${node.name}`;
      item.iconPath = node.byArticle ? vscode.ThemeIcon.File : new vscode.ThemeIcon('person');
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
  const { view, group, disposables } = twoWayView(provider, store, 'marginalia.quotes', 'marginalia.quotesByArticle');
  context.subscriptions.push(
    ...disposables,
    vscode.commands.registerCommand('marginalia.quotesByArticle', () => group(true)),
    vscode.commands.registerCommand('marginalia.quotesBySpeaker', () => group(false)),
    vscode.window.onDidChangeActiveTextEditor(() => provider.refresh()),
    vscode.commands.registerCommand('marginalia.filterQuotesByTag', async (tag?: string | null) => {
      const used = [...new Set(store.all.flatMap((s) => s.annotations.filter((a) => a.kind === 'quote').flatMap((a) => a.tags)))].sort();
      const all = vscode.l10n.t('All quotes');
      const chosen = tag !== undefined ? tag : await vscode.window.showQuickPick([all, ...used], { placeHolder: vscode.l10n.t('Show quotes tagged…') });
      if (chosen === undefined) return;
      provider.tagFilter = chosen === all ? null : chosen;
      view.description = provider.tagFilter ? vscode.l10n.t('tag: {0}', provider.tagFilter) : undefined;
      void vscode.commands.executeCommand('setContext', 'marginalia.quotesFiltered', !!provider.tagFilter);
      provider.refresh();
    }),
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
        readOnly(target.state.sidecarProblem);
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
