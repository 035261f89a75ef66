/**
 * Page layout of the PDF, read back with pdfjs (issue 11 part 3): no page ends with a heading, a
 * heading keeps the first lines of what follows it, no paragraph leaves a single line alone at the
 * top or the foot of a page, and the running header names the target (and in the consolidated
 * report the goal) the page belongs to. Checked on Kosovo and on generated reports of many short
 * answers, so that headings fall near the ends of pages.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Nodes, Root } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PdfOptions, renderPdf } from '../src/render/pdf.js';
import { makeProject, runInProcess } from './helpers/cli.js';
import { type PdfPageDetails, type PdfReadResult, readPdf } from './helpers/pdf-reader.js';

const parse = (markdown: string): Root => unified().use(remarkParse).use(remarkGfm).parse(markdown);

const OPTIONS: PdfOptions = {
  title: 'Testland – 2014 progress report',
  subject: 'Test',
  lang: 'en',
  runningHeader: 'Testland – 2014 progress report',
  paper: 'A4',
  creationDate: new Date('2014-12-01T09:30:00Z'),
};

/** Letters and digits only, lower case: text compared across Markdown and PDF extraction. */
const norm = (text: string) => text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');

interface PageLine {
  y: number;
  text: string;
  heading: number | null;
  /** The line is body text of a paragraph (not a heading, table cell or code). */
  prose: boolean;
}

/** Content lines of a page (running header and footer left out), top to bottom. */
function contentLines(page: PdfPageDetails): PageLine[] {
  const lines: PageLine[] = [];
  for (const item of page.items) {
    if (item.artifact || !item.str.trim()) continue;
    const last = lines[lines.length - 1];
    const heading = /^H([1-6])$/.exec(item.tag ?? '');
    const prose = ['P', 'Link', 'Span'].includes(item.tag ?? '');
    if (last && Math.abs(last.y - item.y) < 0.5) {
      if (item.tag !== 'Lbl') last.text += item.str;
      if (last.text === item.str) last.prose = prose; // the line's first text after a list label
      continue;
    }
    lines.push({
      y: item.y,
      text: item.tag === 'Lbl' ? '' : item.str,
      heading: heading ? Number(heading[1]) : null,
      prose,
    });
  }
  return lines;
}

/** The running header's text of a page: artifacts above the content. */
function headerText(page: PdfPageDetails): string {
  return page.items
    .filter((item) => item.artifact && item.y > page.height - 66)
    .map((item) => item.str)
    .join(' ');
}

/** Plain text of every paragraph of a Markdown tree, normalised. */
function paragraphTexts(tree: Root): Set<string> {
  const out = new Set<string>();
  const text = (node: Nodes): string =>
    'value' in node && typeof node.value === 'string'
      ? node.value
      : 'children' in node
        ? (node.children as Nodes[]).map(text).join(' ')
        : '';
  const visit = (node: Nodes) => {
    if (node.type === 'paragraph') out.add(norm(text(node)));
    else if ('children' in node) for (const child of node.children as Nodes[]) visit(child);
  };
  visit(tree);
  return out;
}

/** Pages (1-based) that end with a heading. */
function pagesEndingWithHeading(pdf: PdfReadResult): string[] {
  return pdf.pageDetails.flatMap((page) => {
    const last = contentLines(page).at(-1);
    return last?.heading ? [`page ${page.number} ends with "${last.text}"`] : [];
  });
}

/**
 * Headings whose section goes on over the page break with fewer than two lines of content under
 * the heading on its page.
 */
function headingsLeftWithoutContent(pdf: PdfReadResult): string[] {
  const found: string[] = [];
  pdf.pageDetails.forEach((page, p) => {
    const lines = contentLines(page);
    const lastHeading = lines.findLastIndex((line) => line.heading !== null);
    const next = pdf.pageDetails[p + 1];
    if (lastHeading < 0 || !next) return;
    const after = lines.length - 1 - lastHeading;
    const continues = contentLines(next)[0]?.heading === null;
    if (continues && after < 2) found.push(`page ${page.number}: "${lines[lastHeading]?.text}" keeps ${after} line(s)`);
  });
  return found;
}

