/**
 * Logo files for the hostile-logo tests, made byte by byte: a PNG from its chunks (with correct
 * CRCs, so only what a test means to break is broken) and JPEGs from their segments.
 */
import { crc32, deflateSync } from 'node:zlib';

export function pngChunk(type: string, data: Uint8Array = new Uint8Array()): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

export const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export function ihdr(width: number, height: number, colorType = 6, bitDepth = 8, interlace = 0): Buffer {
  const data = Buffer.alloc(13);
  data.writeUInt32BE(width, 0);
  data.writeUInt32BE(height, 4);
  data[8] = bitDepth;
  data[9] = colorType;
  data[12] = interlace;
  return pngChunk('IHDR', data);
}

/** A PNG whose header says `width` × `height` and whose image data is `raw` deflated (filter bytes included). */
export function pngWith(width: number, height: number, raw: Uint8Array, colorType = 6): Buffer {
  return Buffer.concat([
    PNG_SIGNATURE,
    ihdr(width, height, colorType),
    pngChunk('IDAT', deflateSync(raw)),
    pngChunk('IEND'),
  ]);
}

/** A true RGBA PNG of `width` × `height` (every row filter 0, grey pixels). */
export function validPng(width = 12, height = 8): Buffer {
  const row = Buffer.alloc(1 + width * 4, 0x80);
  row[0] = 0;
  return pngWith(width, height, Buffer.concat(Array.from({ length: height }, () => row)));
}

function segment(marker: number, data: Uint8Array): Buffer {
  const head = Buffer.from([0xff, marker, 0, 0]);
  head.writeUInt16BE(data.length + 2, 2);
  return Buffer.concat([head, data]);
}

/** A JPEG's structure: SOI, APP0, a baseline frame of `width` × `height` (3 components), a scan, EOI. */
export function jpegWith(width: number, height: number): Buffer {
  const frame = Buffer.from([8, 0, 0, 0, 0, 3, 1, 0x11, 0, 2, 0x11, 0, 3, 0x11, 0]);
  frame.writeUInt16BE(height, 1);
  frame.writeUInt16BE(width, 3);
  return Buffer.concat([
    Buffer.from([0xff, 0xd8]),
    segment(0xe0, Buffer.from('JFIF\0\x01\x01\0\0\x01\0\x01\0\0', 'latin1')),
    segment(0xc0, frame),
    segment(0xda, Buffer.from([3, 1, 0, 2, 0x11, 3, 0x11, 0, 0x3f, 0])),
    Buffer.from([0x12, 0x34, 0x56, 0xff, 0xd9]),
  ]);
}
