import * as vscode from 'vscode';
import { log } from '../log';
import { readBytes } from '../store/read';

/**
 * The trained name tagger's bytes, read from the package (with Node in the desktop host, workspace.fs in the browser)
 * when the analysis worker first starts; the worker parses them. Undefined (and the user told) when the file cannot
 * be read: dates, numbers, quotes and the user's own names still work without it.
 */
let model: Promise<Uint8Array | undefined> | undefined;
export function readModel(extensionUri: vscode.Uri): Promise<Uint8Array | undefined> {
  model ??= (async () => {
    const file = vscode.Uri.joinPath(extensionUri, 'models', 'ner-conll.bin');
    try {
      return await readBytes(file);
    } catch (e) {
      log.error(`name tagger not loaded from ${file.toString()}: ${(e as Error).message}`);
      void vscode.window.showErrorMessage(vscode.l10n.t('Marginalia could not load its name recogniser ({0}). People, organisations and places are not suggested; reinstalling the extension should fix this.', (e as Error).message), vscode.l10n.t('Show Log')).then((pick) => pick && log.show());
      return undefined;
    }
  })();
  return model;
}
