/**
 * A .docx unpacked for mammoth with its limits kept as the bytes stream out (issue 20 item 5): the
 * sizes an archive declares may lie (a 1.5 MB file declaring 20 KB held 1.5 GB and took 1.64 GB),
 * so what is inflated is counted, in small steps, and unpacking stops at the first limit passed.
 * Only the XML parts are unpacked (images are not part of reports), and their elements and text are
 * counted on the way: mammoth holds each element in memory several times over (300,000 empty
 * paragraphs took 2.4 GB and overflowed the stack).
 */

import type { UnzipFile } from 'fflate';
import { Unzip, UnzipInflate } from 'fflate';

export interface DocxLimits {
  /** Bytes of XML unpacked, all parts together. */
  xmlBytes: number;
  /** XML elements (paragraphs, runs, their properties…), all parts together. */
  elements: number;
  /** Characters of text (`<w:t>`), all parts together: answers and the form's own wording. */
  textCharacters: number;
}

/** The archive as mammoth reads it (see mammoth's lib/unzip.js: an object given as `file`). */
export interface DocxArchive {
  exists(name: string): boolean;
  read(name: string, encoding?: string): Promise<Uint8Array | string>;
}

/** Compressed bytes given to the inflater at a time: at most ~1,032 times that comes out at once. */
const STEP = 4 * 1024;
/** A tag longer than this is not Word's: the part is refused rather than held whole. */
const MAX_TAG = 64 * 1024;
const PARTS = /\.(?:xml|rels)$/i;

/** Counts the elements and the text characters of XML given in pieces. */
class XmlCount {
  elements = 0;
  text = 0;
  private inText = false;
  private rest = '';

  push(piece: string): void {
    const s = this.rest + piece;
    let at = 0;
    for (;;) {
      const open = s.indexOf('<', at);
      if (this.inText) this.text += (open === -1 ? s.length : open) - at;
      if (open === -1) {
        this.rest = '';
        return;
      }
      const close = s.indexOf('>', open);
      if (close === -1) {
        this.rest = s.slice(open);
        if (this.rest.length > MAX_TAG) throw new Error('a part of it holds a tag too long to be Word’s');
        return;
      }
      const tag = s.slice(open + 1, close);
      if (/^[A-Za-z_]/.test(tag)) {
        this.elements++;
        // `<w:t>`, `<w:t xml:space="preserve">`, `<a:t>`: text; `<w:t/>` holds none.
        if (/^(?:[\w.-]+:)?t(?:\s|$)/.test(tag) && !tag.endsWith('/')) this.inText = true;
      } else if (/^\/(?:[\w.-]+:)?t\s*$/.test(tag)) this.inText = false;
      at = close + 1;
    }
  }
}

function joined(chunks: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;
const thousands = (n: number) => n.toLocaleString('en');

/** Unpacks the XML parts of a .docx within `limits`; throws an Error whose message says which limit was passed. */
export function unzipDocx(bytes: Uint8Array, limits: DocxLimits): DocxArchive {
  const files = new Map<string, Uint8Array>();
  const names = new Set<string>();
  const count = new XmlCount();
  let unpacked = 0;
  let problem: string | undefined;
  const check = (): string | undefined => {
    if (unpacked > limits.xmlBytes)
      return `its text and markup unpack to more than ${mib(limits.xmlBytes)} (the limit is ${mib(limits.xmlBytes)})`;
    if (count.elements > limits.elements)
      return `it holds more than ${thousands(limits.elements)} elements (paragraphs, runs, their formatting; the limit is ${thousands(limits.elements)})`;
    if (count.text > limits.textCharacters)
      return `it holds more than ${thousands(limits.textCharacters)} characters of text (the limit is ${thousands(limits.textCharacters)}: 150,000 for the answers of each policy target, and the form's own wording)`;
    return undefined;
  };
  const unzip = new Unzip((file: UnzipFile) => {
    names.add(file.name);
    if (!PARTS.test(file.name) || problem) return;
    const chunks: Uint8Array[] = [];
    const decoder = new TextDecoder();
    file.ondata = (error, data, final) => {
      if (problem) return;
      if (error) {
        problem = `a part of it is damaged (${error.message})`;
        return;
      }
      unpacked += data.length;
      try {
        count.push(decoder.decode(data, { stream: !final }));
      } catch (e) {
        problem = (e as Error).message;
      }
      problem ??= check();
      if (problem) {
        file.terminate();
        return;
      }
      chunks.push(data);
      if (final) files.set(file.name, joined(chunks));
    };
    file.start();
  });
  unzip.register(UnzipInflate);
  try {
    for (let at = 0; at < bytes.length && !problem; at += STEP)
      unzip.push(bytes.subarray(at, at + STEP), at + STEP >= bytes.length);
  } catch (error) {
    problem ??= `it is damaged (${(error as Error).message})`;
  }
  if (problem) throw new Error(problem);
  return {
    exists: (name) => names.has(name),
    read: async (name, encoding) => {
      const data = files.get(name) ?? new Uint8Array();
      if (encoding === 'base64') return Buffer.from(data).toString('base64');
      return encoding ? new TextDecoder(encoding).decode(data) : data;
    },
  };
}
