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

const RLM = '\u200f';
const LRM = '\u200e';

/**
 * Lines mixing directions, and what each reader gets: the text as written, with an invisible
 * direction mark where a run of the other direction meets the paragraph's (README "Scripts in
 * the PDF"): pdftotext gets a mark of the paragraph's direction after each such run (without it,
 * its own reordering moves the space or bracket beside the run to the other side), pdf.js a
 * right-to-left mark before the space that precedes numbers or Latin words in a right-to-left
 * paragraph (without it, that space is lost). `tests/pdf-bidi-readers.test.ts` shows that no
 * drawing of such a line reads back without marks through pdftotext, nor through pdf.js when the
 * runs are set in different fonts.
 */
const MIXED: ReadonlyArray<{ name: string; text: string; pdfjs: string; poppler: string }> = [
  {
    name: 'Latin words inside Arabic',
    text: 'تعاونت الشرطة مع INTERPOL و Europol في عام 2014',
    pdfjs: `تعاونت الشرطة مع ${RLM}INTERPOL و ${RLM}Europol في عام ${RLM}2014`,
    poppler: `تعاونت الشرطة مع ${RLM}INTERPOL${RLM} و ${RLM}Europol${RLM} في عام ${RLM}2014`,
  },
  {
    name: 'numbers inside Hebrew',
    text: 'היחידה נפתחה בשנת 2014 עם 12 חוקרים',
    pdfjs: `היחידה נפתחה בשנת ${RLM}2014 עם ${RLM}12 חוקרים`,
    poppler: `היחידה נפתחה בשנת ${RLM}2014${RLM} עם ${RLM}12${RLM} חוקרים`,
  },
  {
    // Two runs of the body font after a mark: the mark's glyph (the space's) must not take the
    // space's own character id, or the second run's space reads as the mark and has no width.
    name: 'two Latin runs with spaces inside Hebrew',
    text: 'משטרת ישראל הקימה INTERPOL ו unit two בשנת',
    pdfjs: `משטרת ישראל הקימה ${RLM}INTERPOL ו ${RLM}unit two בשנת`,
    poppler: `משטרת ישראל הקימה ${RLM}INTERPOL${RLM} ו ${RLM}unit two${RLM} בשנת`,
  },
  {
    name: 'Latin with ligatures (fi, ffi, fl)',
    text: 'The office filed a final, efficient flow.',
    pdfjs: 'The office filed a final, efficient flow.',
    poppler: 'The office filed a final, efficient flow.',
  },
  {
    name: 'Hebrew inside English',
    text: 'The unit is called משטרת ישראל in Hebrew.',
    pdfjs: 'The unit is called משטרת ישראל in Hebrew.',
    poppler: `The unit is called משטרת ישראל${LRM} in Hebrew.`,
  },
  {
    name: 'Arabic inside English',
    text: 'The ministry (وزارة الداخلية) answered.',
    pdfjs: 'The ministry (وزارة الداخلية) answered.',
    poppler: `The ministry (وزارة الداخلية${LRM}) answered.`,
  },
];

/** The text without direction marks. */
const withoutMarks = (text: string) => text.replace(/[\u200e\u200f]/g, '');

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
    it(line.name, async () => {
      const read = await readBoth(line.text);
      expect(read).toEqual({ pdfjs: line.pdfjs, poppler: poppler ? line.poppler : null });
      expect(withoutMarks(line.pdfjs)).toBe(line.text);
      expect(withoutMarks(line.poppler)).toBe(line.text);
    });
  }
});

/**
 * Whether pdftotext takes the page (one paragraph here) in the paragraph's direction: poppler
 * decides one direction per page, left to right unless it holds more right-to-left letters than
 * left-to-right ones (digits count for neither), while the paragraph's is that of its first letter.
 * Where they disagree, pdftotext reads the paragraph's runs in display order (README).
 */
function popplerDirectionAgrees(text: string): boolean {
  const rtlLetters = text.match(/[\p{Script=Hebrew}\p{Script=Arabic}]/gu)?.length ?? 0;
  const ltrLetters = (text.match(/\p{L}/gu)?.length ?? 0) - rtlLetters;
  const paragraphRtl = /^\P{L}*[\p{Script=Hebrew}\p{Script=Arabic}]/u.test(text);
  return paragraphRtl === rtlLetters > ltrLetters;
}

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
  it('numbers and Latin words inside Hebrew or Arabic, and these inside English (up to marks)', async () => {
    const latin = ['2014', '12', 'INTERPOL', 'Europol', 'unit', 'the'];
    const rtlLine = fc.tuple(fc.constantFrom(hebrew, arabic), fc.array(fc.constantFrom(...latin), { maxLength: 3 }));
    const mixed = rtlLine.chain(([rtlWords, others]) =>
      fc
        .shuffledSubarray([...rtlWords.slice(0, 4), ...others], { minLength: 2 })
        .filter((w) => w.some((word) => rtlWords.includes(word))),
    );
    const english = fc
      .tuple(fc.constantFrom(hebrew, arabic), fc.integer({ min: 1, max: 3 }))
      .map(([words, n]) => ['The', 'unit', ...words.slice(0, n), 'answered']);
    await fc.assert(
      fc.asyncProperty(fc.oneof(mixed, english), async (words) => {
        const text = words.join(' ');
        const read = await readBoth(text);
        expect(withoutMarks(read.pdfjs)).toBe(text);
        if (read.poppler !== null && popplerDirectionAgrees(text)) expect(withoutMarks(read.poppler)).toBe(text);
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
