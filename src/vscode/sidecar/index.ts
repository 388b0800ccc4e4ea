import * as vscode from 'vscode';
import { isUserDecision, makeSidecar, serializeSidecar } from '../../core/sidecar';
import { sidecarUri, type ArticleStore, type ArticleState } from '../store/articles';
import { log } from '../log';
import { writeFileAtomically } from '../store/atomic';

import { VERSION } from '../../version';

/**
 * Writes an article's sidecar atomically: to a temporary file beside it, then renamed over the old one,
 * so a crash mid-save leaves the old or the new file, never half of one. A sidecar that could not be
 * read is never overwritten.
 */
/** What this window last wrote to each sidecar, so the file watcher can tell our writes from others'. */
const written = new Map<string, string>();

export { writeFileAtomically };

export async function saveSidecar(state: ArticleState, recogniser: string): Promise<boolean> {
  if (!vscode.workspace.isTrusted) {
    // Restricted Mode (package.json capabilities.untrustedWorkspaces): nothing is written into the folder.
    log.info(`not saving annotations of ${vscode.workspace.asRelativePath(state.uri)}: the workspace is not trusted`);
    return false;
  }
  if (state.sidecarProblem) {
    log.warn(`not saving over a sidecar that could not be read: ${state.sidecarProblem}`);
    return false;
  }
  const target = sidecarUri(state.uri);
  const sidecar = makeSidecar(vscode.workspace.asRelativePath(state.uri), state.text, state.annotations, recogniser, VERSION);
  const content = serializeSidecar(sidecar);
  written.set(state.uri.toString(), content);
  await writeFileAtomically(target, content);
  log.info(`saved ${vscode.workspace.asRelativePath(target)} (${state.annotations.length} annotations)`);
  return true;
}

export function activate(context: vscode.ExtensionContext, store: ArticleStore): { lastWritten(article: vscode.Uri): string | undefined } {
  const saveActive = async () => {
    const editor = vscode.window.activeTextEditor;
    const state = editor && store.get(editor.document.uri);
    if (!state) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Open an article to save its annotations.'));
      return;
    }
    if (!vscode.workspace.isTrusted) {
      const manage = vscode.l10n.t('Manage Workspace Trust');
      void vscode.window
        .showWarningMessage(vscode.l10n.t('Annotations not saved: this workspace is in Restricted Mode, where Marginalia writes no files. Trust the workspace to save them.'), manage)
        .then((p) => p === manage && vscode.commands.executeCommand('workbench.trust.manage'));
      return;
    }
    if (!(await saveSidecar(state, store.recogniserId))) {
      const showLog = vscode.l10n.t('Show Log');
      void vscode.window
        .showErrorMessage(vscode.l10n.t('Annotations not saved: {0}. The file is never overwritten while it cannot be read: fix it or move it away, then save again.', state.sidecarProblem ?? ''), showLog)
        .then((p) => p === showLog && log.show());
    }
  };
  // Auto-save: after any change to annotations, save the articles whose annotations changed (debounced).
  let timer: ReturnType<typeof setTimeout> | undefined;
  const lastSaved = new Map<string, string>();
  let autoSaveFailed = false;
  const autoSave = () => {
    if (!vscode.workspace.getConfiguration('marginalia').get<boolean>('autoSave', true) || !vscode.workspace.isTrusted) return;
    clearTimeout(timer);
    timer = setTimeout(async () => {
      for (const state of store.all) {
        const userState = JSON.stringify(state.annotations.filter(isUserDecision));
        const key = state.uri.toString();
        if (lastSaved.get(key) === userState || (userState === '[]' && !lastSaved.has(key))) {
          lastSaved.set(key, userState);
          continue;
        }
        try {
          if (await saveSidecar(state, store.recogniserId)) lastSaved.set(key, userState);
        } catch (e) {
          log.error(`auto-save failed for ${key}: ${(e as Error).message}`);
          if (!autoSaveFailed) {
            autoSaveFailed = true; // once per session: the log has every failure
            const showLog = vscode.l10n.t('Show Log');
            void vscode.window
              .showErrorMessage(vscode.l10n.t('Marginalia could not save the annotations of {0}: {1}. Check that the folder can be written to, then run Save Annotations.', vscode.workspace.asRelativePath(state.uri), (e as Error).message), showLog)
              .then((p) => p === showLog && log.show());
          }
        }
      }
    }, 500);
  };
  context.subscriptions.push(
    vscode.commands.registerCommand('marginalia.saveAnnotations', saveActive),
    store.onDidChange(autoSave),
    vscode.workspace.onDidGrantWorkspaceTrust(autoSave),
    { dispose: () => clearTimeout(timer) },
  );
  return { lastWritten: (article) => written.get(article.toString()) };
}
