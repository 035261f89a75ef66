/**
 * Issue 11 part 5: the consolidated report. Under each question, a country that answered (or had
 * nothing to report) is a heading one level under the question, styled apart from the questions;
 * the countries that did not answer are named on one line ("Not answered: Albania, Ghana") instead
 * of one "Not answered." each. Read back with pandoc (Markdown and Word), a HTML parser and pdfjs.
 */
import { execFile } from 'node:child_process';
import { cp, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Element, Root as HastRoot, RootContent } from 'hast';
import rehypeParse from 'rehype-parse';
import { unified } from 'unified';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { formQuestions } from './helpers/answers.js';
import { makeProject, repoRoot, runInProcess } from './helpers/cli.js';
import type { PdfReadResult } from './helpers/pdf-reader.js';
import { readPdf } from './helpers/pdf-reader.js';

const QUESTIONS = formQuestions();
/** Every country of the project, in the order of their names. */
const COUNTRIES = [
  ['albania', 'Albania'],
  ['cote-d-ivoire', "Côte d'Ivoire"],
  ['ghana', 'Ghana'],
  ['kosovo', 'Kosovo'],
  ['zambia', 'Zambia'],
] as const;

type Given = string | '--' | null;
/** Answers of the written countries by question index: null is unanswered, `--` nothing to report. */
const WRITTEN: Record<string, (i: number) => Given> = {
  albania: (i) => (i === 3 ? 'ALBANIA-3' : null),
  ghana: (i) => (i % 2 === 1 ? `GHANA-${i}` : null),
  'cote-d-ivoire': (i) => (i >= 15 && i <= 17 ? null : `IVOIRE-${i}`),
  zambia: (i) => (i === 16 ? null : '--'),
};

async function writeCountry(dir: string, slug: string, name: string, answer: (i: number) => Given): Promise<void> {
  const folder = join(dir, 'reports', '2014', slug);
  await mkdir(folder, { recursive: true });
  await writeFile(join(folder, 'country.yaml'), `name: ${JSON.stringify(name)}\n`);
  for (const target of new Set(QUESTIONS.map((q) => q.target))) {
    let yaml = `target: ${target}\ngoals:\n`;
    let goal = '';
    QUESTIONS.forEach((q, i) => {
      if (q.target !== target) return;
      if (q.goal !== goal) {
        goal = q.goal;
        yaml += `  ${goal}:\n`;
      }
      const given = answer(i);
      yaml += `    ${q.question}: ${given === null ? '' : JSON.stringify(given)}\n`;
    });
    await writeFile(join(folder, `target-${target}.yaml`), yaml);
  }
}

type State = 'answered' | 'nothing-to-report' | 'unanswered';

/** What each country's files say about each question (read with the yaml package, not gareport). */
async function statesOf(dir: string): Promise<Map<string, State[]>> {
  const states = new Map<string, State[]>();
  for (const [slug] of COUNTRIES) {
    const files = new Map<number, { goals: Record<string, Record<string, unknown>> }>();
    for (const target of new Set(QUESTIONS.map((q) => q.target))) {
      files.set(target, parse(await readFile(join(dir, 'reports', '2014', slug, `target-${target}.yaml`), 'utf8')));
    }
    states.set(
      slug,
      QUESTIONS.map((q) => {
        const value = files.get(q.target)?.goals[q.goal]?.[q.question];
        if (value === null || value === undefined || String(value).trim() === '') return 'unanswered';
        return String(value).trim() === '--' ? 'nothing-to-report' : 'answered';
      }),
    );
  }
  return states;
}

/** Per question (form order): the countries with a heading, and those named as not answering. */
function expected(states: Map<string, State[]>): { headings: string[]; notAnswered: string[] }[] {
  return QUESTIONS.map((_, i) => ({
    headings: COUNTRIES.filter(([slug]) => states.get(slug)?.[i] !== 'unanswered').map(([, name]) => name),
    notAnswered: COUNTRIES.filter(([slug]) => states.get(slug)?.[i] === 'unanswered').map(([, name]) => name),
  }));
}

// ---- Reading the outputs back -------------------------------------------------------------------

interface PandocInline {
  t: string;
  c?: unknown;
}
interface PandocBlock {
  t: string;
  c?: unknown;
}

function inlineText(inlines: readonly PandocInline[]): string {
  return inlines
    .map((inline) => {
      switch (inline.t) {
        case 'Str':
          return inline.c as string;
        case 'Space':
        case 'SoftBreak':
        case 'LineBreak':
          return ' ';
        case 'Emph':
        case 'Strong':
        case 'Underline':
        case 'SmallCaps':
          return inlineText(inline.c as PandocInline[]);
        case 'Span':
        case 'Link':
        case 'Quoted':
          return inlineText((inline.c as unknown[])[1] as PandocInline[]);
        default:
          return '';
      }
    })
    .join('');
}

