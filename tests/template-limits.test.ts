/**
 * Issue 20, item 4: a template's output is capped (8 MiB more than the text it is given), so a
 * runaway loop or a 10-million-cell tablerow fails fast as a template error (exit 2) naming the
 * template, instead of writing tens of megabytes using gigabytes of memory.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createEngine, renderTemplate } from '../src/compose/template.js';
import { repoRoot, runBinary, withProject } from './helpers/cli.js';

const ENV = { NO_COLOR: '1', TZ: 'UTC', LANG: 'C' };

describe('template output limit', () => {
  /** Builds Kosovo in Markdown with `loop` put before report.md.liquid's text. */
  async function buildWithLoop(loop: string) {
    return withProject({ withKosovo: true }, async ({ dir }) => {
      const template = await readFile(join(repoRoot, 'templates', 'report.md.liquid'), 'utf8');
      await mkdir(join(dir, 'templates'));
      await writeFile(join(dir, 'templates', 'report.md.liquid'), loop + template);
      const result = await runBinary(['build', '2014', 'kosovo', '--format', 'md'], dir, ENV);
      expect(result.stderr).not.toMatch(/internal error|\n\s+at /);
      expect(result.exitCode, result.stderr).toBe(2);
      return { ...result, written: existsSync(join(dir, 'out', '2014', 'kosovo.md')) };
    });
  }

  it("the issue's 4,000,000-word loop is a template error naming the template (exit 2), nothing written", async () => {
    const result = await buildWithLoop('{% for i in (1..4000000) %}word {% endfor %}\n');
    // The output cap stops it after 8 MiB (about 1.6 million rounds), or the 10 s render limit on a slow machine.
    expect(result.stderr).toMatch(
      /the template `report\.md\.liquid` (writes more than 8 MiB|has an error: template render limit)/,
    );
    expect(result.written).toBe(false);
  });

  it('a loop writing long lines stops at the output limit, naming the template and the place', async () => {
    const result = await buildWithLoop(`{% for i in (1..4000000) %}${'runaway '.repeat(8)}{{ i }}\n{% endfor %}\n`);
    expect(result.stderr).toMatch(
      /the template `report\.md\.liquid` writes more than 8 MiB beyond the text it is given, at line:1, col:\d+/,
    );
  });

  it('a 10-million-cell tablerow fails at once on its range (liquidjs memoryLimit)', async () => {
    const result = await buildWithLoop('{% tablerow i in (1..10000000) cols:100 %}{{ i }}{% endtablerow %}\n');
    expect(result.stderr).toMatch(/the template `report\.md\.liquid` has an error: memory alloc limit exceeded/);
  });

  it('text given to a template counts apart: a 9 MiB body is written whole, twice it is too much', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'gareport-template-'));
    try {
      await writeFile(join(dir, 'once.liquid'), '<main>{{ body }}</main>');
      await writeFile(join(dir, 'loop.liquid'), '{% for i in (1..3) %}{{ body }}{% endfor %}');
      const engine = createEngine([dir], { escapeHtml: false });
      const body = 'x'.repeat(9 * 1024 * 1024);
      expect((await renderTemplate(engine, 'once.liquid', { body })).length).toBe(body.length + 13);
      await expect(renderTemplate(engine, 'loop.liquid', { body })).rejects.toThrow(/writes more than 8 MiB/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
