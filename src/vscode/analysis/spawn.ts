// The desktop extension host's analysis worker: a worker_threads Worker running dist/worker.js. The browser
// bundle gets spawn.web.ts in place of this file (scripts/build.mjs).
import { Worker } from 'node:worker_threads';
import * as vscode from 'vscode';
import { portOf, type WorkerPort } from './port';

export async function spawnWorker(extensionUri: vscode.Uri): Promise<WorkerPort> {
  // The young generation is capped: V8 grows it to 128 MB in a worker that keeps allocating what survives (the
  // folder's results), which was a quarter of the extension host's RSS; with 24 MB the host + worker peak on 1,000
  // articles fell from 510 to ~400 MB (npm run bench, host part) and the folder analysis took no longer.
  // The old generation's cap is far above need (~50 MB live on 1,000 articles, ~0.05 MB an article), but stating one
  // makes V8 start it small and collect before it doubles: the worker's heap peak on the bench's folder fell from
  // 114-145 MB to 98-103 MB (any cap from 96 to 1,024 MB alike), in the same time. Host + worker, with the host's
  // string pool (intern.ts): 420-423 -> 374-411 MB.
  const worker = new Worker(vscode.Uri.joinPath(extensionUri, 'dist', 'worker.js').fsPath, { name: 'marginalia-analysis', resourceLimits: { maxYoungGenerationSizeMb: 24, maxOldGenerationSizeMb: 1024 } });
  worker.unref(); // an idle worker never keeps the extension host alive
  return portOf({
    post: (m, transfer) => worker.postMessage(m, transfer),
    listen(onMessage, onFailure) {
      worker.on('message', onMessage);
      worker.on('error', (e) => onFailure(e.stack ?? e.message));
      worker.on('exit', (code) => onFailure(`it exited with code ${code}`));
    },
    stop: () => void worker.terminate(),
  });
}
