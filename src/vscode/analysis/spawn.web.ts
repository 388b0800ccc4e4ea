// The browser extension host's analysis worker: a Web Worker running dist/web/worker.js. VS Code's web worker
// extension host lets an extension start a nested worker (it wraps the URL in a blob that importScripts it), but
// refuses a `vscode-remote:` URL, which is what the extension's own files have under a server (code-server,
// vscode.dev with a remote): the script is read with workspace.fs and started from a blob URL instead (the
// extension host's CSP allows blob: scripts). Replaces spawn.ts in the browser bundle.
import * as vscode from 'vscode';
import { portOf, type WorkerPort } from './port';

interface WebWorker {
  postMessage(m: unknown, transfer?: unknown[]): void;
  onmessage: ((e: { data: unknown }) => void) | null;
  onerror: ((e: { message?: string; preventDefault?(): void }) => void) | null;
  onmessageerror: ((e: unknown) => void) | null;
  terminate(): void;
}
declare const Worker: new (url: string, options?: { name?: string }) => WebWorker;

export async function spawnWorker(extensionUri: vscode.Uri): Promise<WorkerPort> {
  const script = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(extensionUri, 'dist', 'web', 'worker.js'));
  const url = URL.createObjectURL(new Blob([script], { type: 'application/javascript' }));
  const worker = new Worker(url, { name: 'marginalia-analysis' });
  return portOf({
    post: (m, transfer) => worker.postMessage(m, transfer),
    listen(onMessage, onFailure) {
      worker.onmessage = (e) => onMessage(e.data as Parameters<typeof onMessage>[0]);
      // A Web Worker survives an uncaught error, but its state is then unknown: it is replaced like a dead one.
      worker.onerror = (e) => {
        e.preventDefault?.();
        onFailure(e.message ?? 'it failed');
      };
      worker.onmessageerror = () => onFailure('a message could not be read');
    },
    stop() {
      worker.terminate();
      URL.revokeObjectURL(url);
    },
  });
}
