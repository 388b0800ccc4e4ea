import * as vscode from 'vscode';
import { isUserDecision, makeSidecar, serializeSidecar } from '../../core/sidecar';
import { sidecarUri, type ArticleStore, type ArticleState } from '../store/articles';
import { log } from '../log';

const encoder = new TextEncoder();
import { VERSION } from '../../version';

/**
 * Writes an article's sidecar atomically: to a temporary file beside it, then renamed over the old one,
 * so a crash mid-save leaves the old or the new file, never half of one. A sidecar that could not be
 * read is never overwritten.
 */
/** What this window last wrote to each sidecar, so the file watcher can tell our writes from others'. */
const written = new Map<string, string>();

export async function saveSidecar(state: ArticleState, recogniser: string): Promise<boolean> {
  if (state.sidecarProblem) {
    log.warn(`not saving over a sidecar that could not be read: ${state.sidecarProblem}`);
    return false;
  }
  const target = sidecarUri(state.uri);
  const tmp = target.with({ path: `${target.path}.tmp-${Date.now().toString(36)}` });
  const sidecar = makeSidecar(vscode.workspace.asRelativePath(state.uri), state.text, state.annotations, recogniser, VERSION);
  const content = serializeSidecar(sidecar);
  written.set(state.uri.toString(), content);
  await vscode.workspace.fs.writeFile(tmp, encoder.encode(content));
  await vscode.workspace.fs.rename(tmp, target, { overwrite: true });
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
    if (!(await saveSidecar(state, store.recogniserId))) {
      void vscode.window.showErrorMessage(vscode.l10n.t('Annotations not saved: {0}', state.sidecarProblem ?? ''), vscode.l10n.t('Show Log')).then((p) => p && log.show());
    }
  };
  // Auto-save: after any change to annotations, save the articles whose annotations changed (debounced).
  let timer: ReturnType<typeof setTimeout> | undefined;
  const lastSaved = new Map<string, string>();
  const autoSave = () => {
    if (!vscode.workspace.getConfiguration('marginalia').get<boolean>('autoSave', true)) return;
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
        }
      }
    }, 500);
  };
  context.subscriptions.push(
    vscode.commands.registerCommand('marginalia.saveAnnotations', saveActive),
    store.onDidChange(autoSave),
    { dispose: () => clearTimeout(timer) },
  );
  return { lastWritten: (article) => written.get(article.toString()) };
}
