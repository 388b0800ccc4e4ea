import * as vscode from 'vscode';

/** The one Marginalia log (Output ▸ Marginalia), with levels. Replaced by a real channel on activation. */
export let log: Pick<vscode.LogOutputChannel, 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'show'> = {
  trace: () => undefined, debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined, show: () => undefined,
};

/** Tells the user that an article's annotations cannot be changed because its sidecar cannot be read, and what to do. */
export function readOnly(problem: string): void {
  const showLog = vscode.l10n.t('Show Log');
  void vscode.window
    .showErrorMessage(vscode.l10n.t('Annotations of this article are read-only ({0}). Fix the annotation file or move it away, or resolve its merge conflicts in the Merge Conflicts view; it is read again when it changes.', problem), showLog)
    .then((p) => p === showLog && log.show());
}

export function activate(context: vscode.ExtensionContext): void {
  const channel = vscode.window.createOutputChannel('Marginalia', { log: true });
  context.subscriptions.push(channel);
  log = channel;
}
