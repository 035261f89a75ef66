import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Root } from 'mdast';
import PDFDocument from 'pdfkit';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { FONT_KEYS, type FontKey, fontBytes, formsFLigatures } from '../src/render/pdf/fonts.js';
import { DocMeasurer } from '../src/render/pdf/measure.js';
import { type Doc, hasFastTextPath, pdfkitFont } from '../src/render/pdf/pdfkit-internals.js';
import { readSfnt, type SfntFont } from '../src/render/pdf/sfnt.js';
import { FaceShaper } from '../src/render/pdf/shaping.js';
import { TrueTypeSubset } from '../src/render/pdf/subset.js';
import {
  HARD_BREAK,
  type Inline,
  type Line,
  layoutText,
  type Measurer,
  type TextStyle,
} from '../src/render/pdf/text.js';
import { type PdfOptions, renderPdf } from '../src/render/pdf.js';
import { repoRoot } from './helpers/cli.js';
import { findStructNodes, type PdfReadResult, readPdf, squash } from './helpers/pdf-reader.js';
import { readSeed } from './helpers/words.js';

const parse = (markdown: string): Root => unified().use(remarkParse).use(remarkGfm).parse(markdown);

const fixture = (name: string) => readFileSync(new URL(`./fixtures/pdf/${name}`, import.meta.url), 'utf8');

const OPTIONS: PdfOptions = {
  title: 'Kosovo — 2014 progress report',
  subject: 'Global Alliance Against Child Sexual Abuse Online: 2014 progress report',
  author: 'Kosovo',
  keywords: 'Global Alliance, 2014, Kosovo',
  lang: 'en',
  runningHeader: 'Kosovo — 2014 progress report',
  paper: 'A4',
  creationDate: new Date('2014-12-01T09:30:00Z'),
};

const UNICODE_NAMES = ['Fushë Kosova', 'Türkiye', 'România', 'Ελλάδα', 'Україна'];

/** Asserts that the strings occur in `text` in this order. */
function expectInOrder(text: string, parts: string[]): void {
  let from = 0;
  for (const part of parts) {
    const index = text.indexOf(part, from);
    expect(index, `"${part}" should appear after position ${from}`).toBeGreaterThanOrEqual(0);
    from = index + part.length;
  }
}

/** Every text item lies inside its page (and content inside the side margins). */
function expectWithinPages(pdf: PdfReadResult): void {
  for (const page of pdf.pageDetails) {
    for (const item of page.items) {
      if (!item.str.trim()) continue;
      const where = `page ${page.number}: "${item.str.slice(0, 40)}"`;
      expect(item.x, where).toBeGreaterThanOrEqual(0);
      expect(item.x + item.width, where).toBeLessThanOrEqual(page.width);
      expect(item.y, where).toBeGreaterThanOrEqual(0);
      expect(item.y + item.height, where).toBeLessThanOrEqual(page.height);
      // Stricter: nothing reaches into the 64 pt side margins (1 pt tolerance).
      expect(item.x, where).toBeGreaterThanOrEqual(63);
      expect(item.x + item.width, where).toBeLessThanOrEqual(page.width - 63);
    }
  }
}

