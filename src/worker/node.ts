// The analysis worker in the desktop extension host: a worker_threads Worker (dist/worker.js).
import { getHeapStatistics } from 'node:v8';
import { parentPort } from 'node:worker_threads';
import { AnalysisEngine } from './engine';
import type { ToWorker } from './protocol';

if (!parentPort) throw new Error('dist/worker.js runs as a worker_threads Worker');
const port = parentPort;
const engine = new AnalysisEngine((m) => port.postMessage(m));
port.on('message', (m: ToWorker) => (m.type === 'heap' ? port.postMessage({ type: 'heap', peak: heapPeak() }) : engine.handle(m)));
engine.warmUp();

/**
 * The heap watch (ToWorker 'heap'): sampled every 50 ms, which lands between the analysis's slices, from the first ask
 * on. Returns the peak since the previous ask and starts a new one.
 */
let peak = 0;
let watch: ReturnType<typeof setInterval> | undefined;
function sample(): void {
  const h = getHeapStatistics();
  peak = Math.max(peak, h.used_heap_size + h.external_memory);
}
function heapPeak(): number {
  watch ??= setInterval(sample, 50).unref();
  sample();
  const seen = peak;
  peak = 0;
  return seen;
}
