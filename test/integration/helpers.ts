import * as vscode from 'vscode';
import type { MarginaliaApi } from '../../src/extension';

export const EXTENSION_ID = 'marginalia.marginalia';

export async function waitFor<T>(probe: () => T | undefined | false | Promise<T | undefined | false>, ms: number, what: string): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > until) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export function workspaceFile(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('no workspace folder open (expected a copy of seeds/)');
  return vscode.Uri.joinPath(folder.uri, name);
}

/** Opens an article, waits for the extension and for the article's analysis; returns the API and editor. */
export async function openArticle(name: string): Promise<{ api: MarginaliaApi; editor: vscode.TextEditor; uri: vscode.Uri }> {
  const uri = workspaceFile(name);
  const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
  const ext = vscode.extensions.getExtension<MarginaliaApi>(EXTENSION_ID);
  if (!ext) throw new Error(`${EXTENSION_ID} not installed`);
  const api = ext.isActive ? ext.exports : await ext.activate();
  if (!api) throw new Error(`${EXTENSION_ID} returned no API: its activation failed (see the first test that activated it)`);
  await api.ready;
  await waitFor(() => api.store.get(uri), 60_000, `analysis of ${name}`);
  return { api, editor, uri };
}

export function hoverText(hovers: vscode.Hover[]): string {
  return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))).join('\n');
}
