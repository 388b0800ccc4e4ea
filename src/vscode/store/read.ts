// Reading a file in the desktop host: files on disk with Node, as atomic.ts writes them; other schemes through
// workspace.fs. The browser bundle has read.web.ts.
// Why not workspace.fs for disk files too: in a real VS Code its calls can wait on the window (measured in the bench's
// code-server: a missing sidecar took 690 ms to report, the 2.4 MB tagger 600 ms, five articles with their sidecars
// 2.9 s, while the workbench was starting), and the opened article's highlights waited for them.
import * as vscode from 'vscode';
import { readFile } from 'node:fs/promises';

export async function readBytes(uri: vscode.Uri): Promise<Uint8Array> {
  return uri.scheme === 'file' ? readFile(uri.fsPath) : vscode.workspace.fs.readFile(uri);
}
