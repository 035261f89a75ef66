// PDFKit encrypts documents with AES from @noble/ciphers, whose module precomputes its S-box
// tables on load (~15 ms). gareport never encrypts PDFs, so the bundle gets this stand-in.
function unsupported() {
  throw new Error('PDF encryption is not supported by gareport');
}

export const cbc = unsupported;
export const ecb = unsupported;
