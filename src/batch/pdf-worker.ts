/**
 * Worker thread that renders PDFs for a single-report build, so the PDF (the slowest format)
 * renders on the second core while this thread writes the Markdown and HTML. It loads pdfkit and
 * the fonts as soon as it starts, while the main thread is still reading and validating answers.
 */
import { parentPort } from 'node:worker_threads';
import type { Root } from 'mdast';
import type { PdfOptions } from '../render/pdf.js';

export type PdfRequest = { id: number; tree: Root; options: PdfOptions };
export type PdfReply = { id: number; pdf: Uint8Array } | { id: number; error: string };

const port = parentPort;
if (port) {
  const loaded = import('../render/pdf.js');
  port.on('message', async ({ id, tree, options }: PdfRequest) => {
    try {
      const { renderPdf } = await loaded;
      const pdf = await renderPdf(tree, options);
      port.postMessage({ id, pdf } satisfies PdfReply, [pdf.buffer as ArrayBuffer]);
    } catch (error) {
      port.postMessage({ id, error: (error as Error)?.message ?? String(error) } satisfies PdfReply);
    }
  });
}
