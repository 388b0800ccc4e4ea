import * as vscode from 'vscode';
import { writeFileAtomically } from '../store/atomic';
import { readBytes } from '../store/read';
import {
  bratAnnotationConf,
  exportBrat,
  csvRecords,
  EXPORT_EXTENSIONS,
  EXPORT_FORMATS,
  exportCsv,
  exportJsonl,
  exportW3C,
  importAnnotations,
  mergeImported,
  problemLine,
  sameAnnotation,
  type ExportArticle,
  type ExportFormat,
  type Problem,
} from '../../core/export';
import { claimReviewArticle, claimReviewSettingsProblem, exportClaimReview } from '../../core/export/claimreview';
import { verdictScale } from '../verdicts';
import type { ArticleState, ArticleStore } from '../store/articles';
import { log } from '../log';

/**
 * Export Annotation Set… and Import Annotations…: the annotations of the current article or of the whole
 * folder in another tool's format, and W3C / JSONL files read back into the articles. Files are read and a
 * one-file export written through the store's reader and atomic writer (Node on disk in the desktop host,
 * `vscode.workspace.fs` in the browser), so an export that fails half-way leaves the old file whole; a brat export
 * (a folder of files) goes through `vscode.workspace.fs`, which makes the subfolders it needs.
 */

export type ExportScope = 'article' | 'folder';

/** Arguments that skip the pickers and dialogs (tests, keybindings with args). */
export interface ExportArgs {
  format?: ExportFormat;
  scope?: ExportScope;
  /** The file to write (a folder for brat). */
  target?: vscode.Uri | string;
}

export interface ExportResult {
  format: ExportFormat;
  target: vscode.Uri;
  articles: number;
  annotations: number;
  problems: Problem[];
}

export interface ImportResultSummary {
  source: vscode.Uri;
  articles: number;
  added: number;
  updated: number;
  unchanged: number;
  problems: Problem[];
}

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8');

interface FormatInfo {
  format: ExportFormat;
  label: string;
  detail: string;
  extension: string;
  filter: string;
}

/** The picker's entries, in the order of EXPORT_FORMATS (a format added there must be described here). */
function formats(): FormatInfo[] {
  const described: Record<ExportFormat, Pick<FormatInfo, 'label' | 'detail' | 'filter'>> = {
    w3c: { label: vscode.l10n.t('W3C Web Annotation (JSON-LD)'), detail: vscode.l10n.t('An annotation collection any Web Annotation tool reads; can be imported back.'), filter: vscode.l10n.t('W3C Web Annotation') },
    jsonl: { label: vscode.l10n.t('JSONL spans'), detail: vscode.l10n.t('One line per article with [start, end, label] spans (doccano, spaCy); can be imported back.'), filter: vscode.l10n.t('JSON Lines') },
    brat: { label: vscode.l10n.t('brat standoff'), detail: vscode.l10n.t('A folder with a .txt copy and an .ann file per article, and annotation.conf.'), filter: '' },
    csv: { label: vscode.l10n.t('CSV'), detail: vscode.l10n.t('Quotes and claims with their facts, for a spreadsheet.'), filter: vscode.l10n.t('CSV') },
    claimreview: { label: vscode.l10n.t('ClaimReview (schema.org JSON-LD)'), detail: vscode.l10n.t('One fact-check review per rated claim, for publishing (Google Fact Check Explorer and other aggregators).'), filter: vscode.l10n.t('JSON-LD') },
  };
  return EXPORT_FORMATS.map((format) => ({ format, ...described[format], extension: EXPORT_EXTENSIONS[format] }));
}

/**
 * The publisher and review URL template of a ClaimReview export: the settings, else asked for (and offered to be
 * saved in the workspace settings). Undefined when the user cancelled.
 */
