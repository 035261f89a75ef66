import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Root as HastRoot, RootContent } from 'hast';
import rehypeParse from 'rehype-parse';
import { unified } from 'unified';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseMarkdown } from '../src/load/parse-markdown.js';
import { renderHtmlParts } from '../src/render/html.js';
import { renderMarkdown } from '../src/render/markdown.js';
import { makeProject, repoRoot, runBinary, runInProcess, withProject } from './helpers/cli.js';
import { expectGolden, withoutStyles } from './helpers/golden.js';
import { firstMissingWord, readSeed, withoutListMarkers } from './helpers/words.js';

function parseHtml(html: string): HastRoot {
  return unified().use(rehypeParse).parse(html);
}

function* elements(node: HastRoot | RootContent): Generator<Extract<RootContent, { type: 'element' }>> {
  if (node.type === 'element') yield node;
  if ('children' in node) for (const child of node.children) yield* elements(child);
}

function textContent(node: HastRoot | RootContent): string {
  if (node.type === 'text') return node.value;
  if ('children' in node)
    return node.children
      .map(textContent)
      .join(node.type === 'element' && /^(p|li|h\d|td|th)$/.test(node.tagName) ? '' : ' ');
  return '';
}

/** mdast without positions, for comparing trees. */
function stripPositions(node: unknown): unknown {
  return JSON.parse(JSON.stringify(node, (key, value) => (key === 'position' ? undefined : value)));
}

describe('build 2014 kosovo (Markdown and HTML)', () => {
  let project: Awaited<ReturnType<typeof makeProject>>;
  let markdown: string;
  let html: string;

  beforeAll(async () => {
    project = await makeProject({ withKosovo: true });
    const result = await runInProcess(['build', '2014', 'kosovo', '--format', 'md,html'], project.dir);
    expect(result.stderr).not.toMatch(/error/);
    expect(result.exitCode).toBe(0);
    markdown = await readFile(join(project.dir, 'out', '2014', 'kosovo.md'), 'utf8');
    html = await readFile(join(project.dir, 'out', '2014', 'kosovo.html'), 'utf8');
  });
  afterAll(() => project.cleanup());

  it('matches the golden Markdown and HTML (UPDATE_GOLDEN=1 npm test to accept a change)', async () => {
    // The golden page leaves out the stylesheet (checked just below), so a CSS change does not rewrite it.
    await expectGolden({ 'kosovo-2014.md': markdown, 'kosovo-2014.html': withoutStyles(html) });
  });

  it('inlines the theme as custom properties and templates/report.css as it is, in one <style> element', async () => {
    const css = await readFile(join(repoRoot, 'templates', 'report.css'), 'utf8');
    const styles = [...html.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => m[1] ?? '');
    expect(styles).toHaveLength(1);
    const [style = ''] = styles;
    expect(style.endsWith(`${css}\n`)).toBe(true);
    // Before report.css: the theme (templates/theme.yaml) as --ga-* custom properties.
    expect(style.slice(0, style.length - css.length - 1)).toMatch(/--ga-[a-z-]+: /);
  });

  it('keeps every word of the seed, in order, in the Markdown and the HTML text', () => {
    const seed = readSeed();
    expect(firstMissingWord(seed, markdown)).toBeUndefined();
    expect(firstMissingWord(withoutListMarkers(seed), textContent(parseHtml(html)))).toBeUndefined();
  });

  it('parses its own Markdown back to the same tree (round trip)', () => {
    const tree = parseMarkdown(markdown);
    expect(renderMarkdown(tree)).toBe(markdown);
    expect(stripPositions(parseMarkdown(renderMarkdown(tree)))).toEqual(stripPositions(tree));
  });

  it('has the report outline: h1 report, h2 targets, h3 goals, h4 questions', () => {
    const headings = [...elements(parseHtml(html))].filter((e) => /^h[1-6]$/.test(e.tagName));
    const article = headings.filter((h) => h.properties.id !== 'contents-title');
    expect(article.filter((h) => h.tagName === 'h1')).toHaveLength(1);
    expect(article.filter((h) => h.tagName === 'h2').map((h) => textContent(h))).toEqual(
      [1, 2, 3, 4].map((n) => `Policy Target No. ${n}`),
    );
    expect(article.filter((h) => h.tagName === 'h3')).toHaveLength(7);
    expect(article.filter((h) => h.tagName === 'h4')).toHaveLength(21);
    // Heading levels never skip (h2 → h4) anywhere in the page.
    let previous = 1;
    for (const h of headings) {
      const level = Number(h.tagName[1]);
      expect(level).toBeLessThanOrEqual(previous + 1);
      previous = level;
    }
  });

  it('is a self-contained page: lang, title, table of contents, no scripts or external requests', () => {
    const tree = parseHtml(html);
    const all = [...elements(tree)];
    expect(all.find((e) => e.tagName === 'html')?.properties.lang).toBe('en');
    expect(textContent(all.find((e) => e.tagName === 'title') as RootContent)).toContain('Kosovo');
    expect(all.filter((e) => e.tagName === 'script')).toHaveLength(0);
    expect(all.filter((e) => e.tagName === 'link' || e.tagName === 'img' || e.tagName === 'iframe')).toHaveLength(0);
    const ids = new Set(all.map((e) => e.properties.id).filter(Boolean));
    const tocLinks = all.filter((e) => e.tagName === 'a' && String(e.properties.href ?? '').startsWith('#'));
    expect(tocLinks.length).toBeGreaterThanOrEqual(4 + 7);
    for (const a of tocLinks) expect(ids.has(String(a.properties.href).slice(1))).toBe(true);
    // A goal's entry is its wording, under its target, without the "Operational Goal:" label.
    const goalLink = tocLinks.find((a) => a.properties.href === '#icse-victim-identification') as RootContent;
    expect(textContent(goalLink)).toMatch(/^Increase the number of identified victims/);
    expect(html).toMatch(/@media print/);
    expect(html).toMatch(/name="viewport"/);
  });

  it('marks unanswered questions and "nothing to report" visibly', () => {
    expect(markdown.match(/\*Not answered\.\*/g)).toHaveLength(4);
    expect(markdown.match(/\*Nothing to report\.\*/g)).toHaveLength(6);
    expect(html.match(/<em>Not answered\.<\/em>/g)).toHaveLength(4);
  });
});

