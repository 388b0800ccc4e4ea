import * as vscode from 'vscode';
import { isUserDecision, makeSidecar, OwnWrites, serializeSidecar } from '../../core/sidecar';
import { sidecarUri, type ArticleStore, type ArticleState } from '../store/articles';
import { readSidecarFile } from '../store/sidecars';
import { log } from '../log';
import { writeFileAtomically } from '../store/atomic';

import { VERSION } from '../../version';

/**
 * Writes an article's sidecar atomically: to a temporary file beside it, then renamed over the old one,
 * so a crash mid-save leaves the old or the new file, never half of one. A sidecar that could not be
 * read is never overwritten.
 */
/** What this window wrote to each sidecar lately, so the file watcher can tell our writes from others'. */
const written = new OwnWrites();
/**
 * The save in progress for each sidecar. Saves of one file run one after the other: two at once could land
 * in either order and leave the older state on disk.
 */
const saving = new Map<string, Promise<unknown>>();

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
  const key = state.uri.toString();
  const save = (saving.get(key) ?? Promise.resolve())
    .catch(() => undefined) // the previous save's failure was reported to its caller
    .then(async () => {
      // Built when its turn comes, so the file gets the annotations as they are now.
      const target = sidecarUri(state.uri);
      const content = serializeSidecar(makeSidecar(vscode.workspace.asRelativePath(state.uri), state.text, state.annotations, recogniser, VERSION));
      written.remember(key, content);
      await writeFileAtomically(target, content);
      log.info(`saved ${vscode.workspace.asRelativePath(target)} (${state.annotations.length} annotations)`);
    });
  saving.set(key, save);
  try {
    await save;
  } finally {
    if (saving.get(key) === save) saving.delete(key);
  }
  return true;
}

/**
 * A sidecar changed on disk. Our latest write is ours; an older write of ours is put right by saving again
 * (it holds nothing new, and merging it would bring back what the user removed since); anything else is
 * another window's or a tool's change and is merged.
 */
async function sidecarChanged(store: ArticleStore, article: vscode.Uri): Promise<void> {
  const state = store.get(article);
  const raw = state && (await readSidecarFile(article));
  if (!state || raw === undefined) return; // not an article held here, or deleted (what is held here is saved again on the next change)
  const seen = written.classify(article.toString(), raw);
  if (seen === 'latest') return;
  if (seen === 'older') {
    log.info(`an older save of ${vscode.workspace.asRelativePath(sidecarUri(article))} is on disk: saving the current annotations again`);
    await saveSidecar(state, store.recogniserId);
    return;
  }
  await store.mergeFromDisk(article, raw);
}

export function activate(context: vscode.ExtensionContext, store: ArticleStore): { sidecarChanged(article: vscode.Uri): Promise<void> } {
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
  return {
    sidecarChanged: (article) =>
      sidecarChanged(store, article).catch((e) => log.error(`reading the changed sidecar of ${vscode.workspace.asRelativePath(article)} failed: ${(e as Error).message}`)),
  };
}