async function claimReviewSettings(): Promise<{ publisher: string; urlTemplate: string } | undefined> {
  const config = vscode.workspace.getConfiguration('marginalia');
  let publisher = config.get<string>('publisher')?.trim() ?? '';
  let urlTemplate = config.get<string>('reviewUrlTemplate')?.trim() ?? '';
  if (!publisher) {
    publisher = (await vscode.window.showInputBox({ title: vscode.l10n.t('ClaimReview: publisher'), prompt: vscode.l10n.t('The fact-checking organisation named as the author of each review (setting marginalia.publisher).') }))?.trim() ?? '';
    if (!publisher) return undefined;
  }
  if (claimReviewSettingsProblem(publisher, urlTemplate)) {
    urlTemplate = (await vscode.window.showInputBox({
      title: vscode.l10n.t('ClaimReview: review URL'),
      prompt: vscode.l10n.t('Where each review is published; {id} is replaced by the claim\'s id (setting marginalia.reviewUrlTemplate).'),
      value: urlTemplate || 'https://',
      validateInput: (v) => claimReviewSettingsProblem(publisher, v),
    }))?.trim() ?? '';
    if (claimReviewSettingsProblem(publisher, urlTemplate)) return undefined;
  }
  return { publisher, urlTemplate };
}

/** The article path as exports record it: relative to the workspace, forward slashes (as the CLI run from the folder). */
function articlePath(state: ArticleState): string {
  return vscode.workspace.asRelativePath(state.uri, false);
}

function exportArticles(store: ArticleStore, states: readonly ArticleState[]): ExportArticle[] {
  return states.map((s) => ({ path: articlePath(s), text: s.text, annotations: s.annotations, facts: store.facts }));
}

function activeState(store: ArticleStore): ArticleState | undefined {
  const editor = vscode.window.activeTextEditor;
  return editor ? store.get(editor.document.uri) : undefined;
}

function baseFolder(states: readonly ArticleState[]): vscode.Uri | undefined {
  const first = states[0]?.uri;
  return (first && vscode.workspace.getWorkspaceFolder(first)?.uri) ?? vscode.workspace.workspaceFolders?.[0]?.uri;
}

function fileNameOf(uri: vscode.Uri): string {
  return uri.path.split('/').pop() ?? uri.path;
}

function reportProblems(what: string, problems: readonly Problem[]): void {
  for (const p of problems) log.warn(`${what}: ${problemLine(p)}`);
}

