// Reading a file in the browser host (replaces read.ts there): workspace.fs only.
import * as vscode from 'vscode';

export function readBytes(uri: vscode.Uri): Promise<Uint8Array> {
  return Promise.resolve(vscode.workspace.fs.readFile(uri));
}
