import * as vscode from 'vscode';
import type { Claim, Fact } from '../../core';
import type { ArticleStore, ArticleState } from '../store/articles';
import { twoWayView } from '../tree/two-ways';
import { fileName, revealCommand, shorten } from '../tree/reveal';
import { claimAnnotation, verdictScale } from '../verdicts';

/** The verdict filter's value for claims with no verdict. */
const NOT_RATED = '';

/**
 * What a fact's articles disagree or agree on: the differing figures; the figures they state alike (as the first
 * claim with figures writes them); or, for a fact found by its wording, that. Two sentences can state two facts at once (a
 * figure, and more in other words), and both facts show the same shortest sentence as their statement: this is what
 * tells their rows apart. `description` is for the row, `why` for its tooltip.
 */
function agreement(f: Fact, articles: number): { description: string; why: string } {
  if (!f.consistent) return { description: vscode.l10n.t('{0} articles · disagree: {1}', articles, f.discrepancy ?? ''), why: f.discrepancy ?? '' };
  const values = f.claims.find((c) => c.values?.length)?.values?.join(', ');
  if (values) return { description: vscode.l10n.t('{0} articles · agree: {1}', articles, values), why: vscode.l10n.t('The articles agree: {0}.', values) };
  return { description: vscode.l10n.t('{0} articles · worded alike', articles), why: vscode.l10n.t('The articles word it alike.') };
}

type Node =
  | { kind: 'fact'; fact: Fact }
  | { kind: 'article'; state: ArticleState }
  | { kind: 'claim'; state: ArticleState; claim: Claim; label?: string };

/**
 * The Claims view. By fact (default): each fact stated by several articles, how many state it, a
 * warning and the differing values where they disagree; expanding shows each article's wording. By
 * article: each article's claims by check-worthiness.
 */
class ClaimsProvider implements vscode.TreeDataProvider<Node> {
  private readonly emitter = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  byArticle = false;
  /** Only claims with this verdict are listed (NOT_RATED: claims with none; null: all). */
  verdictFilter: string | null = null;
  constructor(private readonly store: ArticleStore) {}

  private verdictOf(state: ArticleState, claim: Claim): string | undefined {
    return claimAnnotation(state, claim)?.verdict;
  }

  private shown(state: ArticleState | undefined, claim: Claim | undefined): boolean {
    if (this.verdictFilter === null) return true;
    if (!state || !claim) return false;
    return (this.verdictOf(state, claim) ?? NOT_RATED) === this.verdictFilter;
  }
  refresh() {
    this.emitter.fire(undefined);
  }

  private stateOf(path: string): ArticleState | undefined {
    return this.store.all.find((s) => s.result.path === path);
  }

  getChildren(node?: Node): Node[] {
    if (!node) {
      if (this.byArticle) return this.store.all.filter((s) => s.result.claims.some((c) => this.shown(s, c))).map((state) => ({ kind: 'article', state }));
      const facts = this.store.facts.filter((f) => f.claims.some((ref) => {
        const state = this.stateOf(ref.path);
        return this.shown(state, state?.result.claims.find((c) => c.start === ref.start && c.end === ref.end));
      }));
      return facts.map((fact) => ({ kind: 'fact', fact }));
    }
    if (node.kind === 'article') return node.state.result.claims.filter((c) => this.shown(node.state, c)).sort((a, b) => b.score - a.score).map((claim) => ({ kind: 'claim', state: node.state, claim }));
    if (node.kind === 'fact') {
      const out: Node[] = [];
      for (const ref of node.fact.claims) {
        const state = this.stateOf(ref.path);
        const claim = state?.result.claims.find((c) => c.start === ref.start && c.end === ref.end);
        if (state && claim) out.push({ kind: 'claim', state, claim, label: fileName(ref.path) + (ref.values?.length ? ` — ${ref.values.join(', ')}` : '') });
      }
      return out;
    }
    return [];
  }

