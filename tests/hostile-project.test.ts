/**
 * Issue 20: a submitted project folder cannot read or write outside the project, overwrite what
 * gareport writes itself, or be skipped without a word. In-process (`main()`, as the binary runs
 * it), as README "Tests" has it for what is not the binary's own behaviour; the cases with a pipe or
 * a device where gareport reads a file go through the binary, so that a read that hangs blocks a
 * process of its own, never the file reads of the test thread.
 */
import { execFileSync } from 'node:child_process';
import {
  cp,
  mkdir,
  mkdtemp,
  readdir,
  readFile,
  rename,
  rm,
  stat,
  symlink,
  truncate,
  writeFile,
} from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { repoRoot, runBinary, runInProcess, withProject } from './helpers/cli.js';
import { readPdf, squash } from './helpers/pdf-reader.js';

const KOSOVO = 'reports/2014/kosovo';
const ENV = { NO_COLOR: '1', TZ: 'UTC', LANG: 'C' };

describe('reserved country folder names (item 8)', () => {
  it('`index` and `all-countries` are refused by validate and build, and overwrite nothing', async () => {
    await withProject({ withKosovo: true }, async ({ dir }) => {
      for (const name of ['index', 'all-countries', 'followup', 'diff'])
        await cp(join(dir, KOSOVO), join(dir, 'reports', '2014', name), { recursive: true });
      const validated = await runInProcess(['validate'], dir, ENV);
      expect(validated.exitCode).toBe(1);
      for (const name of ['index', 'all-countries', 'followup', 'diff'])
        expect(validated.stdout).toContain(`reports/2014/${name}  error  this folder is not read: \`${name}\``);
      const built = await runInProcess(['build', '2014', '--format', 'md'], dir, ENV);
      expect(built.exitCode).toBe(1);
      expect(built.stdout).toContain('1 report built');
      const consolidated = await readFile(join(dir, 'out', '2014', 'all-countries.md'), 'utf8');
      expect(consolidated).toContain('Kosovo');
      expect(await readFile(join(dir, 'out', '2014', 'index.html'), 'utf8')).toContain('all-countries.md');
      const one = await runInProcess(['build', '2014', 'all-countries', '--force', '--format', 'md'], dir, ENV);
      expect(one.exitCode).toBe(2);
      expect(one.stderr).toContain('reports/2014/all-countries');
      expect(await readFile(join(dir, 'out', '2014', 'all-countries.md'), 'utf8')).toBe(consolidated);
    });
  });

  it('`followup all-countries` is refused rather than overwriting the overview', async () => {
    await withProject({ withKosovo: true }, async ({ dir }) => {
      await cp(join(dir, KOSOVO), join(dir, 'reports', '2015', 'all-countries'), { recursive: true });
      await cp(join(dir, KOSOVO), join(dir, 'reports', '2014', 'all-countries'), { recursive: true });
      const result = await runInProcess(['followup', 'all-countries', '2015', '--format', 'md'], dir, ENV);
      expect(result.exitCode).toBe(2);
      expect(result.stderr).toContain('all-countries');
      await expect(stat(join(dir, 'out', '2015', 'followup', 'all-countries.md'))).rejects.toThrow();
    });
  });
});

describe('year folders with a typo (item 9)', () => {
  it.each([
    ['2O15', '2015'],
    ['2014 ', '2014'],
    ['02014', '2014'],
    ['14', '2014'],
  ])('reports/%j is named, with the name to use', async (name, fix) => {
    await withProject({ withKosovo: true }, async ({ dir }) => {
      if (fix === '2014') await rename(join(dir, 'reports', '2014'), join(dir, 'reports', name));
      else await cp(join(dir, 'reports', '2014'), join(dir, 'reports', name), { recursive: true });
      const validated = await runInProcess(['validate'], dir, ENV);
      expect(validated.exitCode).toBe(1);
      expect(validated.stdout).toContain(`reports/${name}  error  this folder is not read`);
      expect(validated.stdout).toContain(`rename it to \`${fix}\``);
      const built = await runInProcess(['build', '--format', 'md'], dir, ENV);
      expect(built.exitCode).toBe(1);
      expect(built.stderr).toContain(`reports/${name}`);
      const named = await runInProcess(['validate', fix], dir, ENV);
      expect(named.exitCode).not.toBe(0);
      if (fix === '2014') expect(named.stderr).toContain(`rename it to \`${fix}\``);
    });
  });

  it('another folder in reports/ is a warning, not an error', async () => {
    await withProject({ withKosovo: true }, async ({ dir }) => {
      await mkdir(join(dir, 'reports', 'archive'));
      await writeFile(join(dir, 'reports', 'archive', 'notes.txt'), 'old\n');
      const validated = await runInProcess(['validate'], dir, ENV);
      expect(validated.exitCode).toBe(0);
      expect(validated.stdout).toContain('reports/archive  warning  this folder is not read');
    });
  });
});

