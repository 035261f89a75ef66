/** Templates: strict variables, and the reference in templates/README.md covering what they use. */
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot, runInProcess, withProject } from './helpers/cli.js';

async function buildWithTemplate(template: string, country = 'name: Kosovo\nlanguage: fr\ndate: 2015-03-02\n') {
  return withProject({ withKosovo: true }, async ({ dir }) => {
    await writeFile(join(dir, 'reports/2014/kosovo/country.yaml'), country);
    await mkdir(join(dir, 'templates'), { recursive: true });
    await writeFile(join(dir, 'templates', 'report.md.liquid'), template);
    const result = await runInProcess(['build', '2014', 'kosovo', '--format', 'md'], dir);
    const md = await readFile(join(dir, 'out', '2014', 'kosovo.md'), 'utf8').catch(() => '');
    return { ...result, md };
  });
}

describe('template variables', () => {
  it('gives templates the date written the language’s way, the country’s metadata and the strings', async () => {
    const result = await buildWithTemplate(
      '# {{ title }}\n\n{{ strings.date }} : {{ date }} ({{ date_iso }}), {{ country.name }}, [{{ country.authority }}]\n',
      'name: Kosovo\nlanguage: fr\ndate: 2015-03-02\nauthority: Ministère de la Justice\n',
    );
    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.md).toContain('Date : 2 mars 2015 (2015-03-02), Kosovo, \\[Ministère de la Justice]');
  });

  it('refuses an undefined variable, naming the template, line, column and variable', async () => {
    const result = await buildWithTemplate('# {{ title }}\n\n{{ country.dat }}\n');
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('report.md.liquid:3:4  the template uses `country.dat`');
    expect(result.stderr).toContain('templates/README.md');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('lets a template ask whether an optional variable is there', async () => {
    const result = await buildWithTemplate(
      '# {{ title }}\n\n{% if nothing_here %}x{% endif %}{{ nope | default: "ok" }}\n',
    );
    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.md).toContain('ok');
  });

  it('has every variable the built-in templates use documented in templates/README.md', async () => {
    const readme = await readFile(join(repoRoot, 'templates', 'README.md'), 'utf8');
    const dir = join(repoRoot, 'templates');
    for (const name of (await readdir(dir)).filter((n) => n.endsWith('.liquid'))) {
      const text = (await readFile(join(dir, name), 'utf8')).replace(
        /{%-?\s*comment\s*-?%}[\s\S]*?{%-?\s*endcomment\s*-?%}/g,
        '',
      );
      const loopNames = new Set([...text.matchAll(/{%-?\s*for\s+(\w+)\s+in/g)].map((m) => m[1]));
      for (const m of text.matchAll(/{{-?\s*([a-z_][\w.]*)/g)) {
        // `.size`, `.first` and `.last` are Liquid's own, on any list.
        const path = (m[1] ?? '').replace(/\.(?:size|first|last)$/, '');
        const root = path.split('.')[0] ?? '';
        if (root === 'forloop') continue;
        // A loop variable is documented as its list's item (`goal.text` under `goals[]`); others by full name.
        const field = loopNames.has(root) ? `${root}.${path.split('.').slice(1).join('.')}` : path;
        const documented =
          readme.includes(`\`${path}[]`) ||
          readme.includes(`\`${field}\``) ||
          readme.includes(`\`${path}\``) ||
          readme.includes(`${field.split('.').pop()}\``);
        expect(documented, `${name}: {{ ${path} }}`).toBe(true);
      }
    }
  });
});
