/**
 * Reading an article's sidecar in the editor: the file through workspace.fs (desktop and browser hosts),
 * the rules in src/core/sidecar, and what the user is told when the file cannot be used as it is.
 */
import * as vscode from 'vscode';
import { SIDECAR_SUFFIX } from '../../core/article';
import { readSidecarText, type Annotation } from '../../core/sidecar';
import { log } from '../log';
import { readBytes } from './read';

export function sidecarUri(article: vscode.Uri): vscode.Uri {
  return article.with({ path: article.path + SIDECAR_SUFFIX });
}

/**
 * Why a sidecar is read-only because a git merge left conflicts in it (null when it has none). Saving over it would
 * drop one side of each conflict, so the editor writes it only through the Merge Conflicts view.
 */
export function mergeConflictsProblem(name: string, conflicts: number): string | undefined {
  return conflicts ? vscode.l10n.t('{0} has {1} merge conflict(s) to resolve in the Merge Conflicts view', name, conflicts) : undefined;
}

const decoder = new TextDecoder('utf-8');

/** The sidecar's text, or undefined when there is none. */
export async function readSidecarFile(article: vscode.Uri): Promise<string | undefined> {
  try {
    return decoder.decode(await readBytes(sidecarUri(article)));
  } catch {
    return undefined;
  }
}

export interface LoadedSidecar {
  annotations: Annotation[];
  problem?: string;
}

/** Reads an article's sidecar and re-anchors its annotations against the current text; tells the user when it is unreadable or conflicted. */
export async function loadSidecar(uri: vscode.Uri, text: string): Promise<LoadedSidecar> {
  const raw = await readSidecarFile(uri);
  if (raw === undefined) return { annotations: [] };
  const read = readSidecarText(raw, text);
  const name = vscode.workspace.asRelativePath(sidecarUri(uri));
  if (read.unreadable) {
    const problem = `${name}: ${read.unreadable}`;
    log.error(`annotations not loaded: ${problem}`);
    const open = vscode.l10n.t('Open File');
    const showLog = vscode.l10n.t('Show Log');
    void vscode.window
      .showErrorMessage(vscode.l10n.t('Marginalia could not read {0}: {1}. The file is left untouched and the annotations of this article are read-only until it is fixed or moved away.', name, read.unreadable), open, showLog)
      .then((pick) => {
        if (pick === open) void vscode.window.showTextDocument(sidecarUri(uri));
        else if (pick === showLog) log.show();
      });
    return { annotations: [], problem };
  }
  const conflicted = mergeConflictsProblem(name, read.conflicts);
  if (conflicted) {
    log.warn(`annotations read-only until merged: ${conflicted}`);
    const show = vscode.l10n.t('Show Conflicts');
    void vscode.window.showWarningMessage(vscode.l10n.t('{0}. Its annotations are shown, read-only, until each conflict is resolved.', conflicted), show).then((p) => p === show && vscode.commands.executeCommand('marginalia.conflicts.focus'));
  }
  return { annotations: read.annotations, ...(conflicted ? { problem: conflicted } : {}) };
}