/** Exports; resolves to undefined when the user cancelled a picker or dialog. */
async function exportAnnotations(store: ArticleStore, args: ExportArgs = {}): Promise<ExportResult | undefined> {
  await store.refresh(); // the export shows the folder as it is now
  if (!store.all.length) {
    void vscode.window.showInformationMessage(vscode.l10n.t('There are no articles to export. Open a folder with articles (.txt, .md) first.'));
    return undefined;
  }
  const info = formats();
  let chosen = info.find((f) => f.format === args.format);
  if (!chosen) {
    chosen = await vscode.window.showQuickPick(info, { title: vscode.l10n.t('Export Annotation Set'), placeHolder: vscode.l10n.t('Format of the export') });
    if (!chosen) return undefined;
  }
  const current = activeState(store);
  let scope = args.scope;
  if (!scope) {
    const items: (vscode.QuickPickItem & { scope: ExportScope })[] = [
      ...(current ? [{ label: vscode.l10n.t('Current article'), description: fileNameOf(current.uri), scope: 'article' as const }] : []),
      { label: vscode.l10n.t('Whole folder'), description: vscode.l10n.t('{0} articles', store.all.length), scope: 'folder' },
    ];
    const pick = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Export Annotation Set'), placeHolder: vscode.l10n.t('Which articles to export') });
    if (!pick) return undefined;
    scope = pick.scope;
  }
  if (scope === 'article' && !current) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Open an article to export its annotations, or export the whole folder.'));
    return undefined;
  }
  const states = scope === 'article' ? [current!] : [...store.all].sort((a, b) => articlePath(a).localeCompare(articlePath(b)));
  const folder = baseFolder(states);
  const stem = scope === 'article' ? fileNameOf(states[0].uri).replace(/\.[^.]+$/, '') : 'annotations';

  let target = typeof args.target === 'string' ? vscode.Uri.parse(args.target) : args.target;
  if (!target) {
    if (chosen.format === 'brat') {
      const picked = await vscode.window.showOpenDialog({
        title: vscode.l10n.t('Folder for the brat standoff files'),
        canSelectFolders: true,
        canSelectFiles: false,
        canSelectMany: false,
        openLabel: vscode.l10n.t('Export Here'),
        ...(folder ? { defaultUri: folder } : {}),
      });
      target = picked?.[0];
    } else {
      target = await vscode.window.showSaveDialog({
        title: vscode.l10n.t('Export Annotation Set'),
        saveLabel: vscode.l10n.t('Export'),
        filters: { [chosen.filter]: [chosen.extension] },
        ...(folder ? { defaultUri: vscode.Uri.joinPath(folder, `${stem}.${chosen.extension}`) } : {}),
      });
    }
    if (!target) return undefined;
  }

  const articles = exportArticles(store, states);
  const review = chosen.format === 'claimreview' ? await claimReviewSettings() : undefined;
  if (chosen.format === 'claimreview' && !review) return undefined;
  const problems: Problem[] = [];
  const report = (p: Problem) => problems.push(p);
  let count = 0;
  try {
    if (chosen.format === 'brat') {
      const docs = exportBrat(articles, { report });
      // brat copies are named after the articles' paths: exported into the workspace folder they would land on the articles.
      const clash = docs.map((d) => vscode.Uri.joinPath(target, `${d.path}.txt`)).find((u) => store.get(u));
      if (clash) throw new Error(`the brat copy ${fileNameOf(clash)} would replace an article; choose a folder outside the articles' folders`);
      for (const d of docs) {
        const base = vscode.Uri.joinPath(target, d.path);
        // (workspace.fs makes the folders of articles in subfolders.)
        await vscode.workspace.fs.writeFile(base.with({ path: `${base.path}.txt` }), encoder.encode(d.text));
        await vscode.workspace.fs.writeFile(base.with({ path: `${base.path}.ann` }), encoder.encode(d.ann));
        count += d.ann.split('\n').filter((l) => l.startsWith('T')).length;
      }
      await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(target, 'annotation.conf'), encoder.encode(bratAnnotationConf(articles)));
    } else {
      if (store.get(target)) throw new Error('that file is an article; exporting there would replace it');
      let text: string;
      if (chosen.format === 'w3c') {
        text = exportW3C(articles, { report, generated: new Date().toISOString() });
        count = (JSON.parse(text) as { total?: number }).total ?? 0;
      } else if (chosen.format === 'claimreview') {
        const rated = states.map((s) => claimReviewArticle(articlePath(s), s.text, s.annotations, s.result.claims));
        text = exportClaimReview(rated, { ...review!, scale: verdictScale(), report });
        count = (JSON.parse(text) as { '@graph': unknown[] })['@graph'].length;
      } else if (chosen.format === 'jsonl') {
        text = exportJsonl(articles, { report });
        count = text.split('\n').filter(Boolean).reduce((n, l) => n + (JSON.parse(l) as { label: unknown[] }).label.length, 0);
      } else {
        text = exportCsv(articles, { report });
        count = Math.max(0, csvRecords(text) - 1);
      }
      await writeFileAtomically(target, text);
    }
  } catch (e) {
    const message = (e as Error).message;
    log.error(`export to ${target.toString()} failed: ${message}`);
    const showLog = vscode.l10n.t('Show Log');
    void vscode.window
      .showErrorMessage(vscode.l10n.t('Marginalia could not write {0}: {1}. Choose another place (a folder you can write to) and export again.', fileNameOf(target), message), showLog)
      .then((p) => p === showLog && log.show());
    return undefined;
  }
  reportProblems('export', problems);
  log.info(`exported ${count} annotations of ${articles.length} articles to ${target.toString()} (${chosen.format})`);
  const result: ExportResult = { format: chosen.format, target, articles: articles.length, annotations: count, problems };
  if (!args.target) {
    const open = vscode.l10n.t('Open');
    const showLog = vscode.l10n.t('Show Log');
    const what = chosen.format === 'csv' ? vscode.l10n.t('{0} quotes and claims', count) : chosen.format === 'claimreview' ? vscode.l10n.t('{0} reviews of rated claims', count) : vscode.l10n.t('{0} annotations', count);
    const message = problems.length
      ? vscode.l10n.t('Exported {0} of {1} articles to {2}. Some annotations were left out (orphaned, or their text is no longer found): Show Log says which.', what, articles.length, fileNameOf(target))
      : vscode.l10n.t('Exported {0} of {1} articles to {2}.', what, articles.length, fileNameOf(target));
    const actions = [...(chosen.format === 'brat' ? [] : [open]), ...(problems.length ? [showLog] : [])];
    void vscode.window.showInformationMessage(message, ...actions).then((p) => {
      if (p === open) void vscode.window.showTextDocument(target!);
      else if (p === showLog) log.show();
    });
  }
  return result;
}

