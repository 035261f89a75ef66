// One side of `npm run bench -- --fonts` (scripts/bench-fonts.mjs bundles this file with esbuild,
// so that it can import the renderer's TypeScript): the font work of one report, done by the
// in-house engine (engine `house`: sfnt.ts, shaping.ts with gpos-kern.ts, subset.ts) or by fontkit
// (engine `fontkit`: fontkit.create, Font#layout, Font#createSubset), on the faces of the default
// theme (Noto Serif body, Noto Sans headings) and the text of the 2014 form and Kosovo's answers.
//
//   node task.js cold house|fontkit TEXTFILE         one report in this fresh process
//   node task.js warm house|fontkit TEXTFILE RUNS    RUNS reports after three, faces already open
//
// Prints JSON: { ms } for cold (module loading included), { ms: [...] } per report for warm.
import { readFileSync } from 'node:fs';

const started = performance.now();
const [mode, engine, textFile, runsText] = process.argv.slice(2);
const text = readFileSync(textFile, 'utf8');
// Chunks as PDFKit shapes them: the text cut after every space (see shaping.ts, widthInChunks).
const chunks = text.split(/(?<=\s)/u).filter((chunk) => chunk.trim() !== '');
const FACES = ['notoSerif', 'notoSerifBold', 'notoSerifItalic', 'notoSans', 'notoSansBold'];

/** The engine's faces: open them, then lay out and subset a report's text with each. */
async function engineFor(name) {
  const { fontBytes, formsFLigatures } = await import('../src/render/pdf/fonts.ts');
  if (name === 'house') {
    const { readSfnt } = await import('../src/render/pdf/sfnt.ts');
    const { FaceShaper } = await import('../src/render/pdf/shaping.ts');
    const { TrueTypeSubset } = await import('../src/render/pdf/subset.ts');
    const open = () =>
      FACES.map((key) => {
        const font = readSfnt(fontBytes(key), key);
        return { font, shaper: new FaceShaper(font, { fLigatures: formsFLigatures(key) }) };
      });
    const report = (faces) => {
      for (const { font, shaper } of faces) {
        const subset = new TrueTypeSubset(font);
        for (const chunk of chunks) {
          shaper.width(chunk); // line breaking measures,
          for (const glyph of shaper.shape(chunk).glyphs) subset.includeGlyph(glyph.id); // PDFKit draws
        }
        subset.encode();
      }
    };
    return { open, report };
  }
  const fontkit = await import('fontkit');
  const open = () => FACES.map((key) => ({ font: fontkit.create(Buffer.from(fontBytes(key))), widths: new Map() }));
  const report = (faces) => {
    for (const { font, widths } of faces) {
      const subset = font.createSubset();
      for (const chunk of chunks) {
        // Widths cached per face for the process, as the in-house shaper and shaper.ts keep them.
        if (!widths.has(chunk)) widths.set(chunk, font.layout(chunk).advanceWidth);
        for (const glyph of font.layout(chunk).glyphs) subset.includeGlyph(glyph.id);
      }
      subset.encode();
    }
  };
  return { open, report };
}

const { open, report } = await engineFor(engine);
if (mode === 'cold') {
  report(open());
  process.stdout.write(JSON.stringify({ ms: performance.now() - started }));
} else {
  const faces = open();
  for (let i = 0; i < 3; i++) report(faces);
  const ms = [];
  for (let i = 0; i < Number(runsText ?? 7); i++) {
    const t = performance.now();
    report(faces);
    ms.push(performance.now() - t);
  }
  process.stdout.write(JSON.stringify({ ms }));
}