/** The document as pandoc reads it: headings (level, text) and paragraphs (level 0). */
async function pandocBlocks(file: string, from: 'gfm' | 'docx'): Promise<{ level: number; text: string }[]> {
  const { stdout } = await promisify(execFile)('pandoc', ['-f', from, '-t', 'json', file], {
    maxBuffer: 64 * 1024 * 1024,
  });
  const blocks = (JSON.parse(stdout) as { blocks: PandocBlock[] }).blocks;
  return blocks.flatMap((block) => {
    if (block.t === 'Header') {
      const [level, , inlines] = block.c as [number, unknown, PandocInline[]];
      return [{ level, text: inlineText(inlines).trim() }];
    }
    if (block.t === 'Para' || block.t === 'Plain') return [{ level: 0, text: inlineText(block.c as PandocInline[]) }];
    return [{ level: 0, text: '' }];
  });
}

/** Per question heading (level `question`), the headings one level under it and the paragraphs before the first. */
function sections(
  blocks: { level: number; text: string }[],
  question: number,
): { question: string; headings: string[]; lead: string[] }[] {
  const found: { question: string; headings: string[]; lead: string[] }[] = [];
  let current: (typeof found)[number] | undefined;
  for (const block of blocks) {
    if (block.level > 0 && block.level < question) {
      current = undefined; // a goal or target
    } else if (block.level === question) {
      current = { question: block.text, headings: [], lead: [] };
      found.push(current);
    } else if (current && block.level === question + 1) {
      current.headings.push(block.text);
    } else if (current && block.level === 0 && current.headings.length === 0 && block.text.trim()) {
      current.lead.push(block.text);
    }
  }
  return found;
}

const html = (text: string) => unified().use(rehypeParse).parse(text);
function* elements(node: HastRoot | RootContent): Generator<Element> {
  if (node.type === 'element') yield node;
  if ('children' in node) for (const child of node.children) yield* elements(child);
}
const textOf = (node: HastRoot | RootContent): string =>
  node.type === 'text' ? node.value : 'children' in node ? node.children.map(textOf).join('') : '';
const classes = (e: Element) => (e.properties.className as string[] | undefined) ?? [];

/** The article of the HTML page as blocks: headings h1–h6 and paragraphs. */
function htmlBlocks(tree: HastRoot): { level: number; text: string; element: Element }[] {
  const article = [...elements(tree)].find((e) => e.tagName === 'article');
  if (!article) throw new Error('no <article>');
  return [...elements(article)]
    .filter((e) => /^(h[1-6]|p)$/.test(e.tagName))
    .map((e) => ({ level: e.tagName === 'p' ? 0 : Number(e.tagName[1]), text: textOf(e).trim(), element: e }));
}

/** Headings of the PDF's structure, in reading order. */
function pdfHeadings(pdf: PdfReadResult, tag: string): string[] {
  const texts: string[] = [];
  let last: string | null = null;
  for (const item of pdf.pageDetails.flatMap((p) => p.items)) {
    if (item.tag !== tag) {
      last = null;
      continue;
    }
    // A heading's lines are one marked content each: consecutive items of the tag are one heading.
    if (last === tag) texts[texts.length - 1] += ` ${item.str}`;
    else texts.push(item.str);
    last = tag;
  }
  return texts.map((t) => t.replace(/\s+/g, ' ').trim()).filter(Boolean);
}

const notAnsweredLine = (names: readonly string[]) => `Not answered: ${names.join(', ')}`;

