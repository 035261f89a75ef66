/**
 * Issue 9: every answer stays intact under its own question, in the Markdown, HTML and PDF of a
 * country and in the consolidated report. Each output is read back with tools we did not write
 * (remark, rehype-parse, pdfjs, Chromium).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Element, Root as HastRoot, RootContent } from 'hast';
import type { Nodes as MdNodes, Root as MdRoot } from 'mdast';
import rehypeParse from 'rehype-parse';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answersOf } from '../src/compose/answer-tree.js';
import { composeDocument, reportData } from '../src/compose/document.js';
import { createEngine } from '../src/compose/template.js';
import { loadReport } from '../src/model/report.js';
import { writeCountry } from './helpers/answers.js';
import { launchChromium } from './helpers/browser.js';
import { makeProject, repoRoot, runInProcess } from './helpers/cli.js';
import type { PdfReadResult } from './helpers/pdf-reader.js';
import { readPdf } from './helpers/pdf-reader.js';

/** Albania's answers: at each even question, a construct that could stay open; the next question says FOLLOWING-<n>. */
const OPEN: Record<string, string> = {
  fence: 'Before the fence.\n\n```\nFENCED text',
  tilde: '~~~\nTILDE text',
  list: '- LISTED item\n- second item',
  blockquote: '> QUOTED text',
  lazy: '> QUOTED start\nLAZY continuation',
  'html-like text': 'HTMLISH <https://example.org and <b',
  'link definition': 'See [the site][official].\n\n[official]: https://attacker.example/phish',
  footnote: 'Claim[^1].\n\n[^1]: FOOTNOTE of Albania',
};
const CONSTRUCTS = Object.keys(OPEN);
const at = (name: string) => 2 * CONSTRUCTS.indexOf(name);
const AGREE = at('footnote') + 2;
const albania: (string | undefined)[] = CONSTRUCTS.flatMap((name) => [OPEN[name], `FOLLOWING-${at(name)}`]);
albania[AGREE] =
  'Visit [h](HTTPS://example.com).\n\n| name | count |\n| :-- | --: |\n| first | 1 |\n| second | 22222 |';
const kosovo: (string | undefined)[] = Array.from({ length: 21 }, (_, i) => `KOSOVO-${i}`);
kosovo[at('link definition')] =
  'KOSOVO-12 [official statistics][official].\n\n[official]: https://kosovo.example/stats';
kosovo[at('link definition') + 1] = 'KOSOVO-13 no link here: [official].';
kosovo[at('footnote')] = 'KOSOVO-14 claim[^1].\n\n[^1]: FOOTNOTE of Kosovo';

const html = (text: string) => unified().use(rehypeParse).parse(text);
const markdown = (text: string) => unified().use(remarkParse).use(remarkGfm).parse(text);

function* elements(node: HastRoot | RootContent, parents: Element[] = []): Generator<[Element, Element[]]> {
  if (node.type === 'element') yield [node, parents];
  if ('children' in node)
    for (const child of node.children) yield* elements(child, node.type === 'element' ? [...parents, node] : parents);
}
const textOf = (node: HastRoot | RootContent): string =>
  node.type === 'text' ? node.value : 'children' in node ? node.children.map(textOf).join('') : '';

function* mdNodes(node: MdNodes, parent?: MdNodes): Generator<[MdNodes, MdNodes | undefined]> {
  yield [node, parent];
  if ('children' in node) for (const child of node.children) yield* mdNodes(child as MdNodes, node);
}
const mdText = (node: MdNodes): string =>
  'value' in node ? node.value : 'children' in node ? node.children.map((c) => mdText(c as MdNodes)).join('') : '';