describe('hostile answers', () => {
  const hostile = [
    'Click <script>alert(1)</script> here <img src=x onerror="alert(2)">',
    '',
    '[a link](javascript:alert(3)) and <a href="javascript:alert(4)" onclick="x()">raw</a>',
    '',
    '<iframe src="https://evil.example"></iframe>',
    '',
    `${'word '.repeat(5000)}`,
    '',
    `https://example.org/${'a'.repeat(800)}`,
    '',
    Array.from({ length: 12 }, (_, i) => `${'  '.repeat(i)}- level ${i + 1}`).join('\n'),
    '',
    'Emoji 🙂👍🏽 and ZWJ 👩‍👩‍👧 and RTL مرحبا',
  ].join('\n');

  it('never lets scripts, event handlers or javascript: links reach the HTML', () => {
    const parts = renderHtmlParts(parseMarkdown(`## Policy Target No. 1\n\n${hostile}\n`));
    const out = parts.header + parts.body;
    expect(out).not.toMatch(/<script|<iframe|onerror|onclick|javascript:/i);
    expect(out).toContain('level 12');
    expect(out).toContain('🙂👍🏽');
    expect(out).toContain('a'.repeat(800));
  });

  it('is refused by validation before it could be built', async () => {
    await withProject({ withKosovo: true }, async (project) => {
      const file = join(project.dir, 'reports', '2014', 'kosovo', 'target-4.yaml');
      const indented = hostile
        .split('\n')
        .map((l) => (l ? `      ${l}` : ''))
        .join('\n');
      await writeFile(file, `target: 4\ngoals:\n  notice-and-takedown:\n    A: |\n${indented}\n`);
      const before = await runInProcess(['build', '2014', 'kosovo', '--format', 'md'], project.dir);
      expect(before.exitCode).toBe(1);
      expect(before.stderr).toMatch(/target-4\.yaml:5:\d+ {2}error {2}HTML is not allowed/);
      expect(before.stderr).toMatch(/links must start with https/);
    });
  });
});

describe('safety of outputs', () => {
  it('a report that fails loses its earlier outputs, and the summary says so (issue 8, item 6)', async () => {
    await withProject({ withKosovo: true }, async (project) => {
      expect((await runInProcess(['build', '2014', 'kosovo', '--format', 'md,html'], project.dir)).exitCode).toBe(0);
      const md = join(project.dir, 'out', '2014', 'kosovo.md');
      expect(existsSync(md)).toBe(true);
      await writeFile(
        join(project.dir, 'reports', '2014', 'kosovo', 'target-2.yaml'),
        'target: 2\ngoals:\n  joint-law-enforcment:\n    A: x\n',
      );
      const failed = await runInProcess(['build', '2014', 'kosovo', '--format', 'md,html'], project.dir);
      expect(failed.exitCode).toBe(1);
      expect(failed.stderr).toContain('did you mean `joint-law-enforcement`?');
      expect(failed.stderr).toMatch(
        /^not built 2014 kosovo: .*; removed out\/2014\/kosovo\.md, out\/2014\/kosovo\.html$/m,
      );
      expect(existsSync(md)).toBe(false);
      expect(existsSync(join(project.dir, 'out', '2014', 'kosovo.html'))).toBe(false);
    });
  });

  it('refuses output and template folders given with ../', async () => {
    const project = await makeProject({ withKosovo: true });
    try {
      const out = await runInProcess(['build', '2014', 'kosovo', '--out', '../elsewhere'], project.dir);
      expect(out.exitCode).toBe(2);
      expect(out.stderr).toContain('outside the project');
      const bad = await runInProcess(['build', '2014', 'kosovo', '--format', 'odt'], project.dir);
      expect(bad.exitCode).toBe(2);
      expect(bad.stderr).toContain('unknown output format');
    } finally {
      await project.cleanup();
      await rm(join(project.dir, '..', 'elsewhere'), { recursive: true, force: true });
    }
  });

  it('uses a project template over the built-in one', async () => {
    await withProject({ withKosovo: true }, async (project) => {
      const builtIn = await readFile(join(repoRoot, 'templates', 'report.md.liquid'), 'utf8');
      await mkdir(join(project.dir, 'templates'), { recursive: true });
      await writeFile(
        join(project.dir, 'templates', 'report.md.liquid'),
        builtIn.replace('**{{ strings.country }}**', '**Reporting country:**'),
      );
      expect((await runInProcess(['build', '2014', 'kosovo', '--format', 'md'], project.dir)).exitCode).toBe(0);
      expect(await readFile(join(project.dir, 'out', '2014', 'kosovo.md'), 'utf8')).toContain(
        '**Reporting country:** Kosovo',
      );
    });
  });
});