/**
 * Headings on another page than the first heading under them (a target or goal at the foot of a
 * page with at most its introduction, its first goal or question on the next).
 */
function headingsApartFromTheirFirstSubsection(pdf: PdfReadResult): string[] {
  const found: string[] = [];
  let previous = null as { depth: number; page: number; text: string } | null;
  for (const page of pdf.pageDetails) {
    let lastLineWasHeading = false;
    for (const line of contentLines(page)) {
      if (line.heading === null) {
        lastLineWasHeading = false;
        continue;
      }
      if (lastLineWasHeading && previous?.depth === line.heading && previous.page === page.number) {
        previous.text += ` ${line.text}`; // the next line of the same heading
        continue;
      }
      if (previous && line.heading > previous.depth && previous.page !== page.number) {
        found.push(`"${previous.text}" (page ${previous.page}) and "${line.text}" (page ${page.number})`);
      }
      previous = { depth: line.heading, page: page.number, text: line.text };
      lastLineWasHeading = true;
    }
  }
  return found;
}

/**
 * Paragraphs split by a page break with a single line on either side: the line at a page's foot
 * or top, alone from its paragraph (the next line is not a line of the same paragraph), that is
 * not a whole paragraph of the source.
 */
function lonelyLines(pdf: PdfReadResult, paragraphs: Set<string>): string[] {
  const found: string[] = [];
  // Lines of one paragraph are one body line (10 pt × 1.45) apart; blocks are further apart.
  const sameParagraph = (a: PageLine | undefined, b: PageLine | undefined) =>
    !!a && !!b && a.prose && b.prose && Math.abs(Math.abs(a.y - b.y) - 14.5) < 0.05;
  pdf.pageDetails.forEach((page, p) => {
    const lines = contentLines(page);
    const first = lines[0];
    if (p > 0 && first?.prose && !sameParagraph(first, lines[1])) {
      if (!paragraphs.has(norm(first.text))) found.push(`page ${page.number} starts with "${first.text}"`);
    }
    const last = lines.at(-1);
    if (p < pdf.numPages - 1 && last?.prose && !sameParagraph(last, lines.at(-2))) {
      if (!paragraphs.has(norm(last.text))) found.push(`page ${page.number} ends with "${last.text}"`);
    }
  });
  return found;
}

/**
 * Pages 2+ whose running header does not name the section at `depth` that the top of the page
 * belongs to (the last such heading begun at or before the page's first line).
 */
function wrongRunningHeaders(pdf: PdfReadResult, depth: number): string[] {
  const found: string[] = [];
  let current = '';
  let previousWasDepth = false;
  pdf.pageDetails.forEach((page, p) => {
    const lines = contentLines(page);
    lines.forEach((line, i) => {
      if (line.heading === depth) {
        // Consecutive lines of one heading make one title.
        current = previousWasDepth && i > 0 ? `${current} ${line.text}` : line.text;
        previousWasDepth = true;
      } else {
        // A new section above this depth ends the one at this depth.
        if (line.heading !== null && line.heading < depth) current = '';
        previousWasDepth = false;
      }
      if (i === 0 && p > 0) {
        const header = norm(headerText(page));
        // The header may shorten a long title with an ellipsis: its first 30 characters must be there.
        const want = norm(current).slice(0, 30);
        if (!header.includes(want)) found.push(`page ${page.number}: header "${headerText(page)}" lacks "${current}"`);
      }
    });
  });
  return found;
}

