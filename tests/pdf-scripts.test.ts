// Every script in the PDF (issue 10): one sentence per script, rendered and read back with pdfjs.
// The built-in DejaVu faces cover Latin (Vietnamese too), Greek, Cyrillic, Armenian, Georgian,
// Hebrew and Arabic; the others need a system font (`.ci/run` installs fonts-noto-core,
// fonts-noto-cjk and fonts-tlwg-loma). A sentence whose font is missing here is skipped, and the
// test name says which Debian package to install.
import { execFileSync } from 'node:child_process';
import type { Root } from 'mdast';
import { getDocument, OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import { missingCharacters, type PdfOptions, renderPdf } from '../src/render/pdf.js';
import { type PdfReadResult, type PdfTextItem, readPdf, squash } from './helpers/pdf-reader.js';

const parse = (markdown: string): Root => unified().use(remarkParse).parse(markdown);

const OPTIONS: PdfOptions = {
  title: 'Scripts',
  subject: 'Scripts',
  lang: 'en',
  runningHeader: 'Scripts',
  paper: 'A4',
  creationDate: new Date('2014-12-01T09:30:00Z'),
};

interface Sentence {
  script: string;
  text: string;
  rtl?: boolean;
  /** A character to ask fontconfig about, and the Debian package that provides a font for it. */
  needs?: { char: string; debian: string };
}

const SENTENCES: Sentence[] = [
  { script: 'Latin with Vietnamese', text: 'Bộ Công an Việt Nam đã thành lập đơn vị chuyên trách.' },
  { script: 'Greek', text: 'Η Ελληνική Αστυνομία ίδρυσε ειδική μονάδα.' },
  { script: 'Cyrillic', text: 'Кіберполіція України створила спеціальний підрозділ.' },
  { script: 'Armenian', text: 'Հայաստանի ոստիկանությունը ստեղծեց հատուկ ստորաբաժանում։' },
  { script: 'Georgian', text: 'საქართველოს შინაგან საქმეთა სამინისტრო' },
  { script: 'Hebrew', text: 'משטרת ישראל הקימה יחידה מיוחדת', rtl: true },
  { script: 'Arabic', text: 'أنشأت الشرطة وحدة خاصة لحماية الأطفال', rtl: true },
  {
    script: 'Devanagari',
    text: 'राष्ट्रीय अपराध रिकॉर्ड ब्यूरो',
    needs: { char: 'र', debian: 'fonts-noto-core' },
  },
  { script: 'Thai', text: 'สำนักงานตำรวจแห่งชาติ', needs: { char: 'ส', debian: 'fonts-tlwg-loma' } },
  { script: 'Khmer', text: 'ក្រសួងមហាផ្ទៃ', needs: { char: 'ក', debian: 'fonts-noto-core' } },
  { script: 'Simplified Chinese', text: '公安部网络安全保卫局', needs: { char: '公', debian: 'fonts-noto-cjk' } },
  { script: 'Japanese', text: '警察庁サイバー犯罪対策課', needs: { char: 'サ', debian: 'fonts-noto-cjk' } },
  { script: 'Korean', text: '경찰청 사이버수사국', needs: { char: '경', debian: 'fonts-noto-cjk' } },
];

/** Whether the system has a font with `char` (fontconfig), so the sentence can be checked here. */
function systemHas(char: string): boolean {
  try {
    const hex = char.codePointAt(0)?.toString(16) ?? '';
    return execFileSync('fc-list', [`:charset=${hex}`, 'file'], { encoding: 'utf8' }).trim() !== '';
  } catch {
    return false;
  }
}

/** Glyph ids drawn on every page (from the content streams' showText operators). */
async function drawnGlyphIds(bytes: Uint8Array): Promise<number[]> {
  const doc = await getDocument({ data: bytes.slice(), useSystemFonts: false, disableFontFace: true }).promise;
  const ids: number[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const ops = await (await doc.getPage(n)).getOperatorList();
    ops.fnArray.forEach((fn, i) => {
      if (fn !== OPS.showText) return;
      for (const glyph of ops.argsArray[i]?.[0] ?? []) {
        if (glyph && typeof glyph === 'object' && 'fontChar' in glyph) ids.push(Number(glyph.originalCharCode ?? -1));
      }
    });
  }
  await doc.destroy();
  return ids;
}

/**
 * Each word is placed left of the one before it: in a text item further left, or in the same item
 * (a right-to-left run drawn as one, issue 22) that pdf.js read right to left.
 */
function expectRightToLeft(items: readonly PdfTextItem[], words: readonly string[]): void {
  const itemOf = (word: string) => items.find((item) => item.str.includes(word));
  for (let i = 1; i < words.length; i++) {
    const before = itemOf(words[i - 1] ?? '');
    const after = itemOf(words[i] ?? '');
    const name = `${words[i - 1]} right of ${words[i]}`;
    if (before && before === after) {
      expect(before.dir, name).toBe('rtl');
      expect(before.str.indexOf(words[i - 1] ?? ''), name).toBeLessThan(before.str.indexOf(words[i] ?? ''));
    } else expect(before?.x ?? Number.NaN, name).toBeGreaterThan(after?.x ?? Number.NaN);
  }
}

describe('renderPdf: one sentence per script', () => {
  for (const sentence of SENTENCES) {
    const available = !sentence.needs || systemHas(sentence.needs.char);
    const name = available
      ? `${sentence.script}: text reads back as written, no .notdef glyph, words in order`
      : `${sentence.script}: SKIPPED, no font on this system (install ${sentence.needs?.debian})`;
    it.skipIf(!available)(name, async () => {
      const bytes = await renderPdf(parse(`# ${sentence.script}\n\n${sentence.text}`), OPTIONS);
      const pdf: PdfReadResult = await readPdf(bytes);
      const body = pdf.pageDetails[0]?.items.filter((item) => !item.artifact && item.tag !== 'H1') ?? [];
      // Compared in NFKC: Thai SARA AM is drawn as NIKHAHIT and SARA AA, and reads back as them.
      const read = squash(body.map((item) => item.str).join(' ')).normalize('NFKC');
      const expected = sentence.text.normalize('NFKC');
      expect(read.replace(/\s/g, '')).toBe(expected.replace(/\s/g, ''));
      // Glyph 0 is .notdef (a box); the subset's CIDs are the glyph ids, 0 only for .notdef.
      expect(await drawnGlyphIds(bytes)).not.toContain(0);
      expect(await missingCharacters(sentence.text, {})).toEqual([]);
      if (sentence.rtl) {
        // Set from the right margin (64 pt).
        const right = Math.max(...body.map((item) => item.x + item.width));
        expect(right).toBeGreaterThan((pdf.pageDetails[0]?.width ?? 0) - 64 - 1);
        // The first word as written is the rightmost one on the line.
        expectRightToLeft(body, sentence.text.split(' '));
      }
    });
  }
});

describe('renderPdf: right-to-left text with numbers and Latin inside', () => {
  it('keeps the logical text and places the runs right to left, each number and Latin word left to right', async () => {
    const text = 'היחידה נפתחה בשנת 2014 עם INTERPOL';
    const pdf = await readPdf(await renderPdf(parse(text), OPTIONS));
    const body = pdf.pageDetails[0]?.items.filter((item) => !item.artifact && item.str.trim()) ?? [];
    // Without the invisible direction marks drawn where the direction changes (issue 22).
    expect(squash(body.map((item) => item.str.replace(/[\u200e\u200f]/g, '')).join(' '))).toBe(text);
    expectRightToLeft(body, text.split(' '));
  });
});

describe('renderPdf: fallback fonts and reproducible bytes', () => {
  const cjk = SENTENCES.filter((s) => s.needs && systemHas(s.needs.char));
  it.skipIf(cjk.length === 0)(
    'gives the same bytes for the same text and fonts, whatever was rendered before',
    async () => {
      const markdown = [...cjk, ...SENTENCES.filter((s) => s.rtl)].map((s) => s.text).join('\n\n');
      const first = await renderPdf(parse(markdown), OPTIONS);
      await renderPdf(parse('公安部 and ตำรวจ in another order'), OPTIONS);
      const second = await renderPdf(parse(markdown), OPTIONS);
      expect(Buffer.from(second).equals(Buffer.from(first))).toBe(true);
    },
  );
});
