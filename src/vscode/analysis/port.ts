import type { FromWorker, ToWorker } from '../../worker/protocol';

/** A started analysis worker, whichever kind the host runs (spawn.ts for Node, spawn.web.ts for the browser). */
export interface WorkerPort {
  post(message: ToWorker, transfer?: ArrayBuffer[]): void;
  /** `onFailure` is called once when the worker dies or throws: it is stopped, and must be replaced. */
  start(onMessage: (m: FromWorker) => void, onFailure: (reason: string) => void): void;
  terminate(): void;
}

/** What each kind of worker provides: sending, listening (messages, and failures as they come), and stopping. */
export interface RawWorker {
  post(message: ToWorker, transfer?: ArrayBuffer[]): void;
  listen(onMessage: (m: FromWorker) => void, onFailure: (reason: string) => void): void;
  stop(): void;
}

/** A worker's port that reports one failure at most, and none after it was terminated on purpose. */
export function portOf(raw: RawWorker): WorkerPort {
  let over = false;
  return {
    post: (m, transfer) => raw.post(m, transfer),
    start(onMessage, onFailure) {
      raw.listen(onMessage, (reason) => {
        if (over) return;
        over = true;
        raw.stop();
        onFailure(reason);
      });
    },
    terminate() {
      over = true;
      raw.stop();
    },
  };
}
