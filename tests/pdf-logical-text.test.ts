// Logical text in every script (issue 22 items 1 and 2): what two independent readers, poppler's
// pdftotext and pdf.js, read back from the PDF is exactly the answer's characters (NFC, whitespace
// normalised only where a line wraps), for one sentence per script, for mixed lines, and for
// random text drawn from these scripts.
import { execFileSync } from 'node:child_process';
import fc from 'fast-check';
import type { Root } from 'mdast';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import { type PdfOptions, renderPdf } from '../src/render/pdf.js';
import { hasPdftotext, pdfjsText, popplerText, readBackNormal } from './helpers/read-back.js';

const parse = (markdown: string): Root => unified().use(remarkParse).parse(markdown);

const OPTIONS: PdfOptions = {
  title: 'Scripts',
  subject: 'Scripts',
  lang: 'en',
  runningHeader: '',
  pageLabel: '',
  paper: 'A4',
  creationDate: new Date('2014-12-01T09:30:00Z'),
};

/** One sentence per script (as tests/pdf-scripts.test.ts), and a font-providing character. */
const SENTENCES: ReadonlyArray<{ script: string; text: string; needs?: string }> = [
  { script: 'Latin with Vietnamese', text: 'Bộ Công an Việt Nam đã thành lập đơn vị chuyên trách.' },
  { script: 'Greek', text: 'Η Ελληνική Αστυνομία ίδρυσε ειδική μονάδα.' },
  { script: 'Cyrillic', text: 'Кіберполіція України створила спеціальний підрозділ.' },
  { script: 'Armenian', text: 'Հայաստանի ոստիկանությունը ստեղծեց հատուկ ստորաբաժանում։' },
  { script: 'Georgian', text: 'საქართველოს შინაგან საქმეთა სამინისტრო' },
  { script: 'Hebrew', text: 'משטרת ישראל הקימה יחידה מיוחדת' },
  { script: 'Arabic', text: 'أنشأت الشرطة وحدة خاصة لحماية الأطفال' },
  { script: 'Devanagari', text: 'राष्ट्रीय अपराध रिकॉर्ड ब्यूरो', needs: 'र' },
  { script: 'Thai', text: 'สำนักงานตำรวจแห่งชาติ', needs: 'ส' },
  { script: 'Khmer', text: 'ក្រសួងមហាផ្ទៃ', needs: 'ក' },
  { script: 'Simplified Chinese', text: '公安部网络安全保卫局', needs: '公' },
  { script: 'Japanese', text: '警察庁サイバー犯罪対策課', needs: 'サ' },
  { script: 'Korean', text: '경찰청 사이버수사국', needs: '경' },
];

/**
 * Lines mixing directions. `exact` names the readers that read them back exactly; the others are
 * known limits (README "Scripts in the PDF"): pdf.js reads a right-to-left paragraph's runs of
 * numbers or Latin as text items of their own and joins them without the spaces around them, and
 * pdftotext's own reordering moves a space (or a bracket) to the other side of a run that changes
 * direction. From those, every other character comes back, in the order written.
 */
const MIXED: ReadonlyArray<{ name: string; text: string; exact: ReadonlyArray<'pdfjs' | 'poppler'> }> = [
  { name: 'Latin words inside Arabic', text: 'تعاونت الشرطة مع INTERPOL و Europol في عام 2014', exact: [] },
  { name: 'numbers inside Hebrew', text: 'היחידה נפתחה בשנת 2014 עם 12 חוקרים', exact: [] },
  {
    name: 'Latin with ligatures (fi, ffi, fl)',
    text: 'The office filed a final, efficient flow.',
    exact: ['pdfjs', 'poppler'],
  },
  { name: 'Hebrew inside English', text: 'The unit is called משטרת ישראל in Hebrew.', exact: ['pdfjs'] },
  { name: 'Arabic inside English', text: 'The ministry (وزارة الداخلية) answered.', exact: ['pdfjs'] },
];

/** The text without whitespace and brackets (what survives a reader's reordering of a mixed line). */
const lettersOf = (text: string) => text.replace(/[\s()]/g, '');

function systemHas(char: string): boolean {
  try {
    const hex = char.codePointAt(0)?.toString(16) ?? '';
    return execFileSync('fc-list', [`:charset=${hex}`, 'file'], { encoding: 'utf8' }).trim() !== '';
  } catch {
    return false;
  }
}

const poppler = hasPdftotext();

async function readBoth(text: string): Promise<{ pdfjs: string; poppler: string | null }> {
  const bytes = await renderPdf(parse(text), OPTIONS);
  return {
    pdfjs: readBackNormal(await pdfjsText(bytes)),
    poppler: poppler ? readBackNormal(popplerText(bytes)) : null,
  };
}

describe('PDF text reads back as written, through pdf.js and pdftotext', () => {
  for (const sentence of SENTENCES) {
    const available = !sentence.needs || systemHas(sentence.needs);
    it.skipIf(!available)(`${sentence.script}${available ? '' : ' (no font on this system)'}`, async () => {
      const read = await readBoth(sentence.text);
      const text = sentence.text.normalize('NFC');
      expect(read).toEqual({ pdfjs: text, poppler: poppler ? text : null });
    });
  }
  for (const line of MIXED) {
    it(`${line.name} (exact: ${line.exact.join(', ') || 'neither reader'})`, async () => {
      const read = await readBoth(line.text);
      for (const reader of ['pdfjs', 'poppler'] as const) {
        const got = read[reader];
        if (got === null) continue;
        if (line.exact.includes(reader)) expect(got, reader).toBe(line.text);
        else expect(lettersOf(got), reader).toBe(lettersOf(line.text));
      }
    });
  }
});

/** The words of the sample sentences (word-like segments), by direction. */
function wordsOf(rtl: boolean): string[] {
  const segmenter = new Intl.Segmenter('und', { granularity: 'word' });
  const rtlScripts = new Set(['Hebrew', 'Arabic']);
  return SENTENCES.filter((s) => rtlScripts.has(s.script) === rtl && (!s.needs || systemHas(s.needs))).flatMap((s) =>
    [...segmenter.segment(s.text)].filter((seg) => seg.isWordLike).map((seg) => seg.segment),
  );
}

describe('PDF text reads back as written: random lines of words from these scripts', () => {
  const ltr = wordsOf(false);
  // Right-to-left words of one script per line (mixed lines are checked above).
  const hebrew = SENTENCES.find((s) => s.script === 'Hebrew')?.text.split(' ') ?? [];
  const arabic = SENTENCES.find((s) => s.script === 'Arabic')?.text.split(' ') ?? [];
  const line = (words: string[]) => fc.array(fc.constantFrom(...words), { minLength: 1, maxLength: 5 });
  it('left-to-right scripts, mixed in a line', async () => {
    await fc.assert(
      fc.asyncProperty(line(ltr), async (words) => {
        const text = words.join(' ');
        expect(await readBoth(text)).toEqual({ pdfjs: text, poppler: poppler ? text : null });
      }),
      { numRuns: 25, seed: 22 },
    );
  });
  it('Hebrew and Arabic', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(line(hebrew), line(arabic)), async (words) => {
        const text = words.join(' ');
        expect(await readBoth(text)).toEqual({ pdfjs: text, poppler: poppler ? text : null });
      }),
      { numRuns: 20, seed: 22 },
    );
  });
});