describe('renderPdf: a small report', () => {
  let bytes: Uint8Array;
  let pdf: PdfReadResult;

  beforeAll(async () => {
    bytes = await renderPdf(parse(fixture('report.md')), OPTIONS);
    pdf = await readPdf(bytes);
  });

  it('returns a plain Uint8Array holding a PDF', () => {
    expect(Object.getPrototypeOf(bytes)).toBe(Uint8Array.prototype);
    expect(new TextDecoder('latin1').decode(bytes.subarray(0, 8))).toBe('%PDF-1.7');
    expect(new TextDecoder('latin1').decode(bytes.subarray(bytes.length - 6)).trim()).toBe('%%EOF');
  });

  it('contains headings and paragraph text in reading order', () => {
    const text = squash(pdf.text);
    expectInOrder(text, [
      'Global Alliance Against Child Sexual Abuse Online – 2014 Reporting Form',
      'Country: Kosovo',
      'Policy Target No. 1',
      'Enhancing efforts to identify victims',
      'Operational Goal: Increase the number of identified victims',
      "A) Please report on implementation of any measures announced in your country's 2013 report",
      'In 2013, 4 cases of children misuse in pornography have been reported, including the cases of exposure to pornographic material.',
      'The unit uses the ICSE database; see the INTERPOL page for details.',
      'Second paragraph with a hard break here,',
      'and a continuation line after it.',
      'B) Please assess progress',
      'Not answered.',
      'C) Please indicate specific actions',
      '1. Completion of the four sessions',
      'preparing materials',
      '1. primary',
      '2. secondary',
      '3. Assessing the pilot project/programme',
      'The Unit for Protection of Children',
      '— Kosovo Police',
      'Policy Target No. 2',
      'Year Reported cases Identified victims Notes',
      '2012 3 1 First year with a dedicated unit.',
      '7. Seventh item',
      '8. Eighth item with inline code and a link to https://example.org/a/very/long/path/',
      '$ gareport build 2014 kosovo --pdf',
      'Registry designed',
      'Registry deployed',
      'Text with struck out words and an image chart of cases and inline html.',
      'Operational Goal: Improve the joint efforts',
      "We are trying to identify and initiate purchase procedure for specialized IT equipments and software's.",
    ]);
    // A hard break starts a new line.
    expect(pdf.text).toMatch(/Second paragraph with a hard break here,\s*\n\s*and a continuation line/);
  });

  it('writes the document metadata', () => {
    expect(pdf.info.Title).toBe(OPTIONS.title);
    expect(pdf.info.Subject).toBe(OPTIONS.subject);
    expect(pdf.info.Author).toBe('Kosovo');
    expect(pdf.info.Keywords).toBe(OPTIONS.keywords);
    expect(pdf.info.Creator).toBe('gareport');
    expect(pdf.info.Producer).toMatch(/PDFKit/);
    expect(pdf.info.CreationDate).toBe('D:20141201093000Z');
    expect(pdf.info.ModDate).toBe('D:20141201093000Z');
    expect(pdf.info.Language).toBe('en');
    expect(pdf.xmp).toContain('Kosovo — 2014 progress report');
    const raw = new TextDecoder('latin1').decode(bytes);
    expect(raw).toMatch(/\/DisplayDocTitle true/);
  });

  it('builds an outline of targets with their goals nested', () => {
    expect(pdf.outline.map((item) => item.title)).toEqual(['Policy Target No. 1', 'Policy Target No. 2']);
    const [first, second] = pdf.outline;
    expect(first?.children.map((item) => item.title)).toEqual([
      'Operational Goal: Increase the number of identified victims in the International Child Sexual Exploitation images database (ICSE database) managed by INTERPOL by at least 10% yearly.',
    ]);
    expect(second?.children.map((item) => item.title)).toEqual([
      'Operational Goal: Establish the necessary framework for the criminalization of child sexual abuse online.',
      'Operational Goal: Improve the joint efforts of law enforcement authorities across Global Alliance countries.',
    ]);
    // Questions (depth 4) are not in the outline; goals have no children.
    expect(first?.children[0]?.children).toEqual([]);
    // Destinations point at a page.
    expect(Array.isArray(first?.dest)).toBe(true);
  });

  it('prints "Page N of M" on every page and the running header from page 2 on', () => {
    const n = pdf.numPages;
    expect(n).toBeGreaterThanOrEqual(2);
    pdf.pageDetails.forEach((page, i) => {
      expect(page.text).toContain(`Page ${i + 1} of ${n}`);
      const header = page.items.find((item) => item.str === OPTIONS.runningHeader);
      if (i === 0) {
        expect(header).toBeUndefined();
        return;
      }
      // Above all content, and the footer below all content.
      const content = page.items.filter((item) => item.str.trim() && !item.artifact);
      const footer = page.items.find((item) => item.str.startsWith('Page '));
      expect(header).toBeDefined();
      for (const item of content) {
        expect(item.y + item.height).toBeLessThan(header?.y ?? 0);
        expect(item.y).toBeGreaterThan((footer?.y ?? 0) + (footer?.height ?? 0));
      }
    });
    expect(pdf.pages[0]).toContain(`Page 1 of ${n}`);
  });

  it('makes links clickable', () => {
    const urls = pdf.pageDetails.flatMap((page) => page.links.map((link) => link.url));
    expect(urls).toContain('https://www.interpol.int/Crimes/Crimes-against-children');
    expect(urls).toContain('https://example.org/a/very/long/path/that/keeps/going/and/going/index.html');
    // The autolink wraps over two lines: one annotation per line.
    expect(urls.filter((url) => url?.startsWith('https://example.org/a/very/long/path')).length).toBe(2);
  });

  it('respects the start number of ordered lists and marks task items', () => {
    expect(pdf.text).toContain('7. Seventh item');
    expect(pdf.text).toContain('8. Eighth item');
    expect(pdf.text).toContain('☑ Registry designed');
    expect(pdf.text).toContain('☐ Registry deployed');
  });

  it('is a tagged PDF with a structure tree', () => {
    expect(pdf.markInfo?.Marked).toBe(true);
    expect(pdf.tagged).toBe(true);
    expect(pdf.hasStructTree).toBe(true);
    for (const role of [
      'Document',
      'H1',
      'H2',
      'H3',
      'H4',
      'P',
      'L',
      'LI',
      'Lbl',
      'LBody',
      'BlockQuote',
      'Table',
      'TR',
      'TH',
      'TD',
      'Link',
      'Code',
    ]) {
      expect(pdf.structRoles, role).toContain(role);
    }
    const page1 = pdf.pageDetails[0]?.structTree ?? null;
    expect(findStructNodes(page1, 'H1')).toHaveLength(1);
    expect(findStructNodes(page1, 'H2').length).toBeGreaterThanOrEqual(1);
    // Lists: LI > Lbl + LBody.
    const item = findStructNodes(page1, 'LI')[0];
    expect(item?.children.map((child) => ('role' in child ? child.role : child.type))).toEqual(['Lbl', 'LBody']);
    // Links: a Link element holding the link text and its annotation (OBJR).
    const link = findStructNodes(page1, 'Link')[0];
    expect(link?.children.map((child) => ('role' in child ? child.role : child.type))).toEqual(['content', 'object']);
  });

  it('marks running header and footer as artifacts and body text as tagged content', () => {
    for (const page of pdf.pageDetails) {
      const footer = page.items.find((item) => item.str.startsWith('Page '));
      expect(footer?.artifact).toBe(true);
      if (page.number > 1) expect(page.items.find((item) => item.str === OPTIONS.runningHeader)?.artifact).toBe(true);
      for (const item of page.items) {
        if (item.str.trim() && !item.artifact) expect(item.mcid, `"${item.str}" is tagged`).not.toBeNull();
      }
    }
    const heading = pdf.pageDetails[0]?.items.find((item) => item.str.startsWith('Policy Target No. 1'));
    expect(heading?.tag).toBe('H2');
  });

  it('extracts the Unicode country names as text', () => {
    const text = squash(pdf.text);
    for (const name of UNICODE_NAMES) expect(text).toContain(name);
  });

  it('embeds only DejaVu fonts', () => {
    const raw = new TextDecoder('latin1').decode(bytes);
    const baseFonts = [...raw.matchAll(/\/BaseFont \/([^\s/>]+)/g)].map((m) => m[1] ?? '');
    expect(baseFonts.length).toBeGreaterThan(0);
    for (const name of baseFonts) expect(name).toMatch(/^[A-Z]{6}\+DejaVuSans/);
    expect(raw).not.toMatch(/Helvetica/);
  });

  it('keeps all text within the page', () => {
    expectWithinPages(pdf);
  });
});

