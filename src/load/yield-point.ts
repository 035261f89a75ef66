/**
 * Where a long piece of work on the main thread lets the event loop run, so that Ctrl-C is seen
 * (issue 19). The build of a single report runs on the main thread (no worker to start and load
 * the render stack into); a worker can be terminated at once, the main thread cannot, so the
 * steps of a report, the answers and the PDF's blocks pass through a yield point. Outside
 * `stoppable` (in a worker thread, which is terminated instead) a yield point does nothing.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

/** What a yield point throws once its work is stopped (the runner reports the build as stopped). */
export class WorkStopped extends Error {
  constructor() {
    super('the work was stopped');
    this.name = 'WorkStopped';
  }
}

const scope = new AsyncLocalStorage<AbortSignal>();

/** How long the thread works before it lets the event loop run: far below Ctrl-C's 0.3 s, and seldom enough to cost nothing. */
const SLICE_MS = 25;
let lastYield = 0;

/** Runs `work`, whose yield points let the event loop run and throw WorkStopped once `signal` is aborted. */
export function stoppable<T>(signal: AbortSignal, work: () => Promise<T>): Promise<T> {
  lastYield = performance.now();
  return scope.run(signal, work);
}

/** Lets the event loop run if this thread has worked a slice since it last did; throws WorkStopped once stopped. */
export async function yieldPoint(): Promise<void> {
  const signal = scope.getStore();
  if (!signal) return;
  if (performance.now() - lastYield >= SLICE_MS) {
    await new Promise(setImmediate);
    lastYield = performance.now();
  }
  if (signal.aborted) throw new WorkStopped();
}
