/**
 * Test helper: the drawing operators of a PDF, read from its (Flate-compressed) content streams,
 * for what a text extractor does not show: the colours text and rules are painted in.
 */
import { inflateSync } from 'node:zlib';

/** Every stream of the file, inflated where it is compressed, as latin1 text. */
export function pdfStreams(bytes: Uint8Array): string[] {
  const buffer = Buffer.from(bytes);
  const out: string[] = [];
  let at = 0;
  for (;;) {
    const start = buffer.indexOf('stream', at, 'latin1');
    if (start === -1) break;
    const bodyStart = start + (buffer[start + 6] === 0x0d ? 8 : 7);
    const end = buffer.indexOf('endstream', bodyStart, 'latin1');
    if (end === -1) break;
    const body = buffer.subarray(bodyStart, end);
    try {
      out.push(inflateSync(body).toString('latin1'));
    } catch {
      out.push(body.toString('latin1'));
    }
    at = end + 9;
  }
  return out;
}

/** Colours set for filling (`r g b rg`, or `r g b scn` in DeviceRGB as PDFKit writes) in the content streams, as `#rrggbb`. */
export function fillColours(bytes: Uint8Array): Set<string> {
  const colours = new Set<string>();
  const hex = (v: string) =>
    Math.round(Number(v) * 255)
      .toString(16)
      .padStart(2, '0');
  for (const stream of pdfStreams(bytes)) {
    for (const m of stream.matchAll(/(?:^|\s)(-?[\d.]+) (-?[\d.]+) (-?[\d.]+) (?:rg|scn)\b/g)) {
      colours.add(`#${hex(m[1] ?? '0')}${hex(m[2] ?? '0')}${hex(m[3] ?? '0')}`);
    }
  }
  return colours;
}
