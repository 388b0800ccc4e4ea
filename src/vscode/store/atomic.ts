// The editor's atomic writer in the desktop host: files on disk go through the one Node writer (src/node/atomic.ts,
// flushed to disk, as the CLI writes), other schemes through workspace.fs. The browser bundle has atomic.web.ts.
import type * as vscode from 'vscode';
import { writeFileAtomicAsync } from '../../node/atomic';
import { writeThroughWorkspaceFs } from './fs-atomic';

export function writeFileAtomically(target: vscode.Uri, content: string): Promise<void> {
  return target.scheme === 'file' ? writeFileAtomicAsync(target.fsPath, content) : writeThroughWorkspaceFs(target, content);
}