/** Imports a W3C or JSONL export into the folder's articles; resolves to undefined when cancelled. */
async function importFile(store: ArticleStore, source?: vscode.Uri | string): Promise<ImportResultSummary | undefined> {
  let file = typeof source === 'string' ? vscode.Uri.parse(source) : source;
  if (!file) {
    const folder = baseFolder(store.all);
    const picked = await vscode.window.showOpenDialog({
      title: vscode.l10n.t('Import Annotations'),
      openLabel: vscode.l10n.t('Import'),
      canSelectMany: false,
      filters: { [vscode.l10n.t('W3C Web Annotation or JSON Lines')]: ['jsonld', 'json', 'jsonl', 'ndjson'] },
      ...(folder ? { defaultUri: folder } : {}),
    });
    file = picked?.[0];
    if (!file) return undefined;
  }
  const showLog = vscode.l10n.t('Show Log');
  let content: string;
  try {
    content = decoder.decode(await readBytes(file));
  } catch (e) {
    log.error(`import: cannot read ${file.toString()}: ${(e as Error).message}`);
    void vscode.window.showErrorMessage(vscode.l10n.t('Marginalia could not read {0}: {1}. Check that the file exists and can be read, then import again.', fileNameOf(file), (e as Error).message), showLog)
      .then((p) => p === showLog && log.show());
    return undefined;
  }
  await store.refresh();
  const byPath = new Map(store.all.map((s) => [articlePath(s), s]));
  const result = importAnnotations(content, [...byPath].map(([path, s]) => ({ path, text: s.text })), { fileName: file.path, now: new Date().toISOString() });
  const problems = [...result.problems];
  let added = 0;
  let updated = 0;
  let unchanged = 0;
  let articles = 0;
  const pending: Promise<void>[] = [];
  for (const [path, imported] of result.annotations) {
    const state = byPath.get(path);
    if (!state) continue;
    if (state.sidecarProblem) {
      problems.push({ path, message: `not imported: its annotations are read-only (${state.sidecarProblem})` });
      continue;
    }
    const merged = mergeImported(state.annotations, imported);
    added += merged.added;
    updated += merged.updated;
    unchanged += merged.unchanged;
    articles++;
    const before = new Map(state.annotations.map((a) => [a.id, a]));
    const keep = new Set(merged.annotations.map((a) => a.id));
    for (const a of state.annotations) if (!keep.has(a.id)) store.remove(state.uri, a.id);
    for (const a of merged.annotations) {
      const old = before.get(a.id);
      if (!old || !sameAnnotation(old, a)) pending.push(store.update(state.uri, a));
    }
  }
  await Promise.all(pending);
  reportProblems('import', problems);
  log.info(`imported ${file.toString()}: ${articles} articles, ${added} added, ${updated} updated, ${unchanged} unchanged, ${problems.length} problems`);
  const summary: ImportResultSummary = { source: file, articles, added, updated, unchanged, problems };
  if (!articles) {
    void vscode.window
      .showWarningMessage(vscode.l10n.t('Nothing was imported from {0}: it names no article of this folder (or none could be read). Open the folder the export was made from, then import again.', fileNameOf(file)), showLog)
      .then((p) => p === showLog && log.show());
  } else {
    const message = vscode.l10n.t('Imported {0}: {1} annotations added, {2} updated, {3} unchanged, in {4} articles.', fileNameOf(file), added, updated, unchanged, articles);
    const more = problems.length ? ' ' + vscode.l10n.t('{0} could not be placed (see the log for which and why).', problems.length) : '';
    void vscode.window.showInformationMessage(message + more, ...(problems.length ? [showLog] : [])).then((p) => p === showLog && log.show());
  }
  return summary;
}

export function activate(context: vscode.ExtensionContext, store: ArticleStore): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('marginalia.exportAnnotations', (args?: ExportArgs) => exportAnnotations(store, args && typeof args === 'object' && !(args instanceof vscode.Uri) ? args : {})),
    vscode.commands.registerCommand('marginalia.importAnnotations', (source?: vscode.Uri | string) => importFile(store, source)),
  );
}