  getTreeItem(node: Node): vscode.TreeItem {
    if (node.kind === 'fact') {
      const f = node.fact;
      const articles = new Set(f.claims.map((c) => c.path)).size;
      const item = new vscode.TreeItem(shorten(f.statement, 90), vscode.TreeItemCollapsibleState.Collapsed);
      item.id = `fact:${f.id}`;
      const { description, why } = agreement(f, articles);
      item.description = description;
      item.iconPath = new vscode.ThemeIcon(f.consistent ? 'pass' : 'warning', new vscode.ThemeColor(f.consistent ? 'charts.green' : 'list.warningForeground'));
      item.tooltip = new vscode.MarkdownString().appendText(`${f.statement}\n\n${why}`);
      item.contextValue = f.consistent ? 'marginalia.fact' : 'marginalia.fact.discrepancy';
      item.accessibilityInformation = { label: f.consistent ? vscode.l10n.t('Fact stated by {0} articles: {1}. {2}', articles, f.statement, why) : vscode.l10n.t('Discrepancy across {0} articles: {1}. {2}', articles, f.statement, why) };
      return item;
    }
    if (node.kind === 'article') {
      const item = new vscode.TreeItem(fileName(node.state.result.path), vscode.TreeItemCollapsibleState.Collapsed);
      item.id = `claims-article:${node.state.uri.toString()}`;
      item.description = vscode.l10n.t('{0} claims', node.state.result.claims.length);
      item.iconPath = vscode.ThemeIcon.File;
      item.resourceUri = node.state.uri;
      item.accessibilityInformation = { label: vscode.l10n.t('{0}: {1} claims', fileName(node.state.result.path), node.state.result.claims.length) };
      return item;
    }
    const c = node.claim;
    const rated = claimAnnotation(node.state, c);
    const verdict = rated?.verdict;
    const item = new vscode.TreeItem(node.label ?? shorten(c.text), vscode.TreeItemCollapsibleState.None);
    item.id = `claim:${node.state.uri.toString()}:${c.start}:${node.label ? 'f' : 'a'}`;
    const detail = node.label ? shorten(c.text, 120) : `${Math.round(c.score * 100)}%`;
    item.description = verdict ? `${verdict} · ${detail}` : detail;
    item.tooltip = new vscode.MarkdownString().appendText(c.text + (c.source ? `\n\n${vscode.l10n.t('Source')}: ${c.source}` : '')
      + (verdict ? `\n\n${vscode.l10n.t('Verdict')}: ${verdict}${rated?.note ? `\n${rated.note}` : ''}` : ''));
    item.iconPath = new vscode.ThemeIcon(verdict ? 'law' : 'comment');
    item.command = revealCommand(node.state.uri, c.start, c.end);
    item.contextValue = rated ? 'marginalia.claim' : undefined;
    item.accessibilityInformation = { label: verdict ? vscode.l10n.t('Claim in {0}, rated {1}: {2}', fileName(node.state.result.path), verdict, c.text) : vscode.l10n.t('Claim in {0}: {1}', fileName(node.state.result.path), c.text) };
    return item;
  }
}

export function activate(context: vscode.ExtensionContext, store: ArticleStore): vscode.TreeDataProvider<unknown> {
  const provider = new ClaimsProvider(store);
  const { view, group, disposables } = twoWayView(provider, store, 'marginalia.claims', 'marginalia.claimsByArticle');
  context.subscriptions.push(
    ...disposables,
    vscode.commands.registerCommand('marginalia.claimsByArticle', () => group(true)),
    vscode.commands.registerCommand('marginalia.claimsByFact', () => group(false)),
    vscode.commands.registerCommand('marginalia.filterClaimsByVerdict', async (verdict?: string | null) => {
      if (verdict === undefined) {
        const all = vscode.l10n.t('All claims');
        const none = vscode.l10n.t('Not rated');
        const pick = await vscode.window.showQuickPick([all, ...verdictScale(), 'Unproven', none].filter((v, i, a) => a.indexOf(v) === i), { title: vscode.l10n.t('Show claims with the verdict') });
        if (!pick) return;
        verdict = pick === all ? null : pick === none ? NOT_RATED : pick;
      }
      provider.verdictFilter = verdict;
      view.description = verdict === null ? undefined : verdict === NOT_RATED ? vscode.l10n.t('not rated') : verdict;
      provider.refresh();
    }),
  );
  return provider as vscode.TreeDataProvider<unknown>;
}