/** HTML and PDF print names with typographic apostrophes (Côte d’Ivoire); Markdown and Word as written. */
const typographic = (text: string) => text.replace(/(?<=\p{L})'(?=\p{L})/gu, '’');

describe('the consolidated report: countries as headings, one line for those that did not answer', () => {
  let project: Awaited<ReturnType<typeof makeProject>>;
  let want: ReturnType<typeof expected>;
  const file = (name: string) => join(project.dir, 'out', '2014', name);

  beforeAll(async () => {
    project = await makeProject({ withKosovo: true });
    for (const [slug, name] of COUNTRIES) {
      const answer = WRITTEN[slug];
      if (answer) await writeCountry(project.dir, slug, name, answer);
    }
    want = expected(await statesOf(project.dir));
    // The fixture has each case: some countries not answering, nobody answering, everybody answering.
    expect(want[0]?.notAnswered).toEqual(['Albania', 'Ghana']);
    expect(want[16]?.headings).toEqual([]);
    expect(want[3]?.notAnswered).toEqual([]);
    const result = await runInProcess(['build', '2014', '--format', 'md,html,pdf,docx'], project.dir, {
      SOURCE_DATE_EPOCH: '0',
    });
    expect(result.stderr).not.toMatch(/ error /);
    expect(result.exitCode).toBe(0);
  }, 180_000);
  afterAll(() => project.cleanup());

  it('Markdown (pandoc): each question is followed by the not-answered line, then a level-5 heading per country', async () => {
    const found = sections(await pandocBlocks(file('all-countries.md'), 'gfm'), 4);
    expect(found).toHaveLength(QUESTIONS.length);
    found.forEach((section, i) => {
      const { headings, notAnswered } = want[i] ?? { headings: [], notAnswered: [] };
      expect(section.headings, section.question).toEqual(headings);
      expect(section.lead, section.question).toEqual(notAnswered.length ? [notAnsweredLine(notAnswered)] : []);
    });
    expect(await readFile(file('all-countries.md'), 'utf8')).not.toContain('Not answered.');
  });

  it('HTML (parsed): country headings are h5 with class "country", styled apart from the questions (h4)', async () => {
    const page = html(await readFile(file('all-countries.html'), 'utf8'));
    const blocks = htmlBlocks(page);
    const found = sections(blocks, 4);
    expect(found).toHaveLength(QUESTIONS.length);
    found.forEach((section, i) => {
      const { headings, notAnswered } = want[i] ?? { headings: [], notAnswered: [] };
      expect(section.headings, section.question).toEqual(headings.map(typographic));
      expect(section.lead, section.question).toEqual(
        notAnswered.length ? [typographic(notAnsweredLine(notAnswered))] : [],
      );
    });
    for (const block of blocks) {
      if (block.level === 5) expect(classes(block.element)).toContain('country');
      if (block.level === 4) expect(classes(block.element)).not.toContain('country');
    }
    const css = [...elements(page)]
      .filter((e) => e.tagName === 'style')
      .map(textOf)
      .join('\n');
    expect(css).toMatch(/\.country\s*[,{]/);
    expect(textOf(page)).not.toContain('Not answered.');
  });

  it('PDF (pdfjs): the countries are H5 headings in the structure, the not-answered line a paragraph', async () => {
    const pdf = await readPdf(await readFile(file('all-countries.pdf')));
    expect(pdfHeadings(pdf, 'H5')).toEqual(want.flatMap((q) => q.headings).map(typographic));
    expect(pdfHeadings(pdf, 'H4')).toHaveLength(QUESTIONS.length);
    const text = pdf.contentText.replace(/\s+/g, ' ');
    expect(text).toContain(notAnsweredLine(['Albania', 'Ghana']));
    expect(text).toContain(typographic(notAnsweredLine(COUNTRIES.map(([, name]) => name))));
    expect(text).not.toContain('Not answered.');
  });

  it('Word (pandoc): the countries are Heading 5 under the questions (Heading 4)', async () => {
    const found = sections(await pandocBlocks(file('all-countries.docx'), 'docx'), 4);
    expect(found).toHaveLength(QUESTIONS.length);
    found.forEach((section, i) => {
      const { headings, notAnswered } = want[i] ?? { headings: [], notAnswered: [] };
      expect(section.headings, section.question).toEqual(headings);
      expect(section.lead, section.question).toEqual(notAnswered.length ? [notAnsweredLine(notAnswered)] : []);
    });
  });

  it("in the form's language: a French form gives « Sans réponse : … »", async () => {
    // A project of its own: forms are loaded once per process and project.
    const french = await makeProject();
    try {
      await cp(join(project.dir, 'reports'), join(french.dir, 'reports'), { recursive: true });
      const form = await readFile(join(repoRoot, 'forms', '2014.yaml'), 'utf8');
      await mkdir(join(french.dir, 'forms'));
      await writeFile(join(french.dir, 'forms', '2014.yaml'), form.replace(/^language: en$/m, 'language: fr'));
      const result = await runInProcess(['build', '2014', '--format', 'md'], french.dir);
      expect(result.exitCode, result.stderr).toBe(0);
      const found = sections(await pandocBlocks(join(french.dir, 'out', '2014', 'all-countries.md'), 'gfm'), 4);
      expect(found[0]?.lead).toEqual(['Sans réponse\u00A0: Albania, Ghana']);
    } finally {
      await french.cleanup();
    }
  });
});