describe('renderPdf: options', () => {
  const small = parse('# Title\n\n## Target\n\nSome text.\n');

  it('uses A4 or Letter paper', async () => {
    const a4 = await readPdf(await renderPdf(small, OPTIONS));
    const letter = await readPdf(await renderPdf(small, { ...OPTIONS, paper: 'LETTER' }));
    expect(a4.pageDetails[0]?.width).toBeCloseTo(595.28, 1);
    expect(a4.pageDetails[0]?.height).toBeCloseTo(841.89, 1);
    expect(letter.pageDetails[0]?.width).toBeCloseTo(612, 1);
    expect(letter.pageDetails[0]?.height).toBeCloseTo(792, 1);
  });

  it('is deterministic: identical input gives identical bytes', async () => {
    const tree = parse(fixture('report.md'));
    const first = await renderPdf(tree, OPTIONS);
    const second = await renderPdf(parse(fixture('report.md')), {
      ...OPTIONS,
      creationDate: new Date(OPTIONS.creationDate),
    });
    expect(Buffer.from(second).equals(Buffer.from(first))).toBe(true);
    // The date is the only time input: another date gives another file ID.
    const other = await renderPdf(tree, { ...OPTIONS, creationDate: new Date('2015-01-01T00:00:00Z') });
    expect(Buffer.from(other).equals(Buffer.from(first))).toBe(false);
  });

  it('omits Author and Keywords when not given and escapes XML in the XMP packet', async () => {
    const { author: _a, keywords: _k, ...rest } = OPTIONS;
    const pdf = await readPdf(await renderPdf(small, { ...rest, title: 'Bosnia & Herzegovina <2014>', lang: 'fr' }));
    expect(pdf.info.Title).toBe('Bosnia & Herzegovina <2014>');
    expect(pdf.info.Author).toBeUndefined();
    expect(pdf.info.Keywords).toBeUndefined();
    expect(pdf.info.Language).toBe('fr');
    expect(pdf.xmp).toContain('Bosnia &amp; Herzegovina &lt;2014&gt;');
  });

  it('renders an empty tree as one page with a footer', async () => {
    const pdf = await readPdf(await renderPdf({ type: 'root', children: [] }, OPTIONS));
    expect(pdf.numPages).toBe(1);
    expect(pdf.pages[0]).toContain('Page 1 of 1');
  });
});

