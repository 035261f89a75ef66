/**
 * Worker thread entry of a batch build: renders the countries it is sent, one at a time,
 * reusing its template engines, pdfkit and fonts across them.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Context } from '../report.js';
import type { BuildSettings, CountryJob, CountryOutcome } from './country.js';
import { buildCountry } from './country.js';
import { createRenderer } from './render.js';

export interface WorkerInit {
  ctx: Context;
  settings: BuildSettings;
}

export type WorkerReply = { id: number; outcome: CountryOutcome } | { id: number; error: string };

const port = parentPort;
if (port) {
  const { ctx, settings } = workerData as WorkerInit;
  const renderer = createRenderer({ ...ctx, templates: settings.templates });
  port.on('message', async ({ id, job }: { id: number; job: CountryJob }) => {
    try {
      const outcome = await buildCountry(ctx, settings, await renderer, job);
      port.postMessage({ id, outcome } satisfies WorkerReply);
    } catch (error) {
      port.postMessage({ id, error: (error as Error)?.message ?? String(error) } satisfies WorkerReply);
    }
  });
}
