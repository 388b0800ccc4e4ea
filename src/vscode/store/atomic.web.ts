// The editor's atomic writer in the browser host (replaces atomic.ts there): workspace.fs only.
import type * as vscode from 'vscode';
import { writeThroughWorkspaceFs } from './fs-atomic';

export function writeFileAtomically(target: vscode.Uri, content: string): Promise<void> {
  return writeThroughWorkspaceFs(target, content);
}
