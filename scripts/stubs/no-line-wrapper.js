// PDFKit's own line wrapper (LineWrapper) breaks lines with the linebreak package, whose module
// decodes its Unicode line-breaking data on load. gareport lays out every line itself and draws
// text with `lineBreak: false`, so LineWrapper never runs; the bundle gets this stand-in.
export default class LineBreaker {
  constructor() {
    throw new Error('gareport bundles no line breaker for PDFKit: draw text with { lineBreak: false }');
  }
}
