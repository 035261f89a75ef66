/**
 * `gareport build <year>`: every country of a year at once (worker threads through the real
 * binary, in-process where the thread pool does not matter), the consolidated report, the index
 * page, incremental rebuilds, reproducible output and --changed-since.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, rm, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Element, Root as HastRoot, RootContent } from 'hast';
import rehypeParse from 'rehype-parse';
import { unified } from 'unified';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.js';
import type { StatusResult } from '../src/commands/status.js';
import type { CliResult } from './helpers/cli.js';
import { makeProject, repoRoot, runBinary, runInProcess } from './helpers/cli.js';
import type { GeneratedCountry } from './helpers/countries.js';
import {
  breakCountry,
  byName,
  bySlug,
  changedFiles,
  editReportFile,
  makeCountries,
  ownFormAndTemplates,
  snapshotFiles,
} from './helpers/countries.js';
import { readPdf } from './helpers/pdf-reader.js';

/** Five varied countries (Unicode names, a long one, an apostrophe) beside Kosovo's own report. */
const SLUGS = ['turkiye', 'greece', 'ukraine', 'cote-d-ivoire', 'united-kingdom'];
/** 2015-01-01T00:00:00Z */
const EPOCH = '1420070400';
const FORMATS = ['md', 'html', 'pdf'] as const;
const YEAR_FILES = ['all-countries.md', 'all-countries.html', 'all-countries.pdf', 'index.html'];
const MANIFEST = '2014/.gareport-build.json';
const MARKER_GOAL = 'Increase the speed of notice and takedown procedures';

type Project = Awaited<ReturnType<typeof makeProject>>;

async function sixCountries(): Promise<{ project: Project; countries: GeneratedCountry[] }> {
  const project = await makeProject();
  const countries = bySlug(await makeCountries(project.dir, 1 + SLUGS.length, { kosovo: true, slugs: SLUGS }));
  return { project, countries };
}

const outFile = (dir: string, name: string, out = 'out') => join(dir, out, '2014', name);

function parseHtml(html: string): HastRoot {
  return unified().use(rehypeParse).parse(html);
}

function* elements(node: HastRoot | RootContent): Generator<Element> {
  if (node.type === 'element') yield node;
  if ('children' in node) for (const child of node.children) yield* elements(child);
}

function textContent(node: HastRoot | RootContent): string {
  if (node.type === 'text') return node.value;
  if ('children' in node) return node.children.map(textContent).join('');
  return '';
}

/** The document as a flat list of blocks: headings (level 1–6) and the text between them. */
function blocks(tree: HastRoot): { level: number; text: string }[] {
  const out: { level: number; text: string }[] = [{ level: 0, text: '' }];
  const visit = (node: HastRoot | RootContent) => {
    if (node.type === 'element' && /^h[1-6]$/.test(node.tagName)) {
      out.push({ level: Number(node.tagName[1]), text: textContent(node) }, { level: 0, text: '' });
      return;
    }
    if (node.type === 'element' && (node.tagName === 'nav' || node.tagName === 'head')) return;
    if (node.type === 'text') {
      const last = out[out.length - 1];
      if (last) last.text += node.value;
    }
    if ('children' in node) for (const child of node.children) visit(child);
  };
  visit(tree);
  return out.filter((b) => b.level > 0 || b.text.trim());
}

/**
 * The consolidated report's section of one question: the country headings under it and the text
 * under each, from Markdown ("#### A) …" then "##### Country").
 */