describe('single builds', () => {
  it('give the same bytes through the binary as in-process, and as a worker thread of a whole year', async () => {
    await withProject({ withKosovo: true }, async (project) => {
      const env = { SOURCE_DATE_EPOCH: '1420070400' };
      // One report: on the main thread (from src/ in-process, from the bundle in the binary).
      expect((await runInProcess(['build', '2014', 'kosovo', '--out', 'here'], project.dir, env)).exitCode).toBe(0);
      const binary = await runBinary(['build', '2014', 'kosovo', '--out', 'there'], project.dir, env);
      expect(binary.exitCode, binary.stderr).toBe(0);
      // The whole year (the report and the year's files): in the bundled worker threads.
      const year = await runBinary(['build', '2014', '--out', 'pool'], project.dir, env);
      expect(year.exitCode, year.stderr).toBe(0);
      for (const ext of ['md', 'html', 'pdf']) {
        const here = await readFile(join(project.dir, 'here', '2014', `kosovo.${ext}`));
        const there = await readFile(join(project.dir, 'there', '2014', `kosovo.${ext}`));
        const pool = await readFile(join(project.dir, 'pool', '2014', `kosovo.${ext}`));
        expect(Buffer.compare(here, there), ext).toBe(0);
        expect(Buffer.compare(there, pool), ext).toBe(0);
      }
    });
  });
});

describe('a broken project template', () => {
  it('is a usage error naming the template and its line, not an internal error', async () => {
    await withProject({ withKosovo: true }, async (project) => {
      await mkdir(join(project.dir, 'templates'), { recursive: true });
      await writeFile(join(project.dir, 'templates', 'report.md.liquid'), '# {{ title }\n');
      const result = await runInProcess(['build', '2014', 'kosovo'], project.dir);
      expect(result.exitCode).toBe(2);
      expect(result.stderr).toMatch(/the template `report\.md\.liquid` has an error: .*line:1, col:3/);
      expect(result.stderr).not.toMatch(/internal error|^\s+at /m);
    });
  });
});

describe('country.yaml dates', () => {
  it('a date that is not in the calendar is an error at its position, not a failed build', async () => {
    await withProject({ withKosovo: true }, async (project) => {
      const file = join(project.dir, 'reports', '2014', 'kosovo', 'country.yaml');
      await writeFile(file, 'name: Kosovo\ndate: 2014-13-45\n');
      const result = await runInProcess(['validate', '2014', 'kosovo'], project.dir);
      expect(result.exitCode).toBe(1);
      expect(result.stdout).toContain(
        'reports/2014/kosovo/country.yaml:2:7  error  `date`: no such day in the calendar',
      );
      const build = await runInProcess(['build', '2014', 'kosovo'], project.dir);
      expect(build.exitCode).toBe(1);
      expect(build.stderr).not.toMatch(/internal error|^\s+at /m);
    });
  });
});

describe('pandoc reads the Markdown back', () => {
  it('with the same outline and every word of the seed (pandoc from Debian; .ci/run installs it)', async () => {
    await withProject({ withKosovo: true }, async (project) => {
      expect((await runInProcess(['build', '2014', 'kosovo', '--format', 'md'], project.dir)).exitCode).toBe(0);
      const md = join(project.dir, 'out', '2014', 'kosovo.md');
      const run = promisify(execFile);
      const { stdout: json } = await run('pandoc', ['-f', 'gfm', '-t', 'json', md]);
      const blocks = (JSON.parse(json) as { blocks: { t: string; c: unknown[] }[] }).blocks;
      const levels = blocks.filter((b) => b.t === 'Header').map((b) => b.c[0]);
      expect([1, 2, 3, 4].map((level) => levels.filter((l) => l === level).length)).toEqual([1, 4, 7, 21]);
      const { stdout: plain } = await run('pandoc', ['-f', 'gfm', '-t', 'plain', '--wrap=none', md]);
      expect(firstMissingWord(withoutListMarkers(readSeed()), plain)).toBeUndefined();
    });
  });
});
