/**
 * Whether a PNG or JPEG logo is what the PDF, Word and HTML reports can embed, checked in full before
 * anything decodes it (issue 20, items 3 and 13): the size from the header first (a logo that
 * unpacks to gigabytes is refused on its 30 header bytes), then for a PNG every chunk and its CRC,
 * and its image data inflated with the exact size the header implies as the cap, each row's filter
 * checked; for a JPEG every segment up to the scan, the frame's size, precision and components.
 */

/**
 * A logo needs no more: 4000 pixels a side is 13 inches at 300 dpi; 2 MiB is what the HTML inlines;
 * 64 MiB unpacked holds 4000 × 4000 RGBA at 8 bits (PDFKit then splits the alpha channel, so a
 * build peaks near 360 MB with such a logo; 16 bits a sample would double it).
 */
export const LOGO_LIMITS = { side: 4000, bytes: 2 * 1024 * 1024, unpacked: 64 * 1024 * 1024 } as const;

export interface LogoProblem {
  /** Follows the file's name: "is damaged: …". */
  message: string;
  hint?: string;
}

const damaged = (detail: string): LogoProblem => ({
  message: `is damaged: ${detail}`,
  hint: 'open it in an image editor and save it again as PNG or JPEG',
});

/** Width and height against the limits; undefined when they are fine. */
function sizeProblem(width: number, height: number): LogoProblem | undefined {
  if (width === 0 || height === 0) return damaged(`it says it is ${width} × ${height} pixels`);
  if (width <= LOGO_LIMITS.side && height <= LOGO_LIMITS.side) return undefined;
  return {
    message: `is ${width} × ${height} pixels: a logo may have at most ${LOGO_LIMITS.side} × ${LOGO_LIMITS.side}`,
    hint: 'scale it down: 600 pixels wide is plenty for the cover',
  };
}

interface PngHeader {
  width: number;
  height: number;
  bitDepth: number;
  colorType: number;
  interlace: number;
}

/** Samples per pixel, and the bit depths allowed, of each PNG colour type. */
const COLOR_TYPES: Record<number, { samples: number; depths: number[] }> = {
  0: { samples: 1, depths: [1, 2, 4, 8, 16] },
  2: { samples: 3, depths: [8, 16] },
  3: { samples: 1, depths: [1, 2, 4, 8] },
  4: { samples: 2, depths: [8, 16] },
  6: { samples: 4, depths: [8, 16] },
};

/** The chunks of a PNG, each checked against the file's end and its CRC. */
function pngChunks(bytes: Buffer): { type: string; data: Buffer }[] | LogoProblem {
  const chunks: { type: string; data: Buffer }[] = [];
  let at = 8;
  while (at < bytes.length) {
    if (at + 12 > bytes.length) return damaged('the file is cut short');
    const length = bytes.readUInt32BE(at);
    const type = bytes.toString('latin1', at + 4, at + 8);
    if (!/^[A-Za-z]{4}$/.test(type)) return damaged(`a chunk at byte ${at} has no valid type`);
    if (length > bytes.length - at - 12) return damaged('the file is cut short');
    const data = bytes.subarray(at + 8, at + 8 + length);
    if (zlib().crc32(bytes.subarray(at + 4, at + 8 + length)) !== bytes.readUInt32BE(at + 8 + length)) {
      return damaged(`the ${type} chunk at byte ${at} fails its checksum`);
    }
    chunks.push({ type, data });
    at += 12 + length;
    if (type === 'IEND') return chunks;
  }
  return damaged('the file is cut short (no IEND chunk)');
}

function pngHeader(chunk: { type: string; data: Buffer } | undefined): PngHeader | LogoProblem {
  if (chunk?.type !== 'IHDR' || chunk.data.length !== 13) return damaged('it does not start with an IHDR chunk');
  const d = chunk.data;
  const header = { width: d.readUInt32BE(0), height: d.readUInt32BE(4), bitDepth: d[8] ?? 0, colorType: d[9] ?? 0 };
  const kind = COLOR_TYPES[header.colorType];
  if (!kind?.depths.includes(header.bitDepth)) {
    return damaged(`colour type ${header.colorType} with ${header.bitDepth} bits is not a PNG format`);
  }
  if (d[10] !== 0 || d[11] !== 0 || (d[12] !== 0 && d[12] !== 1)) return damaged('its header is not valid');
  return { ...header, interlace: d[12] ?? 0 };
}

/** Rows of the image data: [rows, bytes per row with its filter byte], one entry per Adam7 pass when interlaced. */
function pngRows(h: PngHeader): [number, number][] {
  const bitsPerPixel = (COLOR_TYPES[h.colorType]?.samples ?? 1) * h.bitDepth;
  const rowBytes = (width: number) => 1 + Math.ceil((width * bitsPerPixel) / 8);
  if (h.interlace === 0) return [[h.height, rowBytes(h.width)]];
  const passes = [
    [0, 0, 8, 8],
    [4, 0, 8, 8],
    [0, 4, 4, 8],
    [2, 0, 4, 4],
    [0, 2, 2, 4],
    [1, 0, 2, 2],
    [0, 1, 1, 2],
  ];
  return passes
    .map(([x0 = 0, y0 = 0, dx = 1, dy = 1]): [number, number] => [
      Math.max(0, Math.ceil((h.height - y0) / dy)),
      Math.max(0, Math.ceil((h.width - x0) / dx)),
    ])
    .filter(([rows, width]) => rows > 0 && width > 0)
    .map(([rows, width]) => [rows, rowBytes(width)]);
}