/** A scratch folder outside the project, holding a "secret" file and a template that includes it. */
async function outsideFolder(): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'gareport-elsewhere-'));
  await writeFile(join(dir, 'secret.conf'), 'TOP-SECRET-LINE\n');
  await writeFile(join(dir, 'report.md.liquid'), "{% include 'secret.conf' %}\n");
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

describe('configured paths stay inside the project (item 1)', () => {
  it.each([
    ['templates: /', 1, 12, 'templates folder'],
    ['out: /tmp/gareport-elsewhere', 1, 6, 'output folder'],
    ['fonts: ["../../../../../etc/passwd"]', 1, 9, 'font'],
    ['formats: [md]\nfonts:\n  - /usr/share/fonts/x.ttf', 3, 5, 'font'],
  ])('`%s` is refused at its line and column', async (config, line, column, what) => {
    await withProject({ withKosovo: true }, async ({ dir }) => {
      await writeFile(join(dir, 'gareport.config.yaml'), `${config}\n`);
      const validated = await runInProcess(['validate'], dir, ENV);
      expect(validated.exitCode).toBe(1);
      expect(validated.stdout).toContain(`gareport.config.yaml:${line}:${column}  error  the ${what}`);
      expect(validated.stdout).toContain('outside the project');
      const built = await runInProcess(['build', '2014', '--format', 'md'], dir, ENV);
      expect(built.exitCode).toBe(1);
      await expect(stat(join(dir, 'out'))).rejects.toThrow();
    });
  });

  it('an `out:` folder or a templates/ folder that links outside the project is refused; nothing is read or written there', async () => {
    const elsewhere = await outsideFolder();
    try {
      await withProject({ withKosovo: true }, async ({ dir }) => {
        await symlink(elsewhere.dir, join(dir, 'public'));
        await writeFile(join(dir, 'gareport.config.yaml'), 'out: public\n');
        const out = await runInProcess(['build', '2014', '--format', 'md'], dir, ENV);
        expect(out.exitCode).toBe(1);
        expect(out.stderr + out.stdout).toContain('gareport.config.yaml:1:6');
        expect(out.stderr + out.stdout).toContain('symbolic link');
        await rm(join(dir, 'gareport.config.yaml'));
        await symlink(elsewhere.dir, join(dir, 'templates'));
        const built = await runInProcess(['build', '2014', '--format', 'md'], dir, ENV);
        expect(built.exitCode).toBe(2);
        expect(built.stderr).toContain('templates folder is not read');
        expect(built.stderr + built.stdout).not.toContain('TOP-SECRET');
        await expect(stat(join(dir, 'out', '2014', 'kosovo.md'))).rejects.toThrow();
        expect(await readdir(elsewhere.dir)).toEqual(['report.md.liquid', 'secret.conf']);
      });
    } finally {
      await elsewhere.cleanup();
    }
  });

  it('`{% include %}` cannot reach a file outside the template folders', async () => {
    const elsewhere = await outsideFolder();
    try {
      await withProject({ withKosovo: true }, async ({ dir }) => {
        await mkdir(join(dir, 'templates'));
        await symlink(join(elsewhere.dir, 'secret.conf'), join(dir, 'templates', 'linked.conf'));
        for (const include of [join(elsewhere.dir, 'secret.conf'), '../../secret.conf', 'linked.conf']) {
          await writeFile(join(dir, 'templates', 'report.md.liquid'), `{% include '${include}' %}\n`);
          const built = await runInProcess(['build', '2014', '--format', 'md', '--force'], dir, ENV);
          expect(built.exitCode).toBe(2);
          expect(built.stderr).toContain('report.md.liquid');
          expect(built.stderr + built.stdout).not.toContain('TOP-SECRET');
        }
      });
    } finally {
      await elsewhere.cleanup();
    }
  });

  it("package.json's `gareport` key is held to the same rule, at its position", async () => {
    await withProject({ withKosovo: true }, async ({ dir }) => {
      const pkg = { name: 'reports', private: true, gareport: { out: '/tmp/gareport-elsewhere' } };
      await writeFile(join(dir, 'package.json'), `${JSON.stringify(pkg, null, 2)}\n`);
      const validated = await runInProcess(['validate'], dir, ENV);
      expect(validated.exitCode).toBe(1);
      expect(validated.stdout).toContain('package.json:5:12  error  the output folder');
    });
  });

  it('flags may name a folder outside the project (the user chose it)', async () => {
    const elsewhere = await outsideFolder();
    try {
      await withProject({ withKosovo: true }, async ({ dir }) => {
        const out = join(elsewhere.dir, 'out');
        const built = await runInProcess(['build', '2014', '--format', 'md', '--out', out], dir, ENV);
        expect(built.exitCode).toBe(0);
        expect(await readFile(join(out, '2014', 'kosovo.md'), 'utf8')).toContain('Kosovo');
      });
    } finally {
      await elsewhere.cleanup();
    }
  });
});

