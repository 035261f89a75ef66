// fontkit decodes WOFF2 fonts with brotli, whose dictionary costs ~35 ms to load. gareport
// embeds TrueType fonts only, so the bundle gets this stand-in instead.
export default function decompress() {
  throw new Error('WOFF2 fonts are not supported by gareport; use a TrueType (.ttf) font');
}