function markdownSection(markdown: string, goal: string, question: string): { name: string; text: string }[] {
  const lines = markdown.split('\n');
  const goalAt = lines.findIndex((l) => l.startsWith('### ') && l.includes(goal));
  expect(goalAt, `goal heading containing "${goal}"`).toBeGreaterThan(0);
  const questionAt = lines.findIndex((l, i) => i > goalAt && l.startsWith(`#### ${question}) `));
  expect(questionAt).toBeGreaterThan(goalAt);
  let end = lines.findIndex((l, i) => i > questionAt && /^#{1,4} /.test(l));
  if (end < 0) end = lines.length;
  const entries: { name: string; text: string }[] = [];
  for (const line of lines.slice(questionAt + 1, end)) {
    if (line.startsWith('##### ')) entries.push({ name: line.slice(6).trim(), text: '' });
    else {
      const last = entries[entries.length - 1];
      if (last) last.text += `${line}\n`;
    }
  }
  return entries;
}

/** The same from HTML: the h5 headings after the question's h4, up to the next h2–h4. */
function htmlSection(html: string, goal: string, question: string): { name: string; text: string }[] {
  const list = blocks(parseHtml(html));
  const goalAt = list.findIndex((b) => b.level === 3 && b.text.includes(goal));
  expect(goalAt, `goal heading containing "${goal}"`).toBeGreaterThan(0);
  const questionAt = list.findIndex((b, i) => i > goalAt && b.level === 4 && b.text.startsWith(`${question})`));
  expect(questionAt).toBeGreaterThan(goalAt);
  const entries: { name: string; text: string }[] = [];
  for (const b of list.slice(questionAt + 1)) {
    if (b.level >= 1 && b.level <= 4) break;
    if (b.level === 5) entries.push({ name: b.text.trim(), text: '' });
    else {
      const last = entries[entries.length - 1];
      if (last) last.text += b.text;
    }
  }
  return entries;
}

/** What a country's answer to the marker question looks like in the consolidated report. */
function expectedMarker(country: GeneratedCountry): string {
  return country.marker || 'Nothing to report.';
}

const squash = (text: string) => text.replace(/\s+/g, ' ').trim();
/** A name as HTML and PDF print it, with typographic apostrophes. */
const typographic = (text: string) => text.replace(/(?<=\p{L})'(?=\p{L})/gu, '’');

/**
 * The six countries built once through the binary, shared: 'every country at once' reads the
 * build, then 'incremental builds' (which runs after it) edits the project and builds again. The
 * project has its own copy of the form and templates (same bytes as gareport's) for those edits.
 * A copy elsewhere would not do: the build record fingerprints the project's paths.
 */
let shared: Promise<{ project: Project; countries: GeneratedCountry[]; result: CliResult }> | undefined;
function builtSixCountries() {
  shared ??= (async () => {
    const { project, countries } = await sixCountries();
    await ownFormAndTemplates(project.dir);
    const result = await runBinary(['build', '2014'], project.dir, { SOURCE_DATE_EPOCH: EPOCH });
    return { project, countries, result };
  })();
  return shared;
}
afterAll(async () => {
  if (shared) await (await shared).project.cleanup();
});

describe('build 2014: every country at once (the binary, on worker threads)', () => {
  let project: Project;
  let countries: GeneratedCountry[];
  let result: CliResult;

  beforeAll(async () => {
    ({ project, countries, result } = await builtSixCountries());
  });

  it('builds every country in three formats, the consolidated report and the index', () => {
    expect(result.stderr).not.toMatch(/error|not built/);
    expect(result.exitCode).toBe(0);
    for (const country of countries) {
      for (const format of FORMATS) expect(existsSync(outFile(project.dir, `${country.slug}.${format}`))).toBe(true);
    }
    for (const name of YEAR_FILES) expect(existsSync(outFile(project.dir, name))).toBe(true);
    expect(result.stdout).toMatch(/^6 reports built$/m);
  });

  it('renders each country with its own name and answers', async () => {
    for (const country of countries) {
      const markdown = await readFile(outFile(project.dir, `${country.slug}.md`), 'utf8');
      expect(markdown).toContain(country.name);
      if (country.marker) expect(squash(markdown)).toContain(country.marker);
    }
  });

  it('consolidated Markdown: under each question, every country in order with its own answer', async () => {
    const markdown = await readFile(outFile(project.dir, 'all-countries.md'), 'utf8');
    const section = markdownSection(markdown, MARKER_GOAL, 'A');
    expect(section.map((e) => e.name)).toEqual(byName(countries).map((c) => c.name));
    section.forEach((entry, i) => {
      const country = byName(countries)[i] as GeneratedCountry;
      expect(squash(entry.text)).toContain(expectedMarker(country));
      // Nobody else's answer leaks into this country's place.
      for (const other of countries)
        if (other !== country && other.marker) expect(entry.text).not.toContain(other.marker);
    });
    // Every question of the form has one entry per country (7 goals × 3 questions): a heading, or
    // its name on the question's "Not answered:" line.
    const notAnswered = [...markdown.matchAll(/^\*Not answered:\* (.+)$/gm)].flatMap((m) => m[1]?.split(', ') ?? []);
    expect(notAnswered.length).toBeGreaterThan(0);
    expect((markdown.match(/^##### /gm)?.length ?? 0) + notAnswered.length).toBe(21 * countries.length);
    // A "nothing to report" answer is shown as such.
    expect(markdown).toContain('*Nothing to report.*');
  });

  it('consolidated HTML: the same organisation, target → goal → question → country', async () => {
    const html = await readFile(outFile(project.dir, 'all-countries.html'), 'utf8');
    const section = htmlSection(html, MARKER_GOAL, 'A');
    // HTML and PDF have typographic apostrophes: Côte d’Ivoire.
    expect(section.map((e) => e.name)).toEqual(byName(countries).map((c) => typographic(c.name)));
    section.forEach((entry, i) => {
      expect(squash(entry.text)).toContain(typographic(expectedMarker(byName(countries)[i] as GeneratedCountry)));
    });
    const headings = [...elements(parseHtml(html))].filter((e) => /^h[2-5]$/.test(e.tagName));
    const article = headings.filter((h) => h.properties.id !== 'contents-title');
    expect(article.filter((h) => h.tagName === 'h2').map((h) => textContent(h))).toEqual(
      [1, 2, 3, 4].map((n) => `Policy Target No. ${n}`),
    );
    expect(article.filter((h) => h.tagName === 'h3')).toHaveLength(7);
    expect(article.filter((h) => h.tagName === 'h4')).toHaveLength(21);
    const notAnswered = [...elements(parseHtml(html))]
      .filter((e) => e.tagName === 'p' && textContent(e).startsWith('Not answered: '))
      .flatMap((p) => textContent(p).slice('Not answered: '.length).split(', '));
    expect(article.filter((h) => h.tagName === 'h5').length + notAnswered.length).toBe(21 * countries.length);
    const ids = [...elements(parseHtml(html))].map((e) => e.properties.id).filter(Boolean);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('consolidated PDF: outline of targets → goals, a title page, then "Page N of M" on every page, every country', async () => {
    const pdf = await readPdf(await readFile(outFile(project.dir, 'all-countries.pdf')), { structTree: false });
    expect(pdf.outline.map((item) => item.title)).toEqual([1, 2, 3, 4].map((n) => `Policy Target No. ${n}`));
    expect(pdf.outline.map((item) => item.children.length)).toEqual([1, 2, 2, 2]);
    expect(pdf.outline[3]?.children[1]?.title).toContain(MARKER_GOAL);
    expect(pdf.numPages).toBeGreaterThan(5);
    expect(squash(pdf.pages[0] ?? '')).toContain('All countries Reporting year 2014');
    expect(pdf.pages[0]).not.toMatch(/Page \d+ of/);
    pdf.pages.slice(1).forEach((page, i) => {
      expect(page).toContain(`Page ${i + 2} of ${pdf.numPages}`);
    });
    const text = squash(pdf.contentText);
    for (const country of countries) {
      expect(text).toContain(typographic(country.name));
      if (country.marker) expect(text).toContain(typographic(country.marker));
    }
    expect(pdf.info.Title).toContain('all countries');
  });

  it('index.html links to files that exist and shows the completeness `status --format json` reports', async () => {
    const html = await readFile(outFile(project.dir, 'index.html'), 'utf8');
    const tree = parseHtml(html);
    const hrefs = [...elements(tree)]
      .filter((e) => e.tagName === 'a')
      .map((e) => String(e.properties.href ?? ''))
      .filter((href) => !href.startsWith('#'));
    // Three formats for six countries and the consolidated report.
    expect(hrefs).toHaveLength(3 * (countries.length + 1));
    for (const href of hrefs) {
      expect(href).not.toMatch(/^[a-z]+:|^\//);
      expect(existsSync(join(project.dir, 'out', '2014', decodeURIComponent(href))), href).toBe(true);
    }
    const status = await runInProcess(['status', '2014', '--format', 'json'], project.dir);
    expect(status.exitCode).toBe(0);
    const json = JSON.parse(status.stdout) as StatusResult;
    const tables = [...elements(tree)].filter((e) => e.tagName === 'table');
    expect(tables).toHaveLength(2);
    const [reports, matrix] = tables as [Element, Element];
    const rowsOf = (table: Element) =>
      [...elements(table)]
        .filter((e) => e.tagName === 'tr')
        .map((tr) => tr.children.filter((c): c is Element => c.type === 'element').map((c) => squash(textContent(c))))
        .filter((cells) => cells[0] !== 'Country');
    const percentByName = new Map(rowsOf(reports).map((cells) => [cells[0], cells[2]]));
    expect(percentByName.size).toBe(countries.length);
    for (const row of json.rows) {
      expect(percentByName.get(row.name), row.name).toBe(`${row.completeness?.percent}%`);
      const generated = countries.find((c) => c.slug === row.country);
      expect(row.completeness?.percent).toBe(generated?.completeness.percent);
    }
    // The status matrix: per goal "answered or nothing to report / questions", then the three counts.
    const matrixRows = rowsOf(matrix);
    expect(matrixRows).toHaveLength(countries.length);
    for (const row of json.rows) {
      const cells = matrixRows.find((cells) => cells[0] === row.name);
      const c = row.completeness;
      expect(cells).toEqual([
        row.name,
        ...(c?.goals ?? []).map((g) => `${g.answered + g.nothingToReport}/${g.questions.length}`),
        String(c?.answered),
        String(c?.nothingToReport),
        String(c?.unanswered),
      ]);
    }
  });

  it('is reproducible: a second build elsewhere with the same SOURCE_DATE_EPOCH is byte-identical', async () => {
    // In-process, on the test thread's kept workers: the same bytes as the binary's fresh process.
    const again = await runInProcess(['build', '2014', '--out', 'again'], project.dir, { SOURCE_DATE_EPOCH: EPOCH });
    expect(again.exitCode).toBe(0);
    const first = await snapshotFiles(join(project.dir, 'out'));
    const second = await snapshotFiles(join(project.dir, 'again'));
    // The build manifest records file times (build state, not output); everything else must match.
    first.delete(MANIFEST);
    second.delete(MANIFEST);
    expect([...second.keys()].sort()).toEqual([...first.keys()].sort());
    expect(first.size).toBe(countries.length * 3 + YEAR_FILES.length);
    for (const [path, state] of first) expect(second.get(path)?.sha256, path).toBe(state.sha256);
  });

  it('stamps SOURCE_DATE_EPOCH as the creation date of every PDF', async () => {
    for (const name of ['all-countries.pdf', `${countries[0]?.slug}.pdf`, 'turkiye.pdf']) {
      const pdf = await readPdf(await readFile(outFile(project.dir, name)), { structTree: false });
      expect(pdf.info.CreationDate, name).toMatch(/^D:20150101000000/);
    }
  });
});

describe('build 2014 with one broken country', () => {
  let project: Project;
  let countries: GeneratedCountry[];
  let result: Awaited<ReturnType<typeof runBinary>>;

  beforeAll(async () => {
    ({ project, countries } = await sixCountries());
    await breakCountry(project.dir, 'ukraine');
    result = await runBinary(['build', '2014', '--format', 'md,html'], project.dir);
  });
  afterAll(() => project.cleanup());

  it('exits 1 and still builds every other country', () => {
    expect(result.exitCode).toBe(1);
    for (const country of countries) {
      const built = existsSync(outFile(project.dir, `${country.slug}.html`));
      expect(built, country.slug).toBe(country.slug !== 'ukraine');
    }
    expect(existsSync(outFile(project.dir, 'ukraine.md'))).toBe(false);
    expect(result.stdout).toMatch(/^5 reports built, 1 failed$/m);
  });

  it('names the broken country and why in the summary, with the diagnostic and its position', () => {
    expect(result.stderr).toMatch(/^not built 2014 ukraine: 1 error in the answers$/m);
    expect(result.stderr).toContain('reports/2014/ukraine/target-4.yaml:3:3');
    expect(result.stderr).toMatch(/unknown goal `notice-takedown`/);
    expect(result.stderr).not.toMatch(/^\s+at /m);
  });

  it('shows it as invalid in the index, without links', async () => {
    const tree = parseHtml(await readFile(outFile(project.dir, 'index.html'), 'utf8'));
    const row = [...elements(tree)].find(
      (e) => e.tagName === 'tr' && textContent(e).includes('Україна') && textContent(e).includes('not built'),
    );
    expect(row).toBeDefined();
    expect(squash(textContent(row as Element))).toMatch(/not built: 1 error in the answers/);
    expect([...elements(row as Element)].filter((e) => e.tagName === 'a')).toHaveLength(0);
    expect(textContent(tree)).toMatch(/invalid answers/);
  });

  it('leaves it out of the consolidated report, with a note', async () => {
    const markdown = await readFile(outFile(project.dir, 'all-countries.md'), 'utf8');
    expect(markdown).toMatch(/Not included because their answers have errors: Україна\./);
    expect(markdown).not.toContain('##### Україна');
    const section = markdownSection(markdown, MARKER_GOAL, 'A');
    expect(section.map((e) => e.name)).toEqual(
      byName(countries)
        .filter((c) => c.slug !== 'ukraine')
        .map((c) => c.name),
    );
  });

  it('`status` shows it as invalid and exits 1', async () => {
    const status = await runInProcess(['status', '2014', '--format', 'json'], project.dir);
    expect(status.exitCode).toBe(1);
    const row = (JSON.parse(status.stdout) as StatusResult).rows.find((r) => r.country === 'ukraine');
    expect(row?.errors).toBe(1);
    expect(row?.completeness).toBeUndefined();
  });
});

describe('incremental builds', () => {
  let project: Project;
  let countries: GeneratedCountry[];
  const out = () => join(project.dir, 'out');
  // The same SOURCE_DATE_EPOCH as the first build: a build with another date rebuilds everything.
  // In-process, on the test run's kept build workers (see tests/helpers/keep-workers.ts): so the
  // template and form edits below also show that a kept worker renders each build afresh.
  const build = (...args: string[]) =>
    runInProcess(['build', '2014', ...args], project.dir, { SOURCE_DATE_EPOCH: EPOCH });
  const others = (slug: string) => countries.filter((c) => c.slug !== slug);

  beforeAll(async () => {
    // The shared build (see builtSixCountries), with the project's own form and templates to edit.
    const built = await builtSixCountries();
    ({ project, countries } = built);
    expect(built.result.exitCode).toBe(0);
  });

  it('a second build writes nothing (same bytes, same mtimes, manifest included) and says so', async () => {
    const before = await snapshotFiles(out());
    expect(before.has(MANIFEST)).toBe(true);
    const again = await build();
    expect(again.exitCode).toBe(0);
    expect(changedFiles(before, await snapshotFiles(out()))).toEqual([]);
    expect(again.stdout).toMatch(/^0 reports built, 6 up to date$/m);
    expect(again.stdout).not.toMatch(/^built /m);
  });

  it('editing one answer rebuilds that country and the year files only', async () => {
    const before = await snapshotFiles(out());
    await editReportFile(project.dir, 'turkiye', 'target-4.yaml', 'notices to hosting providers', 'takedown notices');
    const result = await build();
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/^1 report built, 5 up to date$/m);
    expect(result.stdout).toMatch(/^built 2014 turkiye: /m);
    const changed = changedFiles(before, await snapshotFiles(out()));
    expect(changed).toEqual(expect.arrayContaining(['2014/turkiye.md', '2014/all-countries.md', MANIFEST]));
    const allowed = new Set([
      ...FORMATS.map((f) => `2014/turkiye.${f}`),
      ...YEAR_FILES.map((f) => `2014/${f}`),
      MANIFEST,
    ]);
    for (const path of changed) expect(allowed.has(path), path).toBe(true);
    for (const country of others('turkiye')) {
      for (const format of FORMATS) expect(changed).not.toContain(`2014/${country.slug}.${format}`);
    }
    const markdown = await readFile(join(out(), '2014', 'all-countries.md'), 'utf8');
    expect(markdown).toContain('takedown notices');
  });

  it('deleting an output file rebuilds that country', async () => {
    await unlink(join(out(), '2014', 'greece.html'));
    const before = await snapshotFiles(out());
    const result = await build();
    expect(result.stdout).toMatch(/^1 report built, 5 up to date$/m);
    expect(existsSync(join(out(), '2014', 'greece.html'))).toBe(true);
    // Only the re-created file and the manifest; greece.md and greece.pdf have the same bytes and stay.
    expect(changedFiles(before, await snapshotFiles(out()))).toEqual([MANIFEST, '2014/greece.html'].sort());
  });

  it('--force re-renders everything, yet files with identical bytes keep their mtime', async () => {
    const before = await snapshotFiles(out());
    const result = await build('--force');
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/^6 reports built$/m);
    expect(result.stdout).toMatch(/^built out\/2014\/all-countries\.pdf$/m);
    expect(changedFiles(before, await snapshotFiles(out()))).toEqual([]);
  });

  it('editing a template rebuilds every country', async () => {
    const before = await snapshotFiles(out());
    const css = join(project.dir, 'templates', 'report.css');
    await writeFile(css, `${await readFile(css, 'utf8')}\n/* edited for a test */\n`);
    const result = await build();
    expect(result.stdout).toMatch(/^6 reports built$/m);
    const changed = changedFiles(before, await snapshotFiles(out()));
    // The stylesheet is part of every HTML page (and of the index), not of Markdown or PDF.
    expect(changed).toEqual(
      [...countries.map((c) => `2014/${c.slug}.html`), '2014/all-countries.html', '2014/index.html', MANIFEST].sort(),
    );
  });

  it('editing the form rebuilds every country', async () => {
    const before = await snapshotFiles(out());
    const form = join(project.dir, 'forms', '2014.yaml');
    const text = await readFile(form, 'utf8');
    await writeFile(
      form,
      text.replace('Please indicate specific actions that your country', 'Please list the actions that your country'),
    );
    const result = await build();
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/^6 reports built$/m);
    const changed = changedFiles(before, await snapshotFiles(out()));
    for (const country of countries) expect(changed).toContain(`2014/${country.slug}.md`);
    expect(await readFile(join(out(), '2014', 'kosovo.md'), 'utf8')).toContain('Please list the actions');
  });
});

describe('build output options', () => {
  let project: Project;

  beforeAll(async () => {
    ({ project } = await sixCountries());
  });
  afterAll(() => project.cleanup());

  it('--quiet prints nothing on success', async () => {
    const result = await runInProcess(['build', '2014', '--quiet', '--format', 'md', '--out', 'quiet'], project.dir);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe('');
    expect(existsSync(join(project.dir, 'quiet', '2014', 'all-countries.md'))).toBe(true);
  });

  it('--verbose prints the warnings and every report built', async () => {
    const result = await runInProcess(
      ['build', '2014', '--verbose', '--format', 'md', '--out', 'verbose'],
      project.dir,
    );
    expect(result.exitCode).toBe(0);
    expect(result.stderr).toMatch(/warning/);
    expect(result.stderr).toMatch(/reports\/2014\/kosovo\/target-4\.yaml:\d+:\d+/);
    for (const slug of ['kosovo', ...SLUGS]) expect(result.stdout).toMatch(new RegExp(`^built 2014 ${slug}: `, 'm'));
  });

  it('on a terminal, shows progress as the reports are built', async () => {
    let stderr = '';
    const exitCode = await main(['build', '2014', '--format', 'md', '--out', 'tty'], {
      cwd: project.dir,
      env: {},
      stdout: () => undefined,
      stderr: (text) => {
        stderr += text;
      },
      isTTY: true,
      packageRoot: repoRoot,
    });
    expect(exitCode).toBe(0);
    const updates = stderr.split('\r\x1b[K').filter(Boolean);
    expect(updates.map((u) => u.replace(/ 2014 .*/s, ''))).toEqual([1, 2, 3, 4, 5, 6].map((n) => `[${n}/6]`));
    expect(updates.at(-1)).toMatch(/\n$/);
    // Not in CI, and not with --quiet.
    const ci = await runInProcess(['build', '2014', '--format', 'md', '--out', 'tty-ci', '--force'], project.dir, {
      CI: 'true',
    });
    expect(ci.stderr).not.toContain('\r');
  });

  it('without either, a run with more than three reports prints a summary and a pointer to the warnings', async () => {
    const result = await runBinary(['build', '2014', '--format', 'md', '--out', 'plain'], project.dir);
    expect(result.stdout).toMatch(/^6 reports built$/m);
    expect(result.stdout).not.toMatch(/^built 2014 /m);
    expect(result.stderr).toMatch(/^\d+ warnings; run `gareport validate` to see them$/m);
    // Not a terminal: one plain progress line per report, nothing rewritten in place.
    expect(result.stderr).not.toContain('\r');
    const progress = result.stderr.split('\n').filter((line) => line.startsWith('['));
    expect(progress.map((line) => line.replace(/ 2014 .*/, ''))).toEqual([1, 2, 3, 4, 5, 6].map((n) => `[${n}/6]`));
    for (const line of progress) expect(line).toMatch(/^\[\d\/6\] 2014 [a-z-]+ {2}\d+\.\d s$/);
  });
});

describe('build --changed-since (a scratch git repository)', () => {
  let project: Project;
  let countries: GeneratedCountry[];
  const git = async (...args: string[]) =>
    promisify(execFile)(
      'git',
      ['-c', 'user.name=Test', '-c', 'user.email=test@example.org', '-c', 'commit.gpgsign=false', ...args],
      { cwd: project.dir },
    );
  const build = (out: string, ref: string) =>
    runInProcess(['build', '2014', '--changed-since', ref, '--format', 'md', '--out', out], project.dir);

  beforeAll(async () => {
    ({ project, countries } = await sixCountries());
    await ownFormAndTemplates(project.dir);
    await git('init', '-q', '-b', 'main');
    await git('add', '-A');
    await git('commit', '-q', '-m', 'reports');
  });
  afterAll(() => project.cleanup());

  it('builds only the country whose files changed (and the year files)', async () => {
    await editReportFile(project.dir, 'greece', 'country.yaml', 'language: el', 'language: en');
    const result = await build('one', 'HEAD');
    expect(result.stderr).not.toMatch(/error/);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/^1 report built\b/m);
    for (const country of countries) {
      expect(existsSync(join(project.dir, 'one', '2014', `${country.slug}.md`)), country.slug).toBe(
        country.slug === 'greece',
      );
    }
    expect(existsSync(join(project.dir, 'one', '2014', 'all-countries.md'))).toBe(true);
    // The index links only to files that exist: the others say they are not built yet.
    const index = await readFile(join(project.dir, 'one', '2014', 'index.html'), 'utf8');
    const hrefs = [...index.matchAll(/href="([^"#]+)"/g)].map((m) => m[1] ?? '');
    expect(hrefs).toContain('greece.md');
    for (const href of hrefs) expect(existsSync(join(project.dir, 'one', '2014', href)), href).toBe(true);
    expect(index.match(/not built yet/g)).toHaveLength(countries.length - 1);
  });

  it('counts a new country that is not committed yet as changed', async () => {
    await makeCountries(project.dir, 1, { slugs: ['japan'] });
    const result = await build('new', 'HEAD');
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/^2 reports built\b/m);
    expect(existsSync(join(project.dir, 'new', '2014', 'japan.md'))).toBe(true);
    expect(existsSync(join(project.dir, 'new', '2014', 'greece.md'))).toBe(true);
    expect(existsSync(join(project.dir, 'new', '2014', 'kosovo.md'))).toBe(false);
    await rm(join(project.dir, 'reports', '2014', 'japan'), { recursive: true });
  });

  it('builds the committed changes since a branch too', async () => {
    await git('branch', 'base');
    await git('commit', '-q', '-am', 'greece in English');
    await editReportFile(project.dir, 'turkiye', 'target-4.yaml', 'notices to hosting providers', 'takedown notices');
    await git('commit', '-q', '-am', 'turkiye');
    const result = await build('since-base', 'base');
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/^2 reports built\b/m);
    expect(existsSync(join(project.dir, 'since-base', '2014', 'greece.md'))).toBe(true);
    expect(existsSync(join(project.dir, 'since-base', '2014', 'turkiye.md'))).toBe(true);
    expect(existsSync(join(project.dir, 'since-base', '2014', 'kosovo.md'))).toBe(false);
  });

  it('a full build after a --changed-since build links every country in the index', async () => {
    // Nothing changed since HEAD: no country is built, and the index says so.
    expect((await build('two', 'HEAD')).exitCode).toBe(0);
    expect(await readFile(join(project.dir, 'two', '2014', 'index.html'), 'utf8')).toContain('not built yet');
    // Same inputs, but now every country is built: the index must follow.
    const full = await runInProcess(['build', '2014', '--format', 'md', '--out', 'two'], project.dir);
    expect(full.exitCode).toBe(0);
    const index = await readFile(join(project.dir, 'two', '2014', 'index.html'), 'utf8');
    expect(index).not.toContain('not built yet');
    for (const country of countries) expect(index).toContain(`href="${country.slug}.md"`);
  });

  it('a change under forms/ builds every country', async () => {
    const form = join(project.dir, 'forms', '2014.yaml');
    await writeFile(form, `${await readFile(form, 'utf8')}\n# edited\n`);
    const result = await build('all', 'HEAD');
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/^6 reports built$/m);
    for (const country of countries)
      expect(existsSync(join(project.dir, 'all', '2014', `${country.slug}.md`))).toBe(true);
  });

  it('a ref that does not exist is a usage error (exit 2), with a message and no stack trace', async () => {
    const result = await build('bad', 'no-such-branch');
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/^gareport: cannot compare with `no-such-branch`: /m);
    expect(result.stderr).toMatch(/hint: /);
    expect(result.stderr).not.toMatch(/^\s+at /m);
    expect(existsSync(join(project.dir, 'bad'))).toBe(false);
    const option = await runInProcess(['build', '2014', '--changed-since=--output=x'], project.dir);
    expect(option.exitCode).toBe(2);
    expect(existsSync(join(project.dir, 'x'))).toBe(false);
  });

  it('the same through the binary', async () => {
    const result = await runBinary(['build', '2014', '--changed-since', 'no-such-branch'], project.dir);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/cannot compare with `no-such-branch`/);
    expect(result.stderr).not.toMatch(/^\s+at /m);
  });
});