/** Inflates the image data with the size the header implies as its cap, and checks each row's filter byte. */
function pngData(h: PngHeader, compressed: Buffer): LogoProblem | undefined {
  const rows = pngRows(h);
  const expected = rows.reduce((sum, [count, bytes]) => sum + count * bytes, 0);
  if (expected > LOGO_LIMITS.unpacked) {
    const mib = (n: number) => Math.round(n / 1024 / 1024);
    return {
      message: `unpacks to ${mib(expected)} MiB (${h.width} × ${h.height} pixels, ${h.bitDepth} bits a sample): a logo may unpack to at most ${mib(LOGO_LIMITS.unpacked)} MiB`,
      hint: 'scale it down, or save it with 8 bits a sample',
    };
  }
  let raw: Buffer;
  try {
    raw = zlib().inflateSync(compressed, { maxOutputLength: expected + 1 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') return tooMuchData(h);
    return damaged(`its image data cannot be unpacked (${(error as Error).message})`);
  }
  if (raw.length > expected) return tooMuchData(h);
  if (raw.length < expected) return damaged('its image data ends before the last row');
  let at = 0;
  for (const [count, bytes] of rows) {
    for (let row = 0; row < count; row++, at += bytes) {
      if ((raw[at] ?? 0) > 4) return damaged(`row ${row + 1} has an unknown filter (${raw[at]})`);
    }
  }
  return undefined;
}

const tooMuchData = (h: PngHeader): LogoProblem => ({
  message: `holds more image data than its ${h.width} × ${h.height} pixels need: refused before unpacking it all`,
  hint: 'open it in an image editor and save it again as PNG or JPEG',
});

function checkPng(bytes: Buffer): LogoProblem | undefined {
  const chunks = pngChunks(bytes);
  if (!Array.isArray(chunks)) return chunks;
  const header = pngHeader(chunks[0]);
  if ('message' in header) return header;
  const size = sizeProblem(header.width, header.height);
  if (size) return size;
  if (header.colorType === 3 && !chunks.some((c) => c.type === 'PLTE')) return damaged('it has no palette');
  const data = chunks.filter((c) => c.type === 'IDAT').map((c) => c.data);
  if (data.length === 0) return damaged('it has no image data');
  return pngData(header, Buffer.concat(data));
}

/** Frames a PDF reader, a browser and Word all draw: baseline, extended and progressive Huffman. */
const DRAWN_FRAMES = new Set([0xc0, 0xc1, 0xc2]);
/** The other start-of-frame markers (lossless, hierarchical, arithmetic-coded), and DAC (CC). */
const OTHER_FRAMES = new Set([0xc3, 0xc5, 0xc6, 0xc7, 0xc8, 0xc9, 0xca, 0xcb, 0xcc, 0xcd, 0xce, 0xcf]);

function jpegFrame(segment: Buffer): LogoProblem | undefined {
  if (segment.length < 6) return damaged('its frame header is cut short');
  const [bits, components] = [segment[0] ?? 0, segment[5] ?? 0];
  const size = sizeProblem(segment.readUInt16BE(3), segment.readUInt16BE(1));
  if (size) return size;
  if (bits !== 8) return damaged(`it has ${bits} bits per sample (a PDF draws 8)`);
  if (![1, 3, 4].includes(components) || segment.length < 6 + 3 * components) {
    return damaged(`its frame has ${components} colour components (1, 3 or 4 are drawn)`);
  }
  return undefined;
}

/** Walks the segments from SOI to the scan: each inside the file, one frame, then a scan and an end. */
function checkJpeg(bytes: Buffer): LogoProblem | undefined {
  let at = 2;
  let framed = false;
  while (at < bytes.length) {
    if (bytes[at] !== 0xff) return damaged(`byte ${at} is not the start of a segment`);
    const marker = bytes[at + 1] ?? 0;
    if (marker === 0xff) {
      at++;
      continue;
    }
    if ((marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      at += 2;
      continue;
    }
    if (marker === 0xd8 || marker === 0xd9 || marker === 0x00) return damaged(`an unexpected marker at byte ${at}`);
    if (at + 4 > bytes.length) return damaged('the file is cut short');
    const length = bytes.readUInt16BE(at + 2);
    if (length < 2 || at + 2 + length > bytes.length) return damaged('the file is cut short');
    const segment = bytes.subarray(at + 4, at + 2 + length);
    if (OTHER_FRAMES.has(marker)) {
      return damaged('it is a lossless, hierarchical or arithmetic-coded JPEG, which not every reader draws');
    }
    if (DRAWN_FRAMES.has(marker)) {
      if (framed) return damaged('it has two frames');
      const problem = jpegFrame(segment);
      if (problem) return problem;
      framed = true;
    }
    if (marker === 0xda) {
      if (!framed) return damaged('its scan comes before its frame header');
      const end = bytes.lastIndexOf(Buffer.from([0xff, 0xd9]));
      return end < at + 2 + length ? damaged('the file is cut short (no end marker after the scan)') : undefined;
    }
    at += 2 + length;
  }
  return damaged(framed ? 'it has no image data (no scan)' : 'it has no frame header');
}

/** What is wrong with a PNG or JPEG logo's bytes (already sniffed as that type), or undefined. */
export function checkRasterLogo(bytes: Buffer, type: 'png' | 'jpeg'): LogoProblem | undefined {
  return type === 'png' ? checkPng(bytes) : checkJpeg(bytes);
}

/** zlib, loaded when a PNG logo is checked rather than by every command that reads a country. */
const zlib = () => process.getBuiltinModule('node:zlib');
