/** Which articles the store analyses, and their texts: open editors' unsaved text wins over the disk. */
import * as vscode from 'vscode';
import { decodeArticle, isArticlePath } from '../../core/article';
import { log } from '../log';
import { readBytes } from './read';

export function isArticle(doc: { uri: vscode.Uri; languageId?: string }): boolean {
  return isArticlePath(doc.uri.path);
}

/** The articles open in editors (not git's views of old versions). */
export function openArticles(): vscode.TextDocument[] {
  return vscode.workspace.textDocuments.filter((d) => isArticle(d) && d.uri.scheme !== 'git');
}

/** The articles of the workspace (`marginalia.articles`) plus the open ones, sorted; `openOnly` lists the open ones alone. */
export async function findArticles(openOnly: boolean): Promise<vscode.Uri[]> {
  const glob = vscode.workspace.getConfiguration('marginalia').get<string>('articles', '**/*.{txt,md}');
  const found = openOnly || !vscode.workspace.workspaceFolders?.length ? [] : await vscode.workspace.findFiles(glob, '**/{node_modules,.git}/**', 5000);
  const uris = new Map<string, vscode.Uri>(found.filter((u) => isArticle({ uri: u })).map((u) => [u.toString(), u]));
  for (const d of openArticles()) uris.set(d.uri.toString(), d.uri);
  return [...uris.values()].sort((a, b) => a.toString().localeCompare(b.toString()));
}

/** An article's text: the editor's when it is open, else the file's (undefined, with a warning, when it is not UTF-8 text). */
export async function readArticle(uri: vscode.Uri): Promise<string | undefined> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (open) return open.getText();
  try {
    // The same test as the CLI's: a file that is not UTF-8 text is named and skipped, never read with U+FFFD in its names.
    const decoded = decodeArticle(await readBytes(uri));
    // The editor's documents have no byte-order mark; the text read from disk must match them.
    if (decoded.ok) return decoded.text.replace(/^\uFEFF/, '');
    log.warn(`${vscode.workspace.asRelativePath(uri)} skipped: ${decoded.reason}; ${decoded.hint}`);
  } catch (e) {
    log.warn(`cannot read ${uri.toString()}: ${(e as Error).message}`);
  }
  return undefined;
}
