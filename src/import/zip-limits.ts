/**
 * A .docx is a zip archive; a small one can expand to gigabytes (a 728 KB file to ~300 MB made
 * `import` take 26 s and 4 GB). The sizes the archive declares are checked, from its central
 * directory, before anything is unpacked.
 */

import { MAX_ANSWER_CHARACTERS } from '../check/markdown-rules.js';

/** Far more than the text of any filled-in form, images included. */
export const MAX_DOCX_EXPANDED_BYTES = 100 * 1024 * 1024;
/**
 * Bytes of the XML parts of a .docx (its text and markup; images are not unpacked), counted as
 * they are unpacked: 60,000 elements of Word's verbose markup fit in well under this.
 */
export const MAX_DOCX_XML_BYTES = 16 * 1024 * 1024;
/**
 * XML elements of a .docx (paragraphs, runs, their formatting), counted as it is unpacked: mammoth
 * takes about 4 KB of memory for each, so this keeps an import within ~300 MB; a filled-in form
 * with 150,000 characters of answers, as Word writes it, has some 50,000.
 */
export const MAX_DOCX_ELEMENTS = 60_000;
/** Characters of the form's own wording, headings and title page a .docx may hold besides the answers. */
const FORM_WORDING = 50_000;

/**
 * Characters of text a .docx of a form with `targets` policy targets may hold: as many as its
 * answer files may (150,000 each), and the form's own wording.
 */
export function docxTextLimit(targets: number): number {
  return targets * MAX_ANSWER_CHARACTERS + FORM_WORDING;
}

/** The text limit when the form is not known: a form of four targets, as 2014's. */
export const MAX_DOCX_TEXT = docxTextLimit(4);

const EOCD = 0x06054b50;
const CENTRAL_ENTRY = 0x02014b50;

function mib(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(0)} MiB`;
}

/** Why the archive may not be unpacked (a sentence), or undefined when it is within the limit. */
export function zipExpansionProblem(bytes: Uint8Array): string | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // The end-of-central-directory record is in the last 22 + 65,535 (comment) bytes.
  let end = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === EOCD) {
      end = i;
      break;
    }
  }
  if (end === -1) return 'it is not a complete zip archive (a .docx is one)';
  const entries = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  let total = 0;
  for (let n = 0; n < entries; n++) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== CENTRAL_ENTRY)
      return 'its list of contents is damaged (a .docx is a zip archive)';
    const size = view.getUint32(at + 24, true);
    // 0xFFFFFFFF: the size is in a ZIP64 field, that is 4 GiB or more.
    total += size === 0xffffffff ? Number.POSITIVE_INFINITY : size;
    if (total > MAX_DOCX_EXPANDED_BYTES) {
      return `it expands to more than ${mib(MAX_DOCX_EXPANDED_BYTES)} when unpacked (the limit is ${mib(MAX_DOCX_EXPANDED_BYTES)})`;
    }
    at += 46 + view.getUint16(at + 28, true) + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  return undefined;
}