describe('renderPdf: hostile content', () => {
  const words = [
    'implementation',
    'of',
    'measures',
    'announced',
    'in',
    'the',
    'report',
    'cooperation',
    'Fushë',
    'Ελλάδα',
    'Україна',
    'and',
  ];
  const longParagraph = Array.from({ length: 5000 }, (_, i) => words[(i * 7 + 3) % words.length]).join(' ');
  const longUrl = `https://example.org/${'abcdefghij0123456789'.repeat(29)}`.slice(0, 600);
  const nestedList = Array.from(
    { length: 12 },
    (_, depth) =>
      `${'  '.repeat(depth)}- level ${depth + 1} item with enough words to wrap around once the indentation is deep`,
  ).join('\n');
  const longCell = 'A rather long piece of cell text that has to wrap over several lines inside its column';
  const table = [
    '| One | Two | Three | Four | Five | Six |',
    '| --- | --- | --- | --- | --- | --- |',
    ...Array.from(
      { length: 12 },
      (_, r) =>
        `| r${r} ${longCell} | ${longCell} ${longCell} | Pneumonoultramicroscopicsilicovolcanoconiosis${r} | ${r} | ${longCell} | ${longUrl.slice(0, 90)} |`,
    ),
  ].join('\n');
  const markdown = [
    '# Hostile content',
    '## Long paragraph',
    longParagraph,
    '## Long URL',
    `See ${longUrl} for more.`,
    `Link form: [${longUrl}](${longUrl})`,
    '## Nested list',
    nestedList,
    '## Emoji',
    'Emoji 😀 👍🏽 🇽🇰 👩‍👩‍👧 ❤️ and text after ✓.',
    '## Table',
    table,
    '## Code',
    `\`\`\`\n${'x'.repeat(400)}\n\tTabbed line\n\`\`\``,
    '## Unbroken',
    'W'.repeat(2000),
  ].join('\n\n');

  let pdf: PdfReadResult;
  let bytes: Uint8Array;

  beforeAll(async () => {
    bytes = await renderPdf(parse(markdown), OPTIONS);
    pdf = await readPdf(bytes);
  });

  it('renders without throwing, with consistent page numbers', () => {
    expect(pdf.numPages).toBeGreaterThan(5);
    pdf.pages.forEach((page, i) => {
      expect(page).toContain(`Page ${i + 1} of ${pdf.numPages}`);
    });
  });

  it('keeps all text within the page bounds', () => {
    expectWithinPages(pdf);
  });

  it('does not lose characters of the long paragraph, URL or unbroken word', () => {
    const joined = pdf.contentText.replace(/\s+/g, '');
    // Boolean checks: a failing toContain would print the whole 18-page text.
    expect(joined.includes(`See${longUrl}formore.`), 'long URL in running text').toBe(true);
    expect(joined.includes(`Linkform:${longUrl}`), 'long URL as link text').toBe(true);
    expect(joined.includes('W'.repeat(2000)), 'unbroken word').toBe(true);
    expect(joined.includes('x'.repeat(400)), 'long code line').toBe(true);
    const paragraphWords = squash(pdf.text).match(/\b(?:implementation|cooperation|measures)\b/g) ?? [];
    const expected = longParagraph.match(/\b(?:implementation|cooperation|measures)\b/g) ?? [];
    expect(paragraphWords.length).toBe(expected.length);
  });

  it('renders all 12 list levels with room for their text', () => {
    const text = squash(pdf.text);
    for (let level = 1; level <= 12; level++) expect(text).toContain(`level ${level} item with enough words`);
    const deepest = pdf.pageDetails.flatMap((p) => p.items).find((item) => item.str.includes('level 12 item'));
    expect(deepest).toBeDefined();
    expect(deepest?.x ?? 0).toBeLessThan(OPTIONS.paper === 'A4' ? 300 : 310);
  });

  it('keeps the text around emoji', () => {
    expect(squash(pdf.text)).toContain('Emoji 😀');
    expect(squash(pdf.text)).toContain('and text after ✓.');
  });

  it('renders every table cell and repeats the header row on continuation pages', () => {
    const text = squash(pdf.text);
    for (let r = 0; r < 12; r++) {
      expect(text).toContain(`r${r} A rather long piece`);
      expect(pdf.text.replace(/\s+/g, '')).toContain(`Pneumonoultramicroscopicsilicovolcanoconiosis${r}`);
    }
    const tablePages = pdf.pageDetails.filter(
      (page) => page.text.includes('r3 A rather') || page.text.includes('r11 A rather'),
    );
    for (const page of tablePages) expect(squash(page.text)).toContain('One Two Three Four Five Six');
  });
});

describe('renderPdf: unusual trees', () => {
  it('renders unknown and rarely used node types without crashing', async () => {
    const tree = parse(
      [
        '# Odd nodes',
        '<div>\nBlock <b>html</b> content\n</div>',
        'Inline <span>html</span> and ![an image](x.png) and a footnote[^1] and a [reference link][ref].',
        '[ref]: https://example.com/ref',
        '[^1]: The footnote text.',
        '- [ ] open task',
        '***bold italic*** and `code` in **bold `code`** and ~~gone~~.',
      ].join('\n\n'),
    );
    tree.children.push(
      { type: 'custom-block', value: 'Custom block text' } as unknown as Root['children'][number],
      {
        type: 'custom-parent',
        children: [{ type: 'text', value: 'Child of unknown node' }],
      } as unknown as Root['children'][number],
      {
        type: 'paragraph',
        children: [{ type: 'inlineMath', value: 'E=mc^2' } as never, { type: 'text', value: ' after math' }],
      },
    );
    const pdf = await readPdf(await renderPdf(tree, OPTIONS));
    const text = squash(pdf.text);
    expectInOrder(text, [
      'Odd nodes',
      'Block html content',
      'Inline html and an image and a footnote[1] and a reference link.',
      '[1] The footnote text.',
      '☐ open task',
      'bold italic and code in bold code and gone.',
      'Custom block text',
      'Child of unknown node',
      'E=mc^2 after math',
    ]);
    const urls = pdf.pageDetails.flatMap((page) => page.links.map((link) => link.url));
    expect(urls).toContain('https://example.com/ref');
  });

  it('splits a table row taller than a page and repeats the header', async () => {
    const giant = 'Giant cell sentence number one with several words. '.repeat(220);
    const markdown = `# Table\n\n| Key | Value |\n| --- | --- |\n| first | ${giant} |\n| after | the giant row |\n`;
    const pdf = await readPdf(await renderPdf(parse(markdown), OPTIONS));
    expect(pdf.numPages).toBeGreaterThanOrEqual(3);
    expectWithinPages(pdf);
    const count = (squash(pdf.contentText).match(/Giant cell sentence number one/g) ?? []).length;
    expect(count).toBe(220);
    for (const page of pdf.pageDetails.slice(1)) {
      // The repeated header row comes first and is an artifact (not read twice by screen readers).
      expect(squash(page.text).startsWith('Key Value')).toBe(true);
      expect(page.items.find((item) => item.str.startsWith('Key'))?.artifact).toBe(true);
    }
    expect(squash(pdf.contentText)).toContain('after the giant row');
    // Cell text split over pages still belongs to one TD.
    const tds = pdf.pageDetails.flatMap((page) => findStructNodes(page.structTree, 'TD'));
    expect(tds.length).toBeGreaterThan(0);
  });

  it('does not make unsafe or relative links clickable', async () => {
    const pdf = await readPdf(
      await renderPdf(
        parse('[js](javascript:alert(1)) [rel](../x.html) [anchor](#top) [ok](https://example.org)'),
        OPTIONS,
      ),
    );
    expect(squash(pdf.text)).toContain('js rel anchor ok');
    expect(pdf.pageDetails[0]?.links.map((link) => link.url)).toEqual(['https://example.org/']);
  });

  it('never leaves a heading at the bottom of a page', async () => {
    const sections: string[] = ['# Keep with next'];
    for (let i = 0; i < 40; i++) {
      sections.push(`## Target ${i}`);
      sections.push(`Intro ${i}. ${'Words that fill the line. '.repeat((i * 5) % 17)}`);
      sections.push(`### Goal ${i}`);
      sections.push(`#### Question ${i}`);
      sections.push(
        i % 4 === 0
          ? `| Indicator with a header long enough to wrap onto a second line ${i} | Value |\n| --- | --- |\n| a | ${i} |\n| b | ${i + 1} |`
          : `Answer ${i}. ${'More words in the answer. '.repeat((i * 11) % 23)}`,
      );
    }
    const pdf = await readPdf(await renderPdf(parse(sections.join('\n\n')), OPTIONS));
    expect(pdf.numPages).toBeGreaterThan(3);
    for (const page of pdf.pageDetails.slice(0, -1)) {
      const content = page.items.filter((item) => item.str.trim() && !item.artifact);
      const last = content[content.length - 1];
      expect(last?.tag, `last line of page ${page.number}: "${last?.str}"`).not.toMatch(/^H\d$/);
    }
  });
});