describe('a pipe or device where gareport reads a file never hangs (item 7)', () => {
  it('a pipe left in out/ (as the build record or an output) is replaced, not waited on', async () => {
    await withProject({ withKosovo: true }, async ({ dir }) => {
      await mkdir(join(dir, 'out', '2014'), { recursive: true });
      execFileSync('mkfifo', [join(dir, 'out', '2014', '.gareport-build.json')]);
      execFileSync('mkfifo', [join(dir, 'out', '2014', 'kosovo.md')]);
      const built = await runBinary(['build', '2014', '--format', 'md'], dir, ENV);
      expect(built.exitCode).toBe(0);
      expect(await readFile(join(dir, 'out', '2014', 'kosovo.md'), 'utf8')).toContain('Kosovo');
    });
  });

  it.each(['theme.yaml', 'fonts.yaml', 'report.css'])(
    'templates/%s linked to a file outside the project is not read',
    async (name) => {
      const elsewhere = await outsideFolder();
      try {
        await withProject({ withKosovo: true }, async ({ dir }) => {
          await mkdir(join(dir, 'templates'));
          await symlink(join(elsewhere.dir, 'secret.conf'), join(dir, 'templates', name));
          await writeFile(join(dir, KOSOVO, 'target-2.yaml'), await thaiAnswers(dir));
          const args = name === 'theme.yaml' ? ['validate'] : ['build', '2014', '--format', 'html,pdf'];
          const result = await runInProcess(args, dir, ENV);
          expect(result.exitCode).toBeGreaterThan(0);
          const output = result.stdout + result.stderr;
          expect(output).toContain(`templates/${name}`);
          expect(output).toContain('outside');
          expect(output).not.toContain('TOP-SECRET');
        });
      } finally {
        await elsewhere.cleanup();
      }
    },
  );

  it.each([
    ['templates/theme.yaml', 'validate'],
    ['templates/theme.yaml', 'build'],
    ['templates/report.md.liquid', 'build'],
    ['templates/report.css', 'build'],
    ['templates/fonts.yaml', 'validate'],
    ['templates/fonts.yaml', 'build'],
    ['gareport.config.yaml', 'validate'],
    ['gareport.config.yaml', 'build'],
    ['package.json', 'validate'],
    [`${KOSOVO}/target-2.yaml`, 'validate'],
    [`${KOSOVO}/country.yaml`, 'build'],
    ['forms/2014.yaml', 'validate'],
  ])('a FIFO as %s: `%s` ends with a message naming it', async (file, command) => {
    await withProject({ withKosovo: true }, async ({ dir }) => {
      await mkdir(join(dir, 'templates'), { recursive: true });
      await rm(join(dir, file), { force: true });
      await mkdir(dirname(join(dir, file)), { recursive: true });
      execFileSync('mkfifo', [join(dir, file)]);
      // Thai text, so that the fonts are looked up (and fonts.yaml read) by `validate --pdf-fonts`.
      if (file !== `${KOSOVO}/target-2.yaml`)
        await writeFile(join(dir, KOSOVO, 'target-2.yaml'), await thaiAnswers(dir));
      const args = command === 'validate' ? ['validate', '--pdf-fonts'] : ['build', '2014', '--format', 'md,pdf'];
      const result = await runBinary(args, dir, ENV);
      // A package.json that is not a file is not a project's package.json: passed over.
      if (file === 'package.json') return expect(result.exitCode).toBe(0);
      expect(result.exitCode).toBeGreaterThan(0);
      expect(result.exitCode).not.toBe(3);
      const output = result.stdout + result.stderr;
      expect(output).toContain(basename(file));
      expect(output).not.toMatch(/internal error|at .*\.js:\d+/);
    });
  });
});

