import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Root } from 'mdast';
import type { PdfOptions } from '../render/pdf.js';
import type { PdfReply } from './pdf-worker.js';

export type PdfRenderer = (tree: Root, options: PdfOptions) => Promise<Uint8Array>;

/** Renders on this thread, loading pdfkit on first use. */
export const renderPdfHere: PdfRenderer = async (tree, options) => {
  const { renderPdf } = await import('../render/pdf.js');
  return renderPdf(tree, options);
};

/**
 * A PDF renderer on its own thread, started now so pdfkit and the fonts load while the answers are
 * read; undefined where that cannot help (one core, or running from TypeScript sources).
 * Any failure of the thread falls back to rendering here, so a PDF is never lost to it.
 */
export function startPdfThread(packageRoot: string): { render: PdfRenderer; stop: () => Promise<void> } | undefined {
  const file = join(packageRoot, 'dist', 'pdf-worker.js');
  if (import.meta.url.endsWith('.ts') || availableParallelism() < 2 || !existsSync(file)) return undefined;
  const worker = new Worker(file);
  let next = 0;
  let broken = false;
  const pending = new Map<number, (reply: PdfReply | undefined) => void>();
  const fail = () => {
    broken = true;
    for (const resolve of pending.values()) resolve(undefined);
    pending.clear();
  };
  worker.on('message', (reply: PdfReply) => {
    pending.get(reply.id)?.(reply);
    pending.delete(reply.id);
  });
  worker.on('error', fail);
  worker.on('exit', fail);
  return {
    render: async (tree, options) => {
      if (!broken) {
        const id = next++;
        const reply = await new Promise<PdfReply | undefined>((resolve) => {
          pending.set(id, resolve);
          worker.postMessage({ id, tree, options });
        });
        if (reply && 'pdf' in reply) return reply.pdf;
        // The renderer itself failed: doing it again here would fail the same way.
        if (reply) throw new Error(reply.error);
      }
      // Only a thread that died falls back to rendering here.
      return renderPdfHere(tree, options);
    },
    stop: async () => {
      worker.removeAllListeners('exit');
      await worker.terminate();
    },
  };
}