describe('inline line breaking (src/render/pdf/text.ts)', () => {
  // A fake monospace face: every character is half the font size wide; no emoji, no joiners.
  const mono: Measurer = {
    width: (_font, size, text) => Array.from(text).length * size * 0.5,
    hasGlyph: (_font, cp) => cp < 0x1f000 && cp !== 0x200d && cp !== 0xfe0f,
    ascent: () => 0.9,
    descent: () => 0.2,
  };
  const style: TextStyle = { font: 'regular', size: 10, color: '#000' };
  const bold: TextStyle = { ...style, font: 'bold' };
  const text = (lines: Line[]) => lines.map((line) => line.pieces.map((piece) => piece.text).join(''));
  const layout = (inlines: Inline[], chars: number) => layoutText(inlines, style, chars * 5, 1.4, mono);

  it('breaks at spaces and drops spaces at line ends', () => {
    expect(text(layout([{ text: 'aaa bbb  ccc\nddd', style }], 8))).toEqual(['aaa bbb', 'ccc ddd']);
  });

  it('keeps runs of different styles on one line and merges equal neighbours', () => {
    const lines = layout(
      [
        { text: 'one ', style },
        { text: 'two', style: bold },
        { text: ' three', style },
      ],
      40,
    );
    expect(lines).toHaveLength(1);
    expect(lines[0]?.pieces.map((piece) => [piece.text, piece.style.font])).toEqual([
      ['one ', 'regular'],
      ['two', 'bold'],
      [' three', 'regular'],
    ]);
    expect(lines[0]?.width).toBe(13 * 5);
  });

  it('does not break inside a word split across styles', () => {
    expect(
      text(
        layout(
          [
            { text: 'xx ab', style },
            { text: 'cd', style: bold },
          ],
          4,
        ),
      ),
    ).toEqual(['xx', 'abcd']);
  });

  it('splits tokens wider than the line between characters', () => {
    // Enough room left on the line: the token starts right there.
    expect(text(layout([{ text: `go ${'z'.repeat(25)}`, style }], 10))).toEqual([
      'go zzzzzzz',
      'zzzzzzzzzz',
      'zzzzzzzz',
    ]);
    // Less than 30% of the line left: it starts on a new line.
    expect(text(layout([{ text: `going ${'z'.repeat(25)}`, style }], 8))).toEqual([
      'going',
      'zzzzzzzz',
      'zzzzzzzz',
      'zzzzzzzz',
      'z',
    ]);
  });

  it('breaks URLs and compounds after / and -, but not short fragments', () => {
    expect(text(layout([{ text: 'see https://example.org/reports/2014', style }], 20))).toEqual([
      'see',
      'https://example.org/',
      'reports/2014',
    ]);
    expect(text(layout([{ text: 'a follow-up and/or', style }], 9))).toEqual(['a', 'follow-up', 'and/or']);
  });

  it('honours hard breaks, including consecutive ones', () => {
    expect(text(layout([{ text: 'a', style }, HARD_BREAK, HARD_BREAK, { text: 'b', style }], 10))).toEqual([
      'a',
      '',
      'b',
    ]);
  });

  it('marks characters no font has as missing (drawn as a placeholder) and drops invisible ones', () => {
    const lines = layout([{ text: 'ok 😀\u200d\ufe0f!\u0007', style }], 20);
    expect(text(lines)).toEqual(['ok 😀!']);
    expect(lines[0]?.pieces.map((piece) => [piece.text, Boolean(piece.style.missing)])).toEqual([
      ['ok ', false],
      ['😀', true],
      ['!', false],
    ]);
  });

  it('gives every line the height of its largest text', () => {
    const lines = layout(
      [
        { text: 'big', style: { ...style, size: 20 } },
        { text: ' small', style },
      ],
      100,
    );
    expect(lines[0]?.height).toBeCloseTo(28);
    expect(lines[0]?.baseline).toBeCloseTo((28 - 22) / 2 + 18);
  });
});

