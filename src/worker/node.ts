// The analysis worker in the desktop extension host: a worker_threads Worker (dist/worker.js).
import { parentPort } from 'node:worker_threads';
import { AnalysisEngine } from './engine';
import type { ToWorker } from './protocol';

if (!parentPort) throw new Error('dist/worker.js runs as a worker_threads Worker');
const port = parentPort;
const engine = new AnalysisEngine((m) => port.postMessage(m));
port.on('message', (m: ToWorker) => engine.handle(m));
engine.warmUp();
