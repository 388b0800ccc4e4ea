import * as vscode from 'vscode';
import { writeFileAtomically } from '../store/atomic';
import { readBytes } from '../store/read';
import { SIDECAR_SUFFIX } from '../../core/article';
import { disagreements, takeTheirs, type Disagreement } from '../../core/agreement/disagreements';
import { parseSidecar, reanchorAnnotations } from '../../core/sidecar';
import type { ArticleState, ArticleStore } from '../store/articles';
import { revealCommand, fileName, shorten } from '../tree/reveal';
import { log } from '../log';

/**
 * Annotating as a team. Set Up Merging of Annotations registers the sidecar merge driver (shipped as
 * dist/merge-driver.js) in the open git repository; Compare Annotations with… lists where another annotator's
 * sidecars (a folder holding the same articles) disagree with this folder's, to step through and adjudicate.
 */

/** The part of the built-in git extension's API used here (extensions/git/src/api/git.d.ts). */
interface GitRepository {
  rootUri: vscode.Uri;
  getConfig(key: string): Promise<string>;
  setConfig(key: string, value: string): Promise<string>;
}
interface GitApi {
  repositories: GitRepository[];
  getRepository(uri: vscode.Uri): GitRepository | null;
  openRepository?(root: vscode.Uri): Promise<GitRepository | null>;
}

async function gitApi(): Promise<GitApi | undefined> {
  const ext = vscode.extensions.getExtension<{ getAPI(version: 1): GitApi }>('vscode.git');
  if (!ext) return undefined;
  try {
    return (await ext.activate()).getAPI(1);
  } catch {
    return undefined;
  }
}

const ATTRIBUTE = `*${SIDECAR_SUFFIX} merge=marginalia`;
const decoder = new TextDecoder('utf-8');

/** The driver line git runs: Node on the merge driver inside this installed extension. */
function driverLine(extensionUri: vscode.Uri): string {
  return `node ${JSON.stringify(vscode.Uri.joinPath(extensionUri, 'dist', 'merge-driver.js').fsPath)} %O %A %B %P`;
}

async function setUpMerging(extensionUri: vscode.Uri): Promise<boolean> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  const git = await gitApi();
  // A repository made since the window opened is not known to the git extension yet: ask it to open the folder.
  const repo = folder && git ? (git.getRepository(folder.uri) ?? (await git.openRepository?.(folder.uri).catch(() => null)) ?? git.repositories[0]) : undefined;
  if (!repo || extensionUri.scheme !== 'file') {
    log.warn(`set up merging: ${git ? `the git extension knows ${git.repositories.length} repositories, none at ${folder?.uri.toString()}` : 'no git extension'}; extension at ${extensionUri.toString()}`);
    void vscode.window.showInformationMessage(vscode.l10n.t('Merging of annotations needs the folder to be a git repository opened in desktop VS Code. From a terminal in the repository: node dist/cli.js merge-sidecar --install'));
    return false;
  }
  await repo.setConfig('merge.marginalia.name', 'Marginalia annotations (three-way, by annotation)');
  await repo.setConfig('merge.marginalia.driver', driverLine(extensionUri));
  const attributes = vscode.Uri.joinPath(repo.rootUri, '.gitattributes');
  let current = '';
  try {
    current = decoder.decode(await readBytes(attributes));
  } catch {
    // no .gitattributes yet
  }
  if (!current.split(/\r?\n/).some((l) => l.trim() === ATTRIBUTE)) {
    await writeFileAtomically(attributes, `${current}${current && !current.endsWith('\n') ? '\n' : ''}${ATTRIBUTE}\n`);
  }
  log.info(`merge driver registered in ${repo.rootUri.fsPath}`);
  void vscode.window.showInformationMessage(vscode.l10n.t('Annotations now merge by annotation in {0}. Commit .gitattributes; each annotator runs this command once (git config is not shared).', fileName(repo.rootUri.path)));
  return true;
}

/** After an update the extension lives in a new folder: a driver registered by an older version is pointed here. */
async function repointDriver(extensionUri: vscode.Uri): Promise<void> {
  const git = await gitApi();
  for (const repo of git?.repositories ?? []) {
    const current = await repo.getConfig('merge.marginalia.driver').catch(() => '');
    if (current.includes('merge-driver.js') && current !== driverLine(extensionUri)) await repo.setConfig('merge.marginalia.driver', driverLine(extensionUri));
  }
}

type Node = { kind: 'article'; state: ArticleState; items: Disagreement[] } | { kind: 'disagreement'; state: ArticleState; d: Disagreement };