/** Kosovo's target-2.yaml with one Thai word in its first answer. */
async function thaiAnswers(dir: string): Promise<string> {
  const text = await readFile(join(repoRoot, KOSOVO, 'target-2.yaml'), 'utf8');
  void dir;
  return text.replace('- A special registry', '- ภาษาไทย A special registry');
}

const DEJAVU = join(repoRoot, 'node_modules', 'dejavu-fonts-ttf', 'ttf', 'DejaVuSans.ttf');

/** Where each table of an OpenType file starts (offset of its table record's data). */
function tableOffset(font: Buffer, tag: string): number {
  const count = font.readUInt16BE(4);
  for (let i = 0; i < count; i++)
    if (font.toString('latin1', 12 + 16 * i, 16 + 16 * i) === tag) return font.readUInt32BE(20 + 16 * i);
  throw new Error(`no ${tag} table`);
}

/** Broken copies of a real font, each the way a submitted font file may be broken. */
async function corruptFonts(): Promise<Record<string, Buffer>> {
  const good = await readFile(DEJAVU);
  const zeroEm = Buffer.from(good);
  zeroEm.writeUInt16BE(0, tableOffset(zeroEm, 'head') + 18);
  const badCmap = Buffer.from(good);
  const cmap = tableOffset(badCmap, 'cmap');
  for (let i = 0; i < badCmap.readUInt16BE(cmap + 2); i++) badCmap.writeUInt32BE(0x7ffffff0, cmap + 4 + 8 * i + 4);
  let seed = 7;
  const random = Buffer.alloc(3000, 0).map(() => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed & 0xff;
  });
  return {
    'zero-em.ttf': zeroEm,
    'bad-cmap.ttf': badCmap,
    'truncated.ttf': good.subarray(0, 4000),
    'random.ttf': Buffer.from(random),
    'header-only.ttf': Buffer.concat([Buffer.from([0, 1, 0, 0]), Buffer.from(random)]),
  };
}

describe('font files (items 2, 13)', () => {
  it.each(['zero-em.ttf', 'bad-cmap.ttf', 'truncated.ttf', 'random.ttf', 'header-only.ttf'])(
    'a corrupt font (%s) is named by validate and fails only the country that needs it',
    async (name) => {
      await withProject({ withKosovo: true }, async ({ dir }) => {
        await mkdir(join(dir, 'fonts'));
        await writeFile(join(dir, 'fonts', name), (await corruptFonts())[name] as Buffer);
        await writeFile(join(dir, 'gareport.config.yaml'), `formats: [md, pdf]\nfonts:\n  - fonts/${name}\n`);
        const validated = await runInProcess(['validate'], dir, ENV);
        expect(validated.exitCode).toBe(1);
        expect(validated.stdout).toContain(`fonts/${name}`);
        expect(validated.stdout).not.toMatch(/internal error/);
        // Building is slow (PDFs of two countries): two kinds of damage are enough to show it.
        if (!['bad-cmap.ttf', 'zero-em.ttf'].includes(name)) return;
        await cp(join(dir, KOSOVO), join(dir, 'reports', '2014', 'albania'), { recursive: true });
        await writeFile(join(dir, 'reports', '2014', 'albania', 'target-2.yaml'), await thaiAnswers(dir));
        const built = await runInProcess(['build', '2014'], dir, ENV);
        const output = built.stdout + built.stderr;
        expect(output).not.toMatch(/internal error|DataView|This is a bug/);
        expect(output).toContain(`fonts/${name}`);
        expect(built.exitCode).toBe(1);
        expect(output).toContain('not built 2014 albania');
        expect(await readdir(join(dir, 'out', '2014'))).toEqual(
          expect.arrayContaining(['kosovo.pdf', 'index.html', 'all-countries.pdf']),
        );
      });
    },
  );
});

