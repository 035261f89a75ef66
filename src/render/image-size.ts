/**
 * The pixel size of a PNG or JPEG logo, read from its header (PNG's IHDR chunk, JPEG's start-of-frame
 * marker), for formats that must give an image's size themselves (Word). Undefined when the bytes
 * do not say (a damaged file): the caller leaves the image out.
 */
export interface ImageSize {
  width: number;
  height: number;
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function pngSize(bytes: Uint8Array, view: DataView): ImageSize | undefined {
  if (bytes.length < 24 || PNG_SIGNATURE.some((b, i) => bytes[i] !== b)) return undefined;
  // The first chunk is IHDR: length (4), type (4), then width and height (4 each, big-endian).
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

/** Start-of-frame markers that carry the size: SOF0–SOF15 except DHT (C4), JPG (C8) and DAC (CC). */
const isFrameMarker = (marker: number) =>
  marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;

function jpegSize(bytes: Uint8Array, view: DataView): ImageSize | undefined {
  if (bytes[0] !== 0xff || bytes[1] !== 0xd8) return undefined;
  let at = 2;
  while (at + 9 < bytes.length) {
    if (bytes[at] !== 0xff) return undefined;
    const marker = bytes[at + 1] ?? 0;
    if (marker === 0xff) {
      at++; // fill byte
      continue;
    }
    const length = view.getUint16(at + 2);
    if (isFrameMarker(marker)) return { height: view.getUint16(at + 5), width: view.getUint16(at + 7) };
    at += 2 + length;
  }
  return undefined;
}

export function imageSize(bytes: Uint8Array, type: 'png' | 'jpeg'): ImageSize | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const size = type === 'png' ? pngSize(bytes, view) : jpegSize(bytes, view);
  return size && size.width > 0 && size.height > 0 ? size : undefined;
}