// ---------------------------------------------------------------------------------------------
// The renderer measures, shapes, draws and subsets fonts itself (sfnt.ts, shaping.ts, subset.ts;
// PDFKit gets its font objects from pdfkit-internals.ts). fontkit, the font library PDFKit would
// otherwise use (installed with it), is the reference these tests compare against.

/** The part of fontkit's API these tests use. */
interface FontkitGlyph {
  id: number;
  advanceWidth: number;
  codePoints: number[];
  path: { toSVG(): string };
}
interface FontkitFont {
  numGlyphs: number;
  postscriptName: string;
  unitsPerEm: number;
  ascent: number;
  descent: number;
  lineGap: number;
  xHeight: number | undefined;
  capHeight: number | undefined;
  italicAngle: number;
  bbox: { minX: number; minY: number; maxX: number; maxY: number };
  post: { isFixedPitch: number };
  head: { macStyle: { italic: boolean } };
  'OS/2': { sFamilyClass: number };
  hmtx: {
    metrics: { length: number; get(i: number): { advance: number; bearing: number } };
    bearings: { get(i: number): number };
  };
  kern?: { tables: Array<{ subtable: { pairs: Array<{ left: number; right: number; value: number }> } }> };
  glyphForCodePoint(codePoint: number): FontkitGlyph;
  getGlyph(id: number): FontkitGlyph;
  layout(text: string): {
    glyphs: FontkitGlyph[];
    positions: Array<{ xAdvance: number; xOffset: number; yOffset: number }>;
  };
}