describe('font paths (item 2)', () => {
  it('a font entry of the config that is a pipe, too large or not a font is an error at its position', async () => {
    await withProject({ withKosovo: true }, async ({ dir }) => {
      await mkdir(join(dir, 'fonts'));
      execFileSync('mkfifo', [join(dir, 'fonts', 'pipe.ttf')]);
      await writeFile(join(dir, 'fonts', 'notes.ttf'), 'these are not glyphs\n');
      await writeFile(join(dir, 'fonts', 'huge.ttf'), '');
      await truncate(join(dir, 'fonts', 'huge.ttf'), 65 * 1024 * 1024);
      const config = 'fonts:\n  - fonts/pipe.ttf\n  - fonts/notes.ttf\n  - fonts/huge.ttf\n  - fonts/gone.ttf\n';
      await writeFile(join(dir, 'gareport.config.yaml'), config);
      const validated = await runBinary(['validate'], dir, ENV);
      expect(validated.exitCode).toBe(1);
      expect(validated.stdout).toContain(
        'gareport.config.yaml:2:5  error  `fonts/pipe.ttf`: the font file is not read: this is not a regular file',
      );
      expect(validated.stdout).toContain('gareport.config.yaml:3:5  error  `fonts/notes.ttf`: this is not a font file');
      expect(validated.stdout).toContain(
        'gareport.config.yaml:4:5  error  `fonts/huge.ttf`: the font file is not read: this file is too large',
      );
      expect(validated.stdout).toContain('gareport.config.yaml:5:5  warning  `fonts/gone.ttf`: there is no font file');
    });
  });

  it('`--fonts /dev/zero` and a fonts.yaml naming /dev/zero end at once with the file named', async () => {
    await withProject({ withKosovo: true }, async ({ dir }) => {
      await writeFile(join(dir, KOSOVO, 'target-2.yaml'), await thaiAnswers(dir));
      const flag = await runBinary(['validate', '--pdf-fonts', '--fonts', '/dev/zero'], dir, ENV);
      expect(flag.exitCode).toBe(1);
      expect(flag.stdout).toContain('/dev/zero  error  this is not a regular file');
      await mkdir(join(dir, 'templates'));
      await writeFile(join(dir, 'templates', 'fonts.yaml'), 'fonts:\n  - /dev/zero\n');
      // A mistake in fonts.yaml is listed with the other problems (exit 1), as the theme's are.
      const listed = await runBinary(['validate', '--pdf-fonts'], dir, ENV);
      expect(listed.exitCode).toBe(1);
      expect(listed.stdout).toContain('templates/fonts.yaml:2:5  error  the font `/dev/zero` is outside the project');
      await writeFile(join(dir, 'templates', 'fonts.yaml'), 'fonts:\n  - ../../../../../../etc/passwd\n');
      const climbed = await runBinary(['build', '2014', '--format', 'pdf'], dir, ENV);
      expect(climbed.exitCode).toBe(1);
      expect(`${climbed.stdout}${climbed.stderr}`).toContain('templates/fonts.yaml:2:5');
    });
  });
});

