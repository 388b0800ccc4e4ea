import * as vscode from 'vscode';

/** The one Marginalia log (Output ▸ Marginalia), with levels. Replaced by a real channel on activation. */
export let log: Pick<vscode.LogOutputChannel, 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'show'> = {
  trace: () => undefined, debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined, show: () => undefined,
};

export function activate(context: vscode.ExtensionContext): void {
  const channel = vscode.window.createOutputChannel('Marginalia', { log: true });
  context.subscriptions.push(channel);
  log = channel;
}
