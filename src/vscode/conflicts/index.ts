import * as vscode from 'vscode';
import { readBytes } from '../store/read';
import { SIDECAR_SUFFIX } from '../../core/article';
import { parseSidecar, serializeSidecar, type Sidecar, type SidecarConflict } from '../../core/sidecar';
import { resolveConflict } from '../../core/sidecar/merge3';
import { writeFileAtomically } from '../sidecar';
import { fileName, shorten } from '../tree/reveal';
import { log } from '../log';

/**
 * Merge Conflicts: the sidecars a git merge (Marginalia's merge driver, `merge-sidecar`) left with conflicts, each
 * conflict with both sides. Take Ours, Take Theirs, or Edit… writes the sidecar without that conflict; the article's
 * annotations stay read-only until none is left. The view reads the files itself: a conflicted sidecar may belong to
 * an article the store has not opened.
 */

type Node = { kind: 'file'; uri: vscode.Uri; sidecar: Sidecar } | { kind: 'conflict'; uri: vscode.Uri; sidecar: Sidecar; conflict: SidecarConflict };

const decoder = new TextDecoder('utf-8');

/** A value of a conflict as a person reads it: a string as it is, an annotation by its text, anything else as JSON. */
function shown(v: unknown): string {
  if (v === null || v === undefined) return vscode.l10n.t('(deleted)');
  if (typeof v === 'string') return v;
  if (typeof v === 'object' && v && 'target' in v) return `“${shorten(String((v as { target: { exact: string } }).target.exact), 40)}”`;
  return JSON.stringify(v);
}

class ConflictsProvider implements vscode.TreeDataProvider<Node> {
  private readonly emitter = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  files: { uri: vscode.Uri; sidecar: Sidecar }[] = [];

  async reload(): Promise<void> {
    const uris = await vscode.workspace.findFiles(`**/*${SIDECAR_SUFFIX}`, '**/node_modules/**');
    const files: { uri: vscode.Uri; sidecar: Sidecar }[] = [];
    for (const uri of uris) {
      try {
        const parsed = parseSidecar(decoder.decode(await readBytes(uri)));
        if (parsed.ok && parsed.sidecar.conflicts?.length) files.push({ uri, sidecar: parsed.sidecar });
      } catch {
        // gone since the search
      }
    }
    this.files = files.sort((a, b) => a.uri.path.localeCompare(b.uri.path));
    void vscode.commands.executeCommand('setContext', 'marginalia.hasConflicts', files.length > 0);
    this.emitter.fire(undefined);
  }

  getChildren(node?: Node): Node[] {
    if (!node) return this.files.map((f) => ({ kind: 'file', ...f }));
    if (node.kind === 'file') return (node.sidecar.conflicts ?? []).map((conflict) => ({ kind: 'conflict', uri: node.uri, sidecar: node.sidecar, conflict }));
    return [];
  }

  getTreeItem(node: Node): vscode.TreeItem {
    if (node.kind === 'file') {
      const item = new vscode.TreeItem(fileName(node.uri.path).replace(SIDECAR_SUFFIX, ''), vscode.TreeItemCollapsibleState.Expanded);
      item.id = `conflicts:${node.uri.toString()}`;
      item.description = vscode.l10n.t('{0} conflicts', node.sidecar.conflicts?.length ?? 0);
      item.resourceUri = node.uri;
      item.iconPath = new vscode.ThemeIcon('git-merge');
      return item;
    }
    const c = node.conflict;
    const annotation = node.sidecar.annotations.find((a) => a.id === c.id);
    const what = annotation ? `“${shorten(annotation.target.exact, 50)}”` : c.id;
    const item = new vscode.TreeItem(`${c.field} · ${what}`, vscode.TreeItemCollapsibleState.None);
    item.id = `conflict:${node.uri.toString()}#${c.id}:${c.field}`;
    item.description = vscode.l10n.t('ours: {0} · theirs: {1}', shown(c.ours), shown(c.theirs));
    item.tooltip = new vscode.MarkdownString().appendText(`${what}\n\n${vscode.l10n.t('base')}: ${shown(c.base)}\n${vscode.l10n.t('ours')}: ${shown(c.ours)}\n${vscode.l10n.t('theirs')}: ${shown(c.theirs)}`);
    item.iconPath = new vscode.ThemeIcon('warning');
    item.contextValue = 'marginalia.conflict';
    item.accessibilityInformation = { label: vscode.l10n.t('Conflict on {0} of {1}: ours {2}, theirs {3}', c.field, what, shown(c.ours), shown(c.theirs)) };
    return item;
  }
}

/** Resolves one conflict with a value and writes the sidecar; the store reads it again through its file watcher. */
async function resolve(provider: ConflictsProvider, node: Node | undefined, pick: (c: SidecarConflict) => Promise<{ value: unknown } | undefined>): Promise<boolean> {
  if (node?.kind !== 'conflict') return false;
  // Read the file again: it may have changed since the view was drawn (another resolution, a git checkout).
  const parsed = parseSidecar(decoder.decode(await vscode.workspace.fs.readFile(node.uri)));
  if (!parsed.ok) {
    void vscode.window.showErrorMessage(vscode.l10n.t('{0} cannot be read: {1}', fileName(node.uri.path), parsed.problem));
    return false;
  }
  const current = parsed.sidecar.conflicts?.find((c) => c.id === node.conflict.id && c.field === node.conflict.field);
  if (!current) {
    await provider.reload();
    return false;
  }
  const chosen = await pick(current);
  if (!chosen) return false;
  await writeFileAtomically(node.uri, serializeSidecar(resolveConflict(parsed.sidecar, current, chosen.value)));
  log.info(`resolved the ${current.field} conflict of ${current.id} in ${vscode.workspace.asRelativePath(node.uri)}`);
  await provider.reload();
  return true;
}

export function activate(context: vscode.ExtensionContext): vscode.TreeDataProvider<unknown> {
  const provider = new ConflictsProvider();
  const watcher = vscode.workspace.createFileSystemWatcher(`**/*${SIDECAR_SUFFIX}`);
  const reload = () => void provider.reload();
  context.subscriptions.push(
    vscode.window.createTreeView('marginalia.conflicts', { treeDataProvider: provider }),
    watcher,
    watcher.onDidChange(reload),
    watcher.onDidCreate(reload),
    watcher.onDidDelete(reload),
    vscode.commands.registerCommand('marginalia.takeOurs', (node?: Node) => resolve(provider, node, async (c) => ({ value: c.ours }))),
    vscode.commands.registerCommand('marginalia.takeTheirs', (node?: Node) => resolve(provider, node, async (c) => ({ value: c.theirs }))),
    vscode.commands.registerCommand('marginalia.editConflict', (node?: Node, given?: string) =>
      resolve(provider, node, async (c) => {
        const text = given ?? (await vscode.window.showInputBox({
          title: vscode.l10n.t('Resolve {0} of {1}', c.field, c.id),
          prompt: vscode.l10n.t('The value to keep, as JSON (a string in double quotes)'),
          value: JSON.stringify(c.ours ?? c.theirs),
          validateInput: (v) => {
            try {
              JSON.parse(v);
              return null;
            } catch {
              return vscode.l10n.t('Not JSON: write a string in double quotes, true/false, a number, or null');
            }
          },
        }));
        return text === undefined ? undefined : { value: JSON.parse(text) };
      })),
  );
  void provider.reload();
  return provider as vscode.TreeDataProvider<unknown>;
}
