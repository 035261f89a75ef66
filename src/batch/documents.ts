/**
 * The documents of the reporting cycle (follow-ups, diffs) are rendered as a build's reports are
 * (issue 19): by the same runner, each document one task (on a worker thread, or on this thread
 * when there is one document), so Ctrl-C ends them and nothing of an unfinished document is written.
 */
import type { Context } from '../model/report.js';
import { removeTemporaryFiles } from '../project/write-atomic.js';
import type { BuildSettings } from '../render/country-spec.js';
import type { BuildFormat, DocumentSpec } from '../render/render-outputs.js';
import type { TaskRunner } from './pool.js';
import { BuildStopped, createRunner } from './pool.js';
import type { DocumentResult } from './tasks.js';

export interface DocumentRunner {
  /** Renders a document (and writes it into `folder`, if given); undefined once stopped. */
  render(
    spec: DocumentSpec,
    target: { formats: readonly BuildFormat[]; folder?: string | undefined; name: string },
  ): Promise<DocumentResult | undefined>;
  /** Stopped by the signal: what was not finished was not written. */
  readonly stopped: boolean;
  close(): Promise<void>;
}

export function documentRunner(
  ctx: Context,
  settings: BuildSettings,
  expected: number,
  signal?: AbortSignal | undefined,
): DocumentRunner {
  // Started with the first document: a diff of nothing starts no thread.
  let runner: TaskRunner | undefined;
  const folders = new Set<string>();
  const abort = () => runner?.abort();
  signal?.addEventListener('abort', abort, { once: true });
  return {
    get stopped() {
      return Boolean(signal?.aborted);
    },
    async render(spec, { formats, folder, name }) {
      if (signal?.aborted) return undefined;
      if (folder !== undefined) folders.add(folder);
      try {
        runner ??= createRunner(ctx, settings, expected);
        return await runner.run({ kind: 'document', spec, formats, folder, name });
      } catch (error) {
        if (error instanceof BuildStopped) return undefined;
        throw error;
      }
    },
    async close() {
      signal?.removeEventListener('abort', abort);
      await runner?.close();
      // A write cut short (Ctrl-C) leaves no temporary file behind.
      for (const folder of folders) await removeTemporaryFiles(folder);
    },
  };
}