/** The paragraph holding `text` is a block of the report itself: not in a list, quote, code or table. */
function htmlTopLevel(tree: HastRoot, text: string): boolean {
  const found = [...elements(tree)].find(([e]) => e.tagName === 'p' && textOf(e).includes(text));
  return !!found && !found[1].some((p) => /^(li|blockquote|pre|code|table)$/.test(p.tagName));
}
function mdTopLevel(tree: MdRoot, text: string): boolean {
  const found = [...mdNodes(tree)].find(([n]) => n.type === 'paragraph' && mdText(n).includes(text));
  return found?.[1]?.type === 'root';
}
function pdfTopLevel(pdf: PdfReadResult, text: string): boolean {
  const items = pdf.pageDetails.flatMap((p) => p.items);
  const margin = Math.min(...items.filter((i) => i.tag === 'H2').map((i) => i.x));
  const item = items.find((i) => i.str.includes(text));
  return item?.tag === 'P' && Math.abs(item.x - margin) < 1;
}
const pdfHeadings = (pdf: PdfReadResult, tag: string) =>
  pdf.pageDetails.flatMap((p) => p.items).filter((i) => i.tag === tag && /^[A-C]\) |^[A-Z]/.test(i.str)).length;

describe('every answer stays inside its question (issue 9)', () => {
  let project: Awaited<ReturnType<typeof makeProject>>;
  const out: Record<string, string> = {};
  const pdfs: Record<string, PdfReadResult> = {};

  beforeAll(async () => {
    project = await makeProject();
    await writeCountry(project.dir, 'albania', 'Albania', albania);
    await writeCountry(project.dir, 'kosovo', 'Kosovo', kosovo);
    const result = await runInProcess(['build', '2014'], project.dir, { SOURCE_DATE_EPOCH: '0' });
    expect(result.stderr).not.toMatch(/ error /);
    expect(result.exitCode).toBe(0);
    for (const name of ['albania', 'kosovo', 'all-countries']) {
      for (const ext of ['md', 'html'])
        out[`${name}.${ext}`] = await readFile(join(project.dir, 'out', '2014', `${name}.${ext}`), 'utf8');
      pdfs[name] = await readPdf(await readFile(join(project.dir, 'out', '2014', `${name}.pdf`)));
    }
  }, 120_000);
  afterAll(() => project.cleanup());

  it('validate warns about the unclosed fence, with its position', async () => {
    const result = await runInProcess(['validate', '2014', 'albania'], project.dir);
    expect(result.stdout + result.stderr).toMatch(
      /reports\/2014\/albania\/target-1\.yaml:7:7 +warning +this code block is never closed/,
    );
  });

  it("each answer is parsed alone, its tree's positions in its YAML file (where validate points)", async () => {
    const { report } = await loadReport({ cwd: project.dir, packageRoot: repoRoot }, 2014, 'albania');
    if (!report) throw new Error('albania does not load');
    const { data, parts } = reportData(report);
    const engine = createEngine([join(repoRoot, 'templates')], { escapeHtml: false });
    const answers = answersOf(await composeDocument(engine, 'report.md.liquid', data, parts));
    expect(answers.map((a) => a.data.answer.question).slice(0, 3)).toEqual(['A', 'B', 'C']);
    const [fence] = answers;
    expect(fence?.data.answer).toMatchObject({ target: 1, goal: 'icse-victim-identification', question: 'A' });
    expect(fence?.data.answer.file).toBe('reports/2014/albania/target-1.yaml');
    const code = fence?.children.find((n) => n.type === 'code');
    expect(code?.position?.start).toMatchObject({ line: 7, column: 7 });
    expect(code?.type === 'code' && code.value).toBe('FENCED text');
  });

  describe.each(CONSTRUCTS)('an open %s', (name) => {
    const next = `FOLLOWING-${at(name)}`;
    it('ends with its answer in the country report (Markdown, HTML, PDF)', () => {
      expect(mdTopLevel(markdown(out['albania.md'] ?? ''), next)).toBe(true);
      expect(htmlTopLevel(html(out['albania.html'] ?? ''), next)).toBe(true);
      expect(pdfTopLevel(pdfs.albania as PdfReadResult, next)).toBe(true);
    });
    it("ends with its answer in the consolidated report: the next country's answer is its own", () => {
      for (const text of [next, `KOSOVO-${at(name)}`]) {
        expect(mdTopLevel(markdown(out['all-countries.md'] ?? ''), text)).toBe(true);
        expect(htmlTopLevel(html(out['all-countries.html'] ?? ''), text)).toBe(true);
        expect(pdfTopLevel(pdfs['all-countries'] as PdfReadResult, text)).toBe(true);
      }
    });
  });

  it('keeps every heading a heading (21 questions; 2 countries under each in the consolidated report)', () => {
    const count = (md: string, depth: number) =>
      [...mdNodes(markdown(md))].filter(([n]) => n.type === 'heading' && n.depth === depth).length;
    const tags = (page: string, tag: string) => [...elements(html(page))].filter(([e]) => e.tagName === tag).length;
    expect(count(out['albania.md'] ?? '', 4)).toBe(21);
    expect(tags(out['albania.html'] ?? '', 'h4')).toBe(21);
    expect(pdfHeadings(pdfs.albania as PdfReadResult, 'H4')).toBe(21);
    expect(count(out['all-countries.md'] ?? '', 5)).toBe(42);
    expect(tags(out['all-countries.html'] ?? '', 'h5')).toBe(42);
    expect(pdfHeadings(pdfs['all-countries'] as PdfReadResult, 'H5')).toBe(42);
  });

  it("Albania's [official] does not take Kosovo's link (consolidated HTML, PDF and Markdown)", () => {
    const links = [...elements(html(out['all-countries.html'] ?? ''))].filter(([e]) => e.tagName === 'a');
    const href = (text: string) => links.find(([e]) => textOf(e) === text)?.[0].properties.href;
    expect(href('official statistics')).toBe('https://kosovo.example/stats');
    expect(href('the site')).toBe('https://attacker.example/phish');
    // An answer without the definition keeps its brackets as text: nobody else's definition applies.
    expect(links.filter(([e]) => textOf(e) === 'official')).toHaveLength(0);
    const urls = (pdfs['all-countries'] as PdfReadResult).pageDetails.flatMap((p) => p.links.map((l) => l.url));
    expect(urls.filter((u) => u?.includes('attacker'))).toHaveLength(1);
    expect(urls.filter((u) => u?.includes('kosovo.example'))).toHaveLength(1);
    const tree = markdown(out['all-countries.md'] ?? '');
    const nodes = [...mdNodes(tree)].map(([n]) => n);
    const definitions = new Map(nodes.flatMap((n) => (n.type === 'definition' ? [[n.identifier, n.url]] : [])));
    const reference = nodes.find((n) => n.type === 'linkReference' && mdText(n) === 'official statistics');
    expect(reference?.type === 'linkReference' && definitions.get(reference.identifier)).toBe(
      'https://kosovo.example/stats',
    );
    expect(mdText(tree)).toContain('no link here: [official]');
  });

  it('footnotes: numbered per report, linked both ways in HTML, no stray heading', () => {
    for (const page of [out['albania.html'] ?? '', out['all-countries.html'] ?? '']) {
      const all = [...elements(html(page))].map(([e]) => e);
      const byId = new Map(all.map((e) => [String(e.properties.id ?? ''), e]));
      const refs = all.filter((e) => e.tagName === 'a' && 'dataFootnoteRef' in e.properties);
      expect(refs.length).toBeGreaterThan(0);
      for (const ref of refs) {
        const note = byId.get(String(ref.properties.href).slice(1));
        expect(note?.tagName).toBe('li');
        const back = [...elements(note as Element)].find(([e]) => 'dataFootnoteBackref' in e.properties)?.[0];
        expect(back?.properties.href).toBe(`#${ref.properties.id}`);
      }
      expect(all.filter((e) => /^h\d$/.test(e.tagName) && textOf(e) === 'Footnotes')).toHaveLength(0);
    }
    const consolidated = [...elements(html(out['all-countries.html'] ?? ''))].map(([e]) => e);
    const note = (id: string) => textOf(consolidated.find((e) => e.properties.id === id) as Element);
    expect(note('fn-1')).toContain('FOOTNOTE of Albania');
    expect(note('fn-2')).toContain('FOOTNOTE of Kosovo');
  });

  it('footnotes: in the PDF as tagged notes at the end of their answer; in Markdown, each its own', () => {
    for (const pdf of [pdfs.albania as PdfReadResult, pdfs['all-countries'] as PdfReadResult]) {
      const text = pdf.contentText;
      expect(text).not.toContain('[^');
      expect(text.indexOf('FOOTNOTE of Albania')).toBeGreaterThan(text.indexOf('Claim[1]'));
      expect(text.indexOf('FOOTNOTE of Albania')).toBeLessThan(text.indexOf('FOLLOWING-14'));
      expect(pdf.structRoles).toContain('Note');
    }
    const tree = markdown(out['all-countries.md'] ?? '');
    const nodes = [...mdNodes(tree)].map(([n]) => n);
    const notes = new Map(nodes.flatMap((n) => (n.type === 'footnoteDefinition' ? [[n.identifier, mdText(n)]] : [])));
    expect(notes.size).toBe(2);
    const kosovoRef = [...mdNodes(tree)].find(
      ([n, parent]) => n.type === 'footnoteReference' && parent && mdText(parent).includes('KOSOVO-14'),
    )?.[0];
    expect(kosovoRef?.type === 'footnoteReference' && notes.get(kosovoRef.identifier)).toBe('FOOTNOTE of Kosovo');
  });

  it('the same answer has the same text, links and table alignment in all three formats', () => {
    const md = [...mdNodes(markdown(out['albania.md'] ?? ''))].map(([n]) => n);
    const mdLinks = md.flatMap((n) => (n.type === 'link' ? [n.url] : []));
    const mdTable = md.find((n) => n.type === 'table');
    const page = [...elements(html(out['albania.html'] ?? ''))].map(([e]) => e);
    const htmlLinks = page.filter((e) => e.tagName === 'a' && textOf(e) === 'h').map((e) => e.properties.href);
    const htmlAlign = page.filter((e) => e.tagName === 'th').map((e) => e.properties.align);
    const pdf = pdfs.albania as PdfReadResult;
    const pdfLinks = pdf.pageDetails.flatMap((p) => p.links.map((l) => l.url));
    expect(mdLinks).toContain('https://example.com');
    expect(htmlLinks).toEqual(['https://example.com']);
    expect(pdfLinks.map((u) => u && new URL(u).href)).toContain('https://example.com/');
    expect(mdTable?.type === 'table' && mdTable.align).toEqual(['left', 'right']);
    expect(htmlAlign).toEqual(['left', 'right']);
    // PDF: the right-aligned column's cells end at the same x, the left-aligned ones start at the same x.
    const items = pdf.pageDetails.flatMap((p) => p.items);
    const cell = (s: string) => items.find((i) => i.str.trim() === s);
    const [count, one, big] = ['count', '1', '22222'].map(cell);
    const [nameCell, first, second] = ['name', 'first', 'second'].map(cell);
    for (const item of [count, one, big, nameCell, first, second]) expect(item).toBeDefined();
    const right = (i: typeof one) => (i ? i.x + i.width : Number.NaN);
    expect(Math.abs(right(one) - right(big))).toBeLessThan(1);
    expect(Math.abs(right(count) - right(big))).toBeLessThan(1);
    expect(Math.abs((first?.x ?? 0) - (second?.x ?? 1))).toBeLessThan(1);
    expect(Math.abs((nameCell?.x ?? 0) - (first?.x ?? 1))).toBeLessThan(1);
    // Same words in all three.
    for (const word of ['Visit', 'first', 'second', '22222'])
      for (const text of [out['albania.md'] ?? '', textOf(html(out['albania.html'] ?? '')), pdf.contentText])
        expect(text).toContain(word);
  });

  it('HTML: a browser shows the columns aligned as written (the stylesheet does not override `align`)', async () => {
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      await page.goto(`file://${join(project.dir, 'out', '2014', 'albania.html')}`);
      const aligns = await page.$$eval('article table tr > *', (cells) =>
        cells.map((cell) => getComputedStyle(cell).textAlign.replace(/^-webkit-/, '')),
      );
      expect(aligns).toEqual(['left', 'right', 'left', 'right', 'left', 'right']);
    } finally {
      await browser.close();
    }
  });
});