describe('--changed-since sees every input (item 11)', () => {
  const git = (dir: string, ...args: string[]) =>
    execFileSync(
      'git',
      ['-c', 'user.name=Test', '-c', 'user.email=test@example.org', '-c', 'commit.gpgsign=false', ...args],
      { cwd: dir, stdio: 'pipe' },
    );
  const build = (dir: string, out: string) =>
    runInProcess(['build', '2014', '--changed-since', 'HEAD', '--format', 'md', '--out', out], dir, ENV);

  it('the config, a configured templates folder, fonts and logos rebuild what they affect; never built is not up to date', async () => {
    await withProject({ withKosovo: true }, async ({ dir }) => {
      await cp(join(dir, KOSOVO), join(dir, 'reports', '2014', 'albania'), { recursive: true });
      await mkdir(join(dir, 'assets'));
      await cp(join(repoRoot, 'tests', 'fixtures', 'cover', 'logo.png'), join(dir, 'assets', 'logo.png'));
      const country = join(dir, KOSOVO, 'country.yaml');
      await writeFile(country, `${await readFile(country, 'utf8')}logo: assets/logo.png\n`);
      git(dir, 'init', '-q', '-b', 'main');
      git(dir, 'add', '-A');
      git(dir, 'commit', '-q', '-m', 'reports');

      // Nothing changed, nothing built before: not "up to date".
      const none = await build(dir, 'none');
      expect(none.exitCode).toBe(0);
      expect(none.stdout).not.toContain('up to date');
      expect(none.stdout).toContain('2 not built');

      // The config now names a templates folder, with a template of its own: every report.
      await writeFile(join(dir, 'gareport.config.yaml'), 'templates: my-templates\n');
      await mkdir(join(dir, 'my-templates'));
      await cp(join(repoRoot, 'templates', 'report.md.liquid'), join(dir, 'my-templates', 'report.md.liquid'));
      const config = await build(dir, 'config');
      expect(config.stdout).toMatch(/^2 reports built$/m);
      git(dir, 'add', '-A');
      git(dir, 'commit', '-q', '-m', 'own templates');

      // Only the configured folder's template changes: every report.
      await writeFile(join(dir, 'my-templates', 'report.md.liquid'), '# {{ title | md_escape }}\n');
      const template = await build(dir, 'config');
      expect(template.stdout).toMatch(/^2 reports built$/m);
      git(dir, 'commit', '-q', '-am', 'short template');

      // Kosovo's logo changes: Kosovo's report (and the year after's, if any), not Albania's.
      await cp(join(repoRoot, 'docs', 'cover.png'), join(dir, 'assets', 'logo.png'));
      const logo = await build(dir, 'config');
      expect(logo.stdout).toMatch(/^1 report built, 1 up to date$/m);
      git(dir, 'commit', '-q', '-am', 'new logo');

      // A configured font file changes: every report.
      await mkdir(join(dir, 'fonts'));
      await cp(DEJAVU, join(dir, 'fonts', 'extra.ttf'));
      await writeFile(join(dir, 'gareport.config.yaml'), 'templates: my-templates\nfonts: [fonts/extra.ttf]\n');
      expect((await build(dir, 'config')).exitCode).toBe(0);
      git(dir, 'add', '-A');
      git(dir, 'commit', '-q', '-m', 'a font');
      await cp(DEJAVU.replace('DejaVuSans.ttf', 'DejaVuSans-Bold.ttf'), join(dir, 'fonts', 'extra.ttf'));
      const { changedReports } = await import('../src/project/git.js');
      expect(await changedReports(dir, 'HEAD', { fonts: [join(dir, 'fonts', 'extra.ttf')] })).toBeUndefined();
    });
  });
});

describe('template text before the first target (item 12)', () => {
  it('is kept in HTML, PDF and Word under the cover, and the title block is not repeated', async () => {
    await withProject({ withKosovo: true }, async ({ dir }) => {
      await mkdir(join(dir, 'templates'));
      const template = await readFile(join(repoRoot, 'templates', 'report.md.liquid'), 'utf8');
      const intro = 'This report was prepared with the support of the secretariat.';
      await writeFile(
        join(dir, 'templates', 'report.md.liquid'),
        template.replace('{% for target in targets %}', `\n${intro}\n{% for target in targets %}`),
      );
      const built = await runInProcess(['build', '2014', 'kosovo', '--format', 'md,html,pdf,docx'], dir, ENV);
      expect(built.exitCode).toBe(0);
      const out = join(dir, 'out', '2014');
      expect(await readFile(join(out, 'kosovo.md'), 'utf8')).toContain(intro);
      const html = await readFile(join(out, 'kosovo.html'), 'utf8');
      expect(html).toContain(intro);
      expect(html).toContain('class="cover"');
      // The country line of the title block is on the cover, not again under it.
      expect(html).not.toMatch(/<strong>Country<\/strong>/);
      const pdf = await readPdf(await readFile(join(out, 'kosovo.pdf')), { structTree: false });
      expect(squash(pdf.text)).toContain(intro);
      expect(squash(pdf.text)).not.toContain('Country: Kosovo');
      const docx = strFromU8(
        unzipSync(await readFile(join(out, 'kosovo.docx')))['word/document.xml'] ?? new Uint8Array(),
      );
      expect(docx).toContain(intro);
    });
  });
});