describe('fonts, shaping and subsetting, compared with fontkit', () => {
  let fontkitCreate: (bytes: Uint8Array) => FontkitFont;
  const reference = new Map<FontKey, FontkitFont>();
  const ours = new Map<FontKey, SfntFont>();
  const ref = (key: FontKey) => reference.get(key) as FontkitFont;
  const own = (key: FontKey) => ours.get(key) as SfntFont;

  /** Words of the seed text, country names, kerning pairs, ligatures, punctuation (NFC). */
  const corpus = (() => {
    const countries = readFileSync(join(repoRoot, 'data', 'countries.yaml'), 'utf8')
      .split('\n')
      .map((line) => /^[a-z0-9-]+:\s*(.+)$/.exec(line)?.[1] ?? '')
      .filter(Boolean);
    const extra = [
      ...UNICODE_NAMES,
      'office affluent fluffiest fjord offline shuffle baffling Ta To Te Ty Yo AV Wa LT P. F. r. y, “quoted” ‘single’',
      '— – … • ◦ ▪ ☑ ☐ « » № ½ € © ® ™ 2014/2015 e-mail https://example.org/a/b?c=d&e=f',
      'Ελλάδα Κύπρος Україна Україні Молдова Македонија Србија Беларусь Ökonomie Čeština Łódź Şişli Ţară',
    ];
    const words = [readSeed(), ...countries, ...extra].join(' ').normalize('NFC').split(/\s+/);
    return [...new Set(words.filter(Boolean))];
  })();

  beforeAll(async () => {
    // fontkit ships without types; this is the subset of its API used above.
    const fontkit = (await import('fontkit' as string)) as { create: (bytes: Uint8Array) => FontkitFont };
    fontkitCreate = fontkit.create;
    for (const key of FONT_KEYS) {
      reference.set(key, fontkitCreate(fontBytes(key)));
      ours.set(key, readSfnt(fontBytes(key), key));
    }
  });

  it('maps every code point to the glyph fontkit maps it to', () => {
    for (const key of FONT_KEYS) {
      const mismatches: string[] = [];
      for (let cp = 0; cp <= 0x2ffff; cp++) {
        if (cp >= 0xd800 && cp <= 0xdfff) continue;
        const want = ref(key).glyphForCodePoint(cp).id;
        if (own(key).glyphId(cp) !== want && mismatches.length < 5) mismatches.push(cp.toString(16));
      }
      expect(mismatches, key).toEqual([]);
    }
  });

  it('reads the advance width, side bearing and kerning fontkit reads', () => {
    for (const key of FONT_KEYS) {
      const font = own(key);
      const { hmtx } = ref(key);
      expect(font.numGlyphs, key).toBe(ref(key).numGlyphs);
      const bad: number[] = [];
      for (let gid = 0; gid < font.numGlyphs; gid++) {
        const metric = gid < hmtx.metrics.length ? hmtx.metrics.get(gid) : undefined;
        const advance = metric?.advance ?? hmtx.metrics.get(hmtx.metrics.length - 1).advance;
        const bearing = metric?.bearing ?? hmtx.bearings.get(gid - hmtx.metrics.length);
        if (font.advance(gid) !== advance || font.leftSideBearing(gid) !== bearing) bad.push(gid);
      }
      expect(bad, key).toEqual([]);
      const pairs = ref(key).kern?.tables.flatMap((table) => table.subtable.pairs) ?? [];
      // Noto has no legacy kern table: it is kerned from GPOS (tests/pdf-gpos.test.ts).
      expect(pairs.length > 0, key).toBe(key !== 'mono' && !key.startsWith('noto'));
      for (const pair of pairs) expect(font.kerning(pair.left, pair.right)).toBe(pair.value);
      expect(font.kerning(3, 3)).toBe(0);
    }
  });

  it('gives PDFKit the font metrics and names fontkit gives it', () => {
    for (const key of FONT_KEYS) {
      const font = pdfkitFont(own(key), new FaceShaper(own(key), { fLigatures: formsFLigatures(key) }));
      const want = ref(key);
      expect(font.postscriptName, key).toBe(want.postscriptName);
      expect(
        [font.unitsPerEm, font.ascent, font.descent, font.lineGap, font.xHeight, font.capHeight, font.italicAngle],
        key,
      ).toEqual([
        want.unitsPerEm,
        want.ascent,
        want.descent,
        want.lineGap,
        want.xHeight,
        want.capHeight,
        want.italicAngle,
      ]);
      expect({ ...font.bbox }, key).toEqual({ ...want.bbox });
      expect(font.post.isFixedPitch, key).toBe(want.post.isFixedPitch);
      expect(font.head.macStyle.italic, key).toBe(want.head.macStyle.italic);
      expect(font['OS/2']?.sFamilyClass, key).toBe(want['OS/2'].sFamilyClass);
      expect(font.getGlyph(0).advanceWidth, key).toBe(want.getGlyph(0).advanceWidth);
    }
  });

  it('shapes text glyph for glyph like fontkit (kerning and f-ligatures included)', () => {
    // Intentional difference: no OpenType shaping beyond kerning and the f-ligatures, which for
    // Latin, Greek and Cyrillic text is all DejaVu's default features do (see shaping.ts).
    for (const key of FONT_KEYS) {
      const shaper = new FaceShaper(own(key), { fLigatures: formsFLigatures(key) });
      // A fresh fontkit font: fontkit caches glyph objects, with the code points of their first
      // lookup (the cmap test looked up U+FB01 before any "fi" was shaped).
      const fontkitFont = fontkitCreate(fontBytes(key));
      const mismatches: string[] = [];
      for (const word of corpus) {
        // A character the face lacks is drawn by another face (DejaVu Serif has no ☐): never shaped here.
        if ([...word].some((ch) => !shaper.hasGlyph(ch.codePointAt(0) ?? 0))) continue;
        const want = fontkitFont.layout(word);
        const got = shaper.shape(word);
        const same =
          got.glyphs.length === want.glyphs.length &&
          got.glyphs.every(
            (glyph, i) =>
              glyph.id === want.glyphs[i]?.id &&
              glyph.codePoints.join() === want.glyphs[i]?.codePoints.join() &&
              got.positions[i]?.xAdvance === want.positions[i]?.xAdvance &&
              want.positions[i]?.xOffset === 0 &&
              want.positions[i]?.yOffset === 0,
          );
        if (!same && mismatches.length < 5) mismatches.push(word);
      }
      expect(mismatches, key).toEqual([]);
    }
    // The corpus exercises what it is meant to.
    const regular = new FaceShaper(own('regular'), { fLigatures: true });
    expect(regular.shape('office').glyphs.map((g) => g.codePoints.length)).toEqual([1, 3, 1, 1]);
    expect(regular.shape('To').positions[0]?.xAdvance).toBeLessThan(own('regular').advance(own('regular').glyphId(84)));
  });

  it('measures exactly the widths PDFKit draws, for every face and size', () => {
    const doc = new PDFDocument({ font: null as unknown as string, autoFirstPage: true }) as Doc;
    const m = new DocMeasurer(doc);
    const lines = readSeed()
      .normalize('NFC')
      .split('\n')
      .filter((line) => line.trim());
    expect(hasFastTextPath(doc)).toBe(true);
    for (const key of FONT_KEYS) {
      for (const size of [8, 8.6, 10, 12.5, 21]) {
        m.select(key, size);
        const font = (doc as unknown as { _font: { widthOfString(text: string, size: number): number } })._font;
        for (const text of [...corpus, ...UNICODE_NAMES.map((name) => `${name} `), ...lines]) {
          expect(m.width(key, size, text), `${key} ${size} "${text.slice(0, 30)}"`).toBe(
            font.widthOfString(text, size),
          );
        }
      }
    }
    doc.end();
  });

  it("encodes text as PDFKit's own EmbeddedFont#encode does, in a fresh document and a warm one", () => {
    type Encoding = [string[], object[]];
    interface Embedded {
      encode(text: string): Encoding;
      widths: unknown[];
      unicode: unknown[];
      subset: { glyphs?: number[] };
    }
    const lines = readSeed()
      .normalize('NFC')
      .split('\n')
      .filter((line) => line.trim());
    // Lines of the form and words with kerning pairs, ligatures and other scripts (shaping is slow under test).
    const words = corpus.filter((_, i) => i % 4 === 0).map((word) => `${word} `);
    const texts = [...lines.slice(0, 8), ...words, ...corpus.slice(-40), 'tab\tand  two spaces ', ' ', 'x'];
    // The second document finds every chunk shaped already (the cache lives for the process).
    for (const round of [1, 2]) {
      for (const key of FONT_KEYS) {
        const fresh = () => {
          const doc = new PDFDocument({ font: null as unknown as string, autoFirstPage: true }) as Doc;
          new DocMeasurer(doc).select(key, 10);
          return (doc as unknown as { _font: Embedded })._font;
        };
        const fast = fresh();
        const plain = fresh();
        const pdfkitEncode = Object.getPrototypeOf(plain).encode as Embedded['encode'];
        expect(fast.encode, key).not.toBe(pdfkitEncode);
        const encoded = texts.map((text) => JSON.stringify(fast.encode(text)));
        const expected = texts.map((text) => JSON.stringify(pdfkitEncode.call(plain, text)));
        expect(encoded, `${key} round ${round}`).toEqual(expected);
        expect(fast.subset.glyphs, key).toEqual(plain.subset.glyphs);
        expect(fast.widths, key).toEqual(plain.widths);
        expect(fast.unicode, key).toEqual(plain.unicode);
      }
    }
  });

  it('writes subsets whose glyphs are the original ones', () => {
    for (const key of ['regular', 'boldItalic', 'mono', 'notoSerif', 'notoSansBoldItalic'] as const) {
      const font = own(key);
      const subset = new TrueTypeSubset(font);
      const shaper = new FaceShaper(font, { fLigatures: formsFLigatures(key) });
      for (const word of corpus) for (const glyph of shaper.shape(word).glyphs) subset.includeGlyph(glyph.id);
      // Some composite glyphs too (their components are added while encoding).
      let composites = 0;
      for (let gid = 0; gid < font.numGlyphs && composites < 25; gid++) {
        const data = font.glyphData(gid);
        if (data.length >= 10 && new DataView(data.buffer, data.byteOffset).getInt16(0) < 0) {
          subset.includeGlyph(gid);
          composites++;
        }
      }
      expect(composites, key).toBe(25);
      const included = (subset as unknown as { glyphs: number[] }).glyphs;
      const bytes = subset.encode();
      expect(included.length, key).toBeGreaterThan(100);
      // Valid checksums: the whole file sums to 0xB1B0AFBA.
      const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      let sum = 0;
      for (let i = 0; i < bytes.length; i += 4) sum = (sum + view.getUint32(i)) >>> 0;
      expect(sum.toString(16)).toBe('b1b0afba');
      const parsed = fontkitCreate(bytes);
      expect(parsed.numGlyphs, key).toBe(included.length);
      included.forEach((source, gid) => {
        const want = ref(key).getGlyph(source);
        const got = parsed.getGlyph(gid);
        expect(got.advanceWidth, `${key} glyph ${source}`).toBe(want.advanceWidth);
        expect(got.path.toSVG(), `${key} glyph ${source}`).toBe(want.path.toSVG());
      });
      // Deterministic.
      expect(Buffer.from(subset.encode()).equals(Buffer.from(bytes))).toBe(true);
    }
  });
});

