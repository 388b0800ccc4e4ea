import * as vscode from 'vscode';
import type { EntityCluster, EntityMention, EntityType } from '../../core';
import type { ArticleStore, ArticleState } from '../store/articles';
import { entityTypeLabel, entityTypePlural } from '../text/labels';
import { fileName, revealCommand, shorten } from '../tree/reveal';

const TYPE_ICON: Record<EntityType, string> = { PERSON: 'person', ORG: 'organization', PLACE: 'globe', DATE: 'calendar', NUMBER: 'symbol-number' };

type Node =
  | { kind: 'type'; type: EntityType; entities: EntityCluster[] }
  | { kind: 'entity'; entity: EntityCluster }
  | { kind: 'mention'; state: ArticleState; mention: EntityMention };

/** The Entities view: by type, then entity (canonical name, aliases), then its mentions across articles. */
class EntitiesProvider implements vscode.TreeDataProvider<Node> {
  private readonly emitter = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  constructor(private readonly store: ArticleStore) {}
  refresh() {
    this.emitter.fire(undefined);
  }

  getChildren(node?: Node): Node[] {
    if (!node) {
      const types: EntityType[] = ['PERSON', 'ORG', 'PLACE'];
      return types.map((type) => ({ kind: 'type' as const, type, entities: this.store.entities.filter((e) => e.type === type) })).filter((n) => n.entities.length);
    }
    if (node.kind === 'type') return node.entities.map((entity) => ({ kind: 'entity', entity }));
    if (node.kind === 'entity') {
      return this.store.all.flatMap((state) => state.result.entities.filter((m) => m.entityId === node.entity.id).map((mention) => ({ kind: 'mention' as const, state, mention })));
    }
    return [];
  }

  getTreeItem(node: Node): vscode.TreeItem {
    if (node.kind === 'type') {
      const item = new vscode.TreeItem(entityTypePlural(node.type), vscode.TreeItemCollapsibleState.Expanded);
      item.id = `type:${node.type}`;
      item.description = `${node.entities.length}`;
      item.iconPath = new vscode.ThemeIcon(TYPE_ICON[node.type]);
      item.accessibilityInformation = { label: vscode.l10n.t('{0}: {1} entities', entityTypePlural(node.type), node.entities.length) };
      return item;
    }
    if (node.kind === 'entity') {
      const e = node.entity;
      const item = new vscode.TreeItem(e.name, vscode.TreeItemCollapsibleState.Collapsed);
      item.id = `entity:${e.id}`;
      item.description = vscode.l10n.t('{0} mentions in {1} articles', e.mentions, e.documents.length) + (e.aliases.length ? ` · ${e.aliases.join(', ')}` : '');
      item.iconPath = new vscode.ThemeIcon(TYPE_ICON[e.type]);
      item.accessibilityInformation = { label: vscode.l10n.t('{0}, {1}, {2} mentions; also written {3}', e.name, entityTypeLabel(e.type), e.mentions, e.aliases.join(', ') || vscode.l10n.t('no other way')) };
      return item;
    }
    const { state, mention } = node;
    const text = state.text;
    const context = shorten(text.slice(Math.max(0, mention.start - 40), Math.min(text.length, mention.end + 40)), 90);
    const item = new vscode.TreeItem(fileName(state.result.path), vscode.TreeItemCollapsibleState.None);
    item.id = `mention:${state.uri.toString()}:${mention.start}`;
    item.description = context;
    item.command = revealCommand(state.uri, mention.start, mention.end);
    item.accessibilityInformation = { label: vscode.l10n.t('Mention in {0}: {1}', fileName(state.result.path), context) };
    return item;
  }
}

export function activate(context: vscode.ExtensionContext, store: ArticleStore): vscode.TreeDataProvider<unknown> {
  const provider = new EntitiesProvider(store);
  context.subscriptions.push(
    vscode.window.createTreeView('marginalia.entities', { treeDataProvider: provider, showCollapseAll: true }),
    store.onDidChange(() => provider.refresh()),
  );
  return provider as vscode.TreeDataProvider<unknown>;
}
