import * as vscode from 'vscode';

/** A tree item's click: open the article and select the span (command registered by the quotes feature). */
export function revealCommand(uri: vscode.Uri | string, start: number, end: number): vscode.Command {
  return { command: 'marginalia.revealAnnotation', title: vscode.l10n.t('Reveal'), arguments: [uri.toString(), start, end] };
}

export function shorten(text: string, max = 100): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? flat.slice(0, max - 1) + '…' : flat;
}

export function fileName(path: string): string {
  return path.split('/').pop() ?? path;
}