describe('renderPdf: fonts in the output', () => {
  it('gives identical bytes from a fresh process state and after other documents', async () => {
    const tree = () => parse(fixture('report.md'));
    vi.resetModules();
    const cold = await (await import('../src/render/pdf.js')).renderPdf(tree(), OPTIONS);
    vi.resetModules();
    const fresh = await import('../src/render/pdf.js');
    // Warm every cache, drawing the faces in another order than the report does.
    await fresh.renderPdf(parse('`mono` ***bold italic*** *italic* **bold** plain Ελλάδα'), OPTIONS);
    await fresh.renderPdf(parse(fixture('report.md')), { ...OPTIONS, paper: 'LETTER' });
    const warm = await fresh.renderPdf(tree(), OPTIONS);
    expect(Buffer.from(warm).equals(Buffer.from(cold))).toBe(true);
  });

  it('composes decomposed accents and keeps ligatures extractable', async () => {
    const decomposed = 'Fushe\u0308 Kosova, Tu\u0308rkiye, Roma\u0302nia and Україна';
    expect(decomposed).not.toBe(decomposed.normalize('NFC'));
    const pdf = await readPdf(
      await renderPdf(parse(`# Names\n\n${decomposed}.\n\nThe office staff fluffed affluent fjords.`), OPTIONS),
    );
    const text = squash(pdf.text);
    expect(text).toContain('Fushë Kosova, Türkiye, România and Україна.');
    expect(text).toContain('The office staff fluffed affluent fjords.');
  });

  it('embeds only the faces it draws, subset', async () => {
    const bytes = await renderPdf(parse('# Title\n\nPlain text only.\n'), OPTIONS);
    const raw = new TextDecoder('latin1').decode(bytes);
    const baseFonts = [...new Set([...raw.matchAll(/\/BaseFont \/([^\s/>]+)/g)].map((m) => m[1]))];
    expect(baseFonts.map((name) => name?.replace(/^[A-Z]{6}\+/, '')).sort()).toEqual(['DejaVuSans', 'DejaVuSans-Bold']);
  });
});
