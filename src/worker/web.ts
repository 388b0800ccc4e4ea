// The analysis worker in the browser extension host: a Web Worker (dist/web/worker.js), started by the
// extension from its own URI (VS Code's web worker host wraps it in a blob that importScripts it).
import { AnalysisEngine } from './engine';
import type { ToWorker } from './protocol';

declare const self: { postMessage(m: unknown): void; onmessage: ((e: { data: ToWorker }) => void) | null };
const engine = new AnalysisEngine((m) => self.postMessage(m));
self.onmessage = (e) => engine.handle(e.data);
engine.warmUp();
