// The desktop extension host's analysis worker: a worker_threads Worker running dist/worker.js. The browser
// bundle gets spawn.web.ts in place of this file (scripts/build.mjs).
import { Worker } from 'node:worker_threads';
import * as vscode from 'vscode';
import type { WorkerPort } from './port';

export async function spawnWorker(extensionUri: vscode.Uri): Promise<WorkerPort> {
  const worker = new Worker(vscode.Uri.joinPath(extensionUri, 'dist', 'worker.js').fsPath, { name: 'marginalia-analysis' });
  worker.unref(); // an idle worker never keeps the extension host alive
  let failed = false;
  let terminated = false;
  return {
    post: (m, transfer) => worker.postMessage(m, transfer),
    start(onMessage, onFailure) {
      const fail = (reason: string) => {
        if (failed || terminated) return;
        failed = true;
        void worker.terminate();
        onFailure(reason);
      };
      worker.on('message', onMessage);
      worker.on('error', (e) => fail(e.stack ?? e.message));
      worker.on('exit', (code) => fail(`it exited with code ${code}`));
    },
    terminate() {
      terminated = true;
      void worker.terminate();
    },
  };
}
