import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Context } from '../report.js';
import type { BuildSettings, CountryJob, CountryOutcome } from './country.js';
import { buildCountry } from './country.js';
import type { Renderer } from './render.js';
import type { WorkerInit, WorkerReply } from './worker.js';

export type JobResult = { job: CountryJob; outcome: CountryOutcome } | { job: CountryJob; error: string };

/**
 * Builds countries on worker threads, one per core (at most one per job), and calls `onResult`
 * as each finishes. Falls back to this thread when there is one job, one core, or no bundled
 * worker (running from TypeScript sources, as the tests do in-process).
 */
export async function runCountryJobs(
  ctx: Context,
  settings: BuildSettings,
  jobs: readonly CountryJob[],
  localRenderer: () => Promise<Renderer>,
  onResult: (result: JobResult) => void,
): Promise<void> {
  const runHere = async (list: readonly CountryJob[]) => {
    const renderer = await localRenderer();
    for (const job of list) {
      try {
        onResult({ job, outcome: await buildCountry(ctx, settings, renderer, job) });
      } catch (error) {
        onResult({ job, error: (error as Error)?.message ?? String(error) });
      }
    }
  };
  const workerFile = join(ctx.packageRoot, 'dist', 'build-worker.js');
  const fromSources = import.meta.url.endsWith('.ts');
  const threads = Math.min(availableParallelism(), jobs.length);
  if (threads <= 1 || fromSources || !existsSync(workerFile)) return runHere(jobs);
  const queue = jobs.map((job, id) => ({ id, job }));
  const init: WorkerInit = { ctx, settings };
  await Promise.all(
    Array.from({ length: threads }, async () => {
      const worker = new Worker(workerFile, { workerData: init });
      try {
        for (let next = queue.shift(); next; next = queue.shift()) {
          const { id, job } = next;
          const reply = await new Promise<WorkerReply>((resolve) => {
            const onMessage = (message: WorkerReply) => {
              if (message.id !== id) return;
              worker.off('message', onMessage);
              worker.off('error', onError);
              resolve(message);
            };
            const onError = (error: Error) => {
              worker.off('message', onMessage);
              resolve({ id, error: error.message });
            };
            worker.on('message', onMessage);
            worker.once('error', onError);
            worker.postMessage({ id, job });
          });
          onResult('outcome' in reply ? { job, outcome: reply.outcome } : { job, error: reply.error });
          if ('error' in reply) break; // A worker that failed may be in a bad state: let the others finish the queue.
        }
      } finally {
        await worker.terminate();
      }
    }),
  );
  // Jobs left if every worker gave up: run them here so none is silently dropped.
  if (queue.length) await runHere(queue.splice(0).map((q) => q.job));
}
