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

/** The folder was cut to `marginalia.maxArticles` and the user was told (once a window: the log says it each time). */
let toldOfCut = false;

/**
 * The articles of the workspace (`marginalia.articles`, at most `marginalia.maxArticles` of them) plus the open ones,
 * sorted; `openOnly` lists the open ones alone. A folder with more articles than the cap is cut, never silently:
 * the window holds every article's text and analysis (host + worker 374-411 MB on 1,000 articles, npm run bench).
 */
export async function findArticles(openOnly: boolean): Promise<vscode.Uri[]> {
  const config = vscode.workspace.getConfiguration('marginalia');
  const glob = config.get<string>('articles', '**/*.{txt,md}');
  const max = Math.max(1, Math.floor(config.get<number>('maxArticles', 5000)));
  // One more than the cap, to know whether there were more.
  const found = openOnly || !vscode.workspace.workspaceFolders?.length ? [] : (await vscode.workspace.findFiles(glob, '**/{node_modules,.git}/**', max + 1)).filter((u) => isArticle({ uri: u }));
  const byName = (a: vscode.Uri, b: vscode.Uri) => a.toString().localeCompare(b.toString());
  if (found.length > max) {
    found.sort(byName).length = max;
    tellOfCut(max);
  }
  const uris = new Map<string, vscode.Uri>(found.map((u) => [u.toString(), u]));
  for (const d of openArticles()) uris.set(d.uri.toString(), d.uri);
  return [...uris.values()].sort(byName);
}

function tellOfCut(max: number): void {
  log.warn(`more than ${max} articles match marginalia.articles: the first ${max} found (and the open ones) are analysed`);
  if (toldOfCut) return;
  toldOfCut = true;
  const open = vscode.l10n.t('Open Settings');
  void vscode.window
    .showWarningMessage(vscode.l10n.t('This folder has more than {0} articles: Marginalia analyses {0} of them (and the open ones). Narrow "marginalia.articles" to a subfolder, raise "marginalia.maxArticles" (each article takes about 0.2 MB), or analyse the whole archive with the command line\'s map and link.', max), open)
    .then((pick) => pick === open && vscode.commands.executeCommand('workbench.action.openSettings', 'marginalia.maxArticles'));
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