class CompareProvider implements vscode.TreeDataProvider<Node> {
  private readonly emitter = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  /** The other annotator's folder, and their annotations per article (placed in this folder's texts). */
  other: { folder: vscode.Uri; byArticle: Map<string, ReturnType<typeof reanchorAnnotations>['annotations']> } | undefined;
  /** Disagreements adjudicated as mine (`<article uri>#<key>`): left out of the list until the next comparison. */
  readonly settled = new Set<string>();
  constructor(private readonly store: ArticleStore) {}
  refresh() {
    this.emitter.fire(undefined);
  }
  getChildren(node?: Node): Node[] {
    if (node?.kind === 'article') return node.items.map((d) => ({ kind: 'disagreement', state: node.state, d }));
    if (node || !this.other) return [];
    const out: Node[] = [];
    for (const state of this.store.all) {
      const theirs = this.other.byArticle.get(state.uri.toString());
      if (!theirs) continue;
      const items = disagreements(state.annotations, theirs).filter((d) => !this.settled.has(`${state.uri.toString()}#${d.key}`));
      if (items.length) out.push({ kind: 'article', state, items });
    }
    return out;
  }
  getTreeItem(node: Node): vscode.TreeItem {
    if (node.kind === 'article') {
      const item = new vscode.TreeItem(fileName(node.state.result.path), vscode.TreeItemCollapsibleState.Expanded);
      item.id = `compare:${node.state.uri.toString()}`;
      item.description = vscode.l10n.t('{0} disagreements', node.items.length);
      item.resourceUri = node.state.uri;
      return item;
    }
    const { d } = node;
    const item = new vscode.TreeItem(`“${shorten(d.exact, 50)}”`, vscode.TreeItemCollapsibleState.None);
    item.id = `compare:${node.state.uri.toString()}#${d.key}`;
    const side = (a: typeof d.mine) => (a ? [a.type, a.speaker, a.tags.join('; '), a.verdict].filter(Boolean).join(' · ') || a.kind : vscode.l10n.t('none'));
    item.description = `${d.kind} · ${d.what} — ${vscode.l10n.t('mine: {0}', side(d.mine))} | ${vscode.l10n.t('theirs: {0}', side(d.theirs))}`;
    item.contextValue = 'marginalia.disagreement';
    item.iconPath = new vscode.ThemeIcon('diff');
    item.command = revealCommand(node.state.uri, d.start, d.end);
    item.accessibilityInformation = { label: vscode.l10n.t('{0} {1}: {2}. Mine: {3}. Theirs: {4}', d.kind, d.exact, d.what, side(d.mine), side(d.theirs)) };
    return item;
  }
}

/** Reads the other annotator's sidecars for this folder's articles (same paths under their folder). */
async function readOther(store: ArticleStore, folder: vscode.Uri): Promise<NonNullable<CompareProvider['other']>> {
  const root = vscode.workspace.workspaceFolders?.[0]?.uri;
  const byArticle = new Map<string, ReturnType<typeof reanchorAnnotations>['annotations']>();
  for (const state of store.all) {
    const rel = root ? state.uri.path.slice(root.path.length).replace(/^\//, '') : fileName(state.uri.path);
    try {
      const parsed = parseSidecar(decoder.decode(await readBytes(vscode.Uri.joinPath(folder, rel + SIDECAR_SUFFIX))));
      if (parsed.ok) byArticle.set(state.uri.toString(), reanchorAnnotations(state.text, parsed.sidecar).annotations);
      else log.warn(`compare: ${rel}${SIDECAR_SUFFIX} in ${folder.fsPath}: ${parsed.problem}`);
    } catch {
      // the other annotator has no sidecar for this article
    }
  }
  return { folder, byArticle };
}

export function activate(context: vscode.ExtensionContext, store: ArticleStore): vscode.TreeDataProvider<unknown> {
  const provider = new CompareProvider(store);
  const show = (on: boolean) => void vscode.commands.executeCommand('setContext', 'marginalia.comparing', on);
  context.subscriptions.push(
    vscode.window.createTreeView('marginalia.compare', { treeDataProvider: provider }),
    store.onDidChange(() => provider.refresh()),
    vscode.commands.registerCommand('marginalia.setUpMerging', () => setUpMerging(context.extensionUri)),
    vscode.commands.registerCommand('marginalia.compareAnnotations', async (folder?: vscode.Uri | string) => {
      let uri = typeof folder === 'string' ? vscode.Uri.parse(folder) : folder;
      if (!uri) {
        const picked = await vscode.window.showOpenDialog({ title: vscode.l10n.t('Compare Annotations with another annotator\'s folder'), canSelectFolders: true, canSelectFiles: false, canSelectMany: false, openLabel: vscode.l10n.t('Compare') });
        uri = picked?.[0];
      }
      if (!uri) return 0;
      await store.refresh();
      provider.other = await readOther(store, uri);
      provider.settled.clear();
      if (!provider.other.byArticle.size) {
        void vscode.window.showInformationMessage(vscode.l10n.t('{0} holds no annotation files (*{1}) for the articles of this folder.', fileName(uri.path), SIDECAR_SUFFIX));
        return 0;
      }
      provider.refresh();
      show(true);
      const count = (provider.getChildren() as { items?: Disagreement[] }[]).reduce((n, a) => n + (a.items?.length ?? 0), 0);
      void vscode.commands.executeCommand('marginalia.compare.focus');
      return count;
    }),
    vscode.commands.registerCommand('marginalia.takeMine', (node?: Node) => {
      // Mine stays as it is: nothing to write, the disagreement is settled for this comparison.
      if (node?.kind === 'disagreement') provider.settled.add(`${node.state.uri.toString()}#${node.d.key}`);
      provider.refresh();
    }),
    vscode.commands.registerCommand('marginalia.takeTheirsAnnotation', async (node?: Node) => {
      if (node?.kind !== 'disagreement') return;
      await store.update(node.state.uri, takeTheirs(node.state.annotations, node.d, new Date().toISOString()));
      provider.refresh();
    }),
    vscode.commands.registerCommand('marginalia.stopComparing', () => {
      provider.other = undefined;
      show(false);
      provider.refresh();
    }),
  );
  setTimeout(() => void repointDriver(context.extensionUri).catch(() => undefined), 5_000);
  return provider as vscode.TreeDataProvider<unknown>;
}