/** A deterministic report of many short answers (a seeded generator), like the form's. */
function generatedReport(seed: number, options: { countries?: boolean } = {}): string {
  let state = seed;
  const random = (n: number) => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return Math.floor((state / 2147483648) * n);
  };
  const words = ['report', 'measures', 'police', 'victims', 'online', 'training', 'ministry', 'law', 'cases', 'data'];
  const sentence = (count: number) =>
    `${Array.from({ length: count }, () => words[random(words.length)]).join(' ')}.`.replace(/^./, (c) =>
      c.toUpperCase(),
    );
  const answer = () => {
    const kind = random(6);
    if (kind === 0) return '*Nothing to report.*';
    if (kind === 1) return `- ${sentence(8)}\n- ${sentence(20)}\n- ${sentence(5)}`;
    return Array.from({ length: 1 + random(2) }, () => sentence(6 + random(60))).join('\n\n');
  };
  const out = ['# Global Alliance – 2014 Reporting Form', '', 'Country: Testland', ''];
  for (let t = 1; t <= 5; t++) {
    out.push(`## Policy Target No. ${t}`, '', sentence(12 + random(20)), '');
    for (let g = 1; g <= 3; g++) {
      out.push(`### Operational Goal: ${sentence(15 + random(25))}`, '');
      for (const q of ['A', 'B', 'C']) {
        out.push(`#### ${q}) Please report on ${sentence(6 + random(14))}`, '');
        if (options.countries) {
          for (const country of ['Albania', 'Ghana', 'Kosovo', 'Peru']) out.push(`##### ${country}`, '', answer(), '');
        } else {
          out.push(answer(), '');
        }
      }
    }
  }
  return out.join('\n');
}

