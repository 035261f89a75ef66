// PDFKit parses fonts with fontkit (~230 KB of code with its shaping data, ~40 ms to load). The
// PDF renderer hands PDFKit its own font objects instead (src/render/pdf/pdfkit-internals.ts), so
// fontkit never runs, and the bundle gets this stand-in.
export function create() {
  throw new Error('gareport bundles no fontkit: register fonts through src/render/pdf/measure.ts');
}
