// Why a line that mixes directions cannot read back without direction marks (issue 22; README
// "Scripts in the PDF"): hand-made PDFs (pdfkit, DejaVu) that draw such lines every reasonable way,
// read back with pdftotext and pdf.js. What gareport draws is checked in tests/pdf-logical-text.test.ts.
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import { hasPdftotext, pdfjsText, popplerText, readBackNormal } from './helpers/read-back.js';

const require = createRequire(import.meta.url);
const SANS = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf');
const SERIF = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSerif.ttf');

/** A run of one direction; a word space is a run of its own. */
interface Run {
  readonly text: string;
  readonly level: number;
}
interface Line {
  readonly name: string;
  /** Runs in logical order, with their bidi levels (as the Unicode Bidirectional Algorithm gives them). */
  readonly runs: readonly Run[];
}

const r = (text: string, level: number): Run => ({ text, level });
const LINES: readonly Line[] = [
  { name: 'a number inside Hebrew', runs: [r('בשנת', 1), r(' ', 1), r('2014', 2), r(' ', 1), r('עם', 1)] },
  {
    name: 'Hebrew inside English',
    runs: [r('The unit called', 0), r(' ', 0), r('משטרת', 1), r(' ', 1), r('ישראל', 1), r(' ', 0), r('in Hebrew', 0)],
  },
  {
    name: 'Arabic in brackets',
    runs: [r('The', 0), r(' ', 0), r('(', 0), r('وزارة', 1), r(')', 0), r(' answered', 0)],
  },
];

/** Runs in display order (rule L2). */
function visual(line: Line): Run[] {
  const runs = [...line.runs];
  for (let level = Math.max(...runs.map((run) => run.level)); level >= 1; level--) {
    for (let i = 0; i < runs.length; ) {
      let j = i;
      while (j < runs.length && (runs[j] as Run).level >= level) j++;
      if (j > i) runs.splice(i, j - i, ...runs.slice(i, j).reverse());
      i = j + 1;
    }
  }
  return runs;
}

const logical = (line: Line) => line.runs.map((run) => run.text).join('');
const isSpace = (run: Run) => run.text === ' ';

type Draw = (doc: PDFKit.PDFDocument, line: Line, show: (run: Run) => void) => void;
const actual = (doc: PDFKit.PDFDocument, text: string, draw: () => void) => {
  doc.markContent('Span', { actual: text } as PDFKit.Mixins.MarkingOptions);
  draw();
  doc.endMarkedContent();
};
/** Every way of drawing the line tried (each glyph always where the display puts it). */
const ENCODINGS: Record<string, Draw> = {
  'runs in logical order, spaces as glyphs': (_, line, show) => line.runs.forEach(show),
  'runs in logical order, spaces as gaps': (_, line, show) => line.runs.filter((run) => !isSpace(run)).forEach(show),
  'one text object in visual order, spaces as glyphs': (_, line, show) => visual(line).forEach(show),
  'ActualText over the line (logical order)': (doc, line, show) =>
    actual(doc, logical(line), () => visual(line).forEach(show)),
  'ActualText over the line (reversed)': (doc, line, show) =>
    actual(doc, [...logical(line)].reverse().join(''), () => visual(line).forEach(show)),
  'ActualText over each run': (doc, line, show) => {
    for (const run of line.runs) actual(doc, run.text, () => show(run));
  },
};

/** The line drawn by `encoding`; with `twoFonts`, left-to-right runs in another font than the rest. */
async function pdfOf(line: Line, encoding: Draw, twoFonts: boolean): Promise<Uint8Array> {
  const doc = new PDFDocument({ size: 'A4', margin: 0, compress: false });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise((resolve) => doc.on('end', resolve));
  const font = (run: Run) => doc.font(twoFonts && run.level % 2 === 0 && !isSpace(run) ? SERIF : SANS).fontSize(12);
  const xs = new Map<Run, number>();
  let x = 72;
  for (const run of visual(line)) {
    xs.set(run, x);
    x += font(run).widthOfString(run.text);
  }
  encoding(doc, line, (run) => font(run).text(run.text, xs.get(run) ?? 0, 100, { lineBreak: false }));
  doc.end();
  await done;
  return new Uint8Array(Buffer.concat(chunks));
}

describe.skipIf(!hasPdftotext())('a line mixing directions, drawn every reasonable way, read back', () => {
  it('pdftotext never reads it as written: its reordering depends only on where glyphs are', async () => {
    for (const line of LINES) {
      const reads = new Map<string, string>();
      // One font: pdftotext places glyphs by position whatever their font.
      for (const [name, encoding] of Object.entries(ENCODINGS)) {
        reads.set(name, readBackNormal(popplerText(await pdfOf(line, encoding, false))));
      }
      const exact = [...reads].filter(([, text]) => text === logical(line)).map(([name]) => name);
      expect(exact, line.name).toEqual([]);
      // Without ActualText, every drawing reads the same (wrong) way.
      const plain = new Set([...reads].filter(([name]) => !name.startsWith('ActualText')).map(([, text]) => text));
      expect(plain.size, line.name).toBe(1);
    }
  });

  it('pdf.js reads a right-to-left paragraph with a number as written only as one text object in one font', async () => {
    const line = LINES[0] as Line;
    const exact: string[] = [];
    for (const [name, encoding] of Object.entries(ENCODINGS)) {
      for (const twoFonts of [false, true]) {
        const text = readBackNormal(await pdfjsText(await pdfOf(line, encoding, twoFonts)));
        if (text === logical(line)) exact.push(`${name}${twoFonts ? ', two fonts' : ''}`);
      }
    }
    // pdf.js ignores ActualText; it joins a line's glyphs into one text item (reordered as a
    // whole) only while the font stays the same and each glyph follows the one before it.
    expect(exact).toEqual([
      'one text object in visual order, spaces as glyphs',
      'ActualText over the line (logical order)',
      'ActualText over the line (reversed)',
    ]);
  });
});