describe('PDF page layout: the Kosovo 2014 report', () => {
  let project: Awaited<ReturnType<typeof makeProject>>;
  let pdf: PdfReadResult;
  /** The report's pages after its title page (the cover stands alone by design). */
  let report: PdfReadResult;
  let paragraphs: Set<string>;

  beforeAll(async () => {
    project = await makeProject({ withKosovo: true });
    const result = await runInProcess(['build', '2014', 'kosovo', '--format', 'md,pdf'], project.dir, {
      SOURCE_DATE_EPOCH: '1420070400',
    });
    expect(result.exitCode, result.stderr).toBe(0);
    pdf = await readPdf(await readFile(join(project.dir, 'out', '2014', 'kosovo.pdf')));
    report = { ...pdf, pageDetails: pdf.pageDetails.slice(1), numPages: pdf.numPages - 1 };
    paragraphs = paragraphTexts(parse(await readFile(join(project.dir, 'out', '2014', 'kosovo.md'), 'utf8')));
  });

  it('opens with a title page that holds the title, the country and the date, and no report text', () => {
    const cover = contentLines(pdf.pageDetails[0] as PdfPageDetails).map((line) => line.text);
    expect(cover.join(' ')).toContain('Kosovo');
    expect(cover.join(' ')).toContain('1 January 2015');
    expect(cover.some((text) => text.includes('Policy Target'))).toBe(false);
  });
  afterAll(() => project?.cleanup());

  it('ends no page with a heading', () => {
    expect(pagesEndingWithHeading(pdf)).toEqual([]);
  });

  it('keeps each heading with at least two lines of what follows it', () => {
    expect(headingsLeftWithoutContent(pdf)).toEqual([]);
  });

  it('keeps a target or a goal on the page of its first goal or question', () => {
    expect(headingsApartFromTheirFirstSubsection(report)).toEqual([]);
  });

  it('sets targets, goals and questions apart: goals in a regular face, smaller than targets', () => {
    const items = pdf.pageDetails.flatMap((page) => page.items).filter((item) => item.str.trim());
    /** The face and size most of a tag's text is set in. */
    const style = (tag: string) => {
      const counts = new Map<string, number>();
      for (const item of items.filter((i) => i.tag === tag)) {
        const key = `${item.fontName} ${Math.round(item.height * 10) / 10}`;
        counts.set(key, (counts.get(key) ?? 0) + item.str.length);
      }
      const [font, size] = ([...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? ' 0').split(' ');
      return { font, size: Number(size) };
    };
    const [target, goal, question] = [style('H2'), style('H3'), style('H4')];
    // The regular face of the headings' family (Noto Sans; the body is Noto Serif), not bold: the
    // running header's face.
    const header = items.find((item) => item.artifact && item.str.includes('Kosovo'));
    expect(goal.font).toBe(header?.fontName);
    expect(target.font).not.toBe(goal.font);
    expect(question.font).not.toBe(goal.font);
    expect(goal.size).toBeGreaterThanOrEqual(12);
    expect(goal.size).toBeLessThanOrEqual(13);
    expect(target.size).toBeGreaterThan(goal.size);
    expect(goal.size).toBeGreaterThan(question.size);
  });

  it('leaves no single line of a paragraph alone at the top or the foot of a page', () => {
    expect(lonelyLines(report, paragraphs)).toEqual([]);
  });

  it('names the policy target of each page from page 2 on in the running header', () => {
    expect(pdf.numPages).toBeGreaterThan(2);
    expect(wrongRunningHeaders(pdf, 2)).toEqual([]);
    expect(headerText(pdf.pageDetails[1] as PdfPageDetails)).toContain('Kosovo');
  });
});

describe('PDF page layout: generated reports of many short answers', () => {
  const seeds = [1, 2, 3, 4];
  const reports: Array<{ seed: number; pdf: PdfReadResult; paragraphs: Set<string> }> = [];

  beforeAll(async () => {
    for (const seed of seeds) {
      const tree = parse(generatedReport(seed));
      reports.push({ seed, pdf: await readPdf(await renderPdf(tree, OPTIONS)), paragraphs: paragraphTexts(tree) });
    }
  }, 60_000);

  it('ends no page with a heading', () => {
    for (const { seed, pdf } of reports) expect(pagesEndingWithHeading(pdf), `seed ${seed}`).toEqual([]);
  });

  it('keeps each heading with at least two lines of what follows it', () => {
    for (const { seed, pdf } of reports) expect(headingsLeftWithoutContent(pdf), `seed ${seed}`).toEqual([]);
  });

  it('keeps a target or a goal on the page of its first goal or question', () => {
    for (const { seed, pdf } of reports) {
      expect(headingsApartFromTheirFirstSubsection(pdf), `seed ${seed}`).toEqual([]);
    }
  });

  it('leaves no single line of a paragraph alone at the top or the foot of a page', () => {
    for (const { seed, pdf, paragraphs } of reports) expect(lonelyLines(pdf, paragraphs), `seed ${seed}`).toEqual([]);
  });

  it('names the target of each page in the running header', () => {
    for (const { seed, pdf } of reports) {
      expect(pdf.numPages, `seed ${seed}`).toBeGreaterThan(4);
      expect(wrongRunningHeaders(pdf, 2), `seed ${seed}`).toEqual([]);
    }
  });
});

describe('PDF page layout: a consolidated report (countries under each question)', () => {
  let pdf: PdfReadResult;
  let paragraphs: Set<string>;

  beforeAll(async () => {
    const tree = parse(generatedReport(7, { countries: true }));
    paragraphs = paragraphTexts(tree);
    pdf = await readPdf(await renderPdf(tree, { ...OPTIONS, runningHeader: '2014 – all countries' }));
  }, 60_000);

  it('names the target and the goal of each page in the running header', () => {
    expect(wrongRunningHeaders(pdf, 2)).toEqual([]);
    expect(wrongRunningHeaders(pdf, 3)).toEqual([]);
  });

  it('ends no page with a heading and splits no paragraph to a single line', () => {
    expect(pagesEndingWithHeading(pdf)).toEqual([]);
    expect(headingsLeftWithoutContent(pdf)).toEqual([]);
    expect(headingsApartFromTheirFirstSubsection(pdf)).toEqual([]);
    expect(lonelyLines(pdf, paragraphs)).toEqual([]);
  });
});

describe('PDF page layout: three-line paragraphs near the foot of a page', () => {
  it('never leaves one of their lines alone: the paragraph moves whole', async () => {
    const three = `Three lines ${'of words that wrap around '.repeat(8)}`;
    const found: string[] = [];
    // Leads of one to three lines and 27 to 31 one-line paragraphs put the paragraph at every
    // height near the foot of page 1, including where only two of its lines fit.
    for (let lead = 1; lead <= 3; lead++) {
      for (let filler = 27; filler <= 31; filler++) {
        const markdown = [
          `Lead ${'text that makes the first paragraph longer '.repeat(lead * 2)}`,
          ...Array.from({ length: filler }, (_, i) => `Filler ${i}.`),
          three,
          'After.',
        ].join('\n\n');
        const tree = parse(markdown);
        const pdf = await readPdf(await renderPdf(tree, OPTIONS));
        found.push(...lonelyLines(pdf, paragraphTexts(tree)).map((line) => `${lead}/${filler}: ${line}`));
      }
    }
    expect(found).toEqual([]);
  }, 60_000);
});
