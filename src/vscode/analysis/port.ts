import type { FromWorker, ToWorker } from '../../worker/protocol';

/** A started analysis worker, whichever kind the host runs (spawn.ts for Node, spawn.web.ts for the browser). */
export interface WorkerPort {
  post(message: ToWorker, transfer?: ArrayBuffer[]): void;
  /** `onFailure` is called once when the worker dies or throws: it must be replaced. */
  start(onMessage: (m: FromWorker) => void, onFailure: (reason: string) => void): void;
  terminate(): void;
}
