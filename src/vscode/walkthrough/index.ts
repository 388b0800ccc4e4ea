import * as vscode from 'vscode';
import type { ArticleStore } from '../store/articles';

/** The Getting Started walkthrough's id, as `workbench.action.openWalkthrough` wants it. */
export const WALKTHROUGH_ID = 'marginalia.marginalia#marginalia.gettingStarted';

/**
 * What the Getting Started walkthrough (package.json `contributes.walkthroughs`) listens to, besides
 * commands: `marginalia.hasArticles` (the folder has articles: step "Open the articles") and
 * `marginalia.hoveredEntity` (a name's hover was shown, by mouse or keyboard: step "Hover a name").
 * Also the command that opens the walkthrough from the Command Palette.
 */
export function activate(context: vscode.ExtensionContext, store: ArticleStore): void {
  let hasArticles: boolean | undefined;
  const update = () => {
    const now = store.all.length > 0;
    if (now === hasArticles) return;
    hasArticles = now;
    void vscode.commands.executeCommand('setContext', 'marginalia.hasArticles', now);
  };
  let hovered = false;
  // A second hover provider that adds nothing: it only notes that a name's hover was asked for.
  const watcher: vscode.HoverProvider = {
    provideHover(document, position) {
      if (hovered) return undefined;
      const state = store.get(document.uri);
      if (!state || document.getText().length !== state.text.length) return undefined;
      const offset = document.offsetAt(position);
      if (state.result.entities.some((e) => e.start <= offset && offset < e.end)) {
        hovered = true;
        void vscode.commands.executeCommand('setContext', 'marginalia.hoveredEntity', true);
      }
      return undefined;
    },
  };
  context.subscriptions.push(
    store.onDidChange(update),
    vscode.languages.registerHoverProvider([{ language: 'plaintext' }, { language: 'markdown' }], watcher),
    vscode.commands.registerCommand('marginalia.gettingStarted', () =>
      vscode.commands.executeCommand('workbench.action.openWalkthrough', WALKTHROUGH_ID, false),
    ),
  );
  update();
}
