/**
 * Translations of the form (issue 11, part 4): forms/2014.fr.yaml keyed by ids, used by a report
 * with `language: fr` in every format; what a translation lacks stays English, marked `lang="en"`
 * in HTML and in the PDF's structure tree; `validate` says what is lacking or misnamed.
 */
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Element, Root as HastRoot } from 'hast';
import rehypeParse from 'rehype-parse';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import { localizeForm, unmarkLanguage } from '../src/compose/localize.js';
import type { FormDefinition } from '../src/model/form.js';
import { loadFormTranslation } from '../src/model/form-translation.js';
import { loadForm } from '../src/model/report.js';
import { repoRoot, runInProcess, withProject } from './helpers/cli.js';
import { textsWithLang } from './helpers/html-lang.js';
import { readPdf, squash } from './helpers/pdf-reader.js';

async function shippedForm(): Promise<FormDefinition> {
  const { form } = await loadForm({ cwd: repoRoot, packageRoot: repoRoot }, 2014);
  if (!form) throw new Error('the 2014 form did not load');
  return form;
}

/** The page's `<main>` (what a reader reads; `<title>` cannot carry a language of its own). */
async function parseHtml(path: string): Promise<Element> {
  const root = unified()
    .use(rehypeParse)
    .parse(await readFile(path, 'utf8'));
  const find = (node: HastRoot | Element): Element | undefined => {
    for (const child of node.children) {
      if (child.type !== 'element') continue;
      if (child.tagName === 'main') return child;
      const found = find(child);
      if (found) return found;
    }
    return undefined;
  };
  const main = find(root);
  if (!main) throw new Error('no <main> in the page');
  return main;
}

/** A project with its own copy of the 2014 form and a French translation of it. */
async function projectWithTranslation(dir: string, translation: string): Promise<void> {
  await mkdir(join(dir, 'forms'), { recursive: true });
  await copyFile(join(repoRoot, 'forms', '2014.yaml'), join(dir, 'forms', '2014.yaml'));
  await writeFile(join(dir, 'forms', '2014.fr.yaml'), translation);
}

describe('the shipped translations of the 2014 form', () => {
  it.each(['fr', 'es'])('%s: translate every text, with no warning', async (language) => {
    const form = await shippedForm();
    const { translation, diagnostics } = await loadFormTranslation(
      join(repoRoot, 'forms', `2014.${language}.yaml`),
      `forms/2014.${language}.yaml`,
      form,
    );
    expect(diagnostics).toEqual([]);
    const localized = localizeForm(form, translation, language);
    const texts = [
      localized.title,
      ...localized.targets.flatMap((t) => [
        t.text,
        ...t.goals.flatMap((g) => [g.text, ...g.questions.map((q) => q.text)]),
      ]),
    ];
    for (const text of texts) {
      expect(unmarkLanguage(text), text).toBe(text);
      expect(text).not.toMatch(/\b(the|Please|of|and)\b|\{/);
    }
    // The goal that words question C its own way is translated its own way.
    const [other, takedown] = localized.targets[3]?.goals ?? [];
    expect(takedown?.questions[2]?.text).not.toBe(other?.questions[2]?.text);
  });

  it('translates every title, target, goal and question, with no warning', async () => {
    const form = await shippedForm();
    const { translation, diagnostics } = await loadFormTranslation(
      join(repoRoot, 'forms', '2014.fr.yaml'),
      'forms/2014.fr.yaml',
      form,
    );
    expect(diagnostics).toEqual([]);
    const french = localizeForm(form, translation, 'fr');
    const texts = [
      french.title,
      ...french.targets.flatMap((t) => [
        t.text,
        ...t.goals.flatMap((g) => [g.text, ...g.questions.map((q) => q.text)]),
      ]),
    ];
    expect(texts).toHaveLength(1 + 4 + 7 + 21);
    for (const text of texts) {
      // Nothing left in English: no mark, and none of the English words.
      expect(unmarkLanguage(text), text).toBe(text);
      expect(text).not.toMatch(/\b(the|Please|of|and)\b/);
    }
    expect(french.title).toBe(
      'Alliance mondiale contre les abus sexuels commis contre des enfants en ligne – formulaire de rapport 2014',
    );
    // {previous_year} fills itself in, as in the form.
    expect(french.targets[0]?.goals[0]?.questions[0]?.text).toContain('le rapport 2013 de votre pays');
    // The goal that words question C its own way has its own translation.
    const takedown = french.targets[3]?.goals[1];
    expect(takedown?.id).toBe('notice-and-takedown');
    expect(takedown?.questions[2]?.text).toBe(
      'Veuillez indiquer les actions concrètes qui seront entreprises pour y donner suite',
    );
    expect(french.targets[3]?.goals[0]?.questions[2]?.text).toBe(
      'Veuillez indiquer les actions concrètes que votre pays entreprendra pour y donner suite',
    );
  });

  it('leaves an English report as it was: no translation, no marks', async () => {
    const form = await shippedForm();
    expect(localizeForm(form, undefined, 'en')).toBe(form);
    expect(localizeForm(form, undefined, 'en-GB')).toBe(form);
  });
});

describe('a translation that lacks strings or names ids the form does not have', () => {
  const partial = [
    'title: Formulaire {year}',
    'questions:',
    '  A: Veuillez rendre compte',
    '  B: Veuillez évaluer',
    '  D: Une question de trop',
    'targets:',
    '  1: Identifier les victimes.',
    '  2: Enquêter.',
    '  3: Sensibiliser.',
    '  9: Une cible de trop.',
    'goals:',
    '  icse-victim-identification:',
    '    text: Augmenter le nombre de victimes identifiées.',
    '  notice-takedown:',
    '    text: Accélérer le retrait.',
    '',
  ].join('\n');

  it('is validated with warnings at their lines and columns, and used for what it has', async () => {
    await withProject({ withKosovo: true }, async ({ dir }) => {
      await projectWithTranslation(dir, partial);
      await writeFile(join(dir, 'reports/2014/kosovo/country.yaml'), 'name: Kosovo\nlanguage: fr\n');
      const result = await runInProcess(['validate', '2014', 'kosovo'], dir);
      expect(result.exitCode, result.stderr + result.stdout).toBe(0);
      const out = result.stdout + result.stderr;
      expect(out).toMatch(/forms\/2014\.fr\.yaml:2:1 {2}warning {2}the fr translation lacks question C/);
      expect(out).toMatch(/forms\/2014\.fr\.yaml:5:3 {2}warning {2}the form has no question `D`/);
      expect(out).toMatch(/forms\/2014\.fr\.yaml:6:1 {2}warning {2}the fr translation lacks policy target 4/);
      expect(out).toMatch(/forms\/2014\.fr\.yaml:10:3 {2}warning {2}the form has no policy target 9/);
      expect(out).toMatch(/forms\/2014\.fr\.yaml:14:3 {2}warning {2}the 2014 form has no goal `notice-takedown`/);
      expect(out).toContain('did you mean `notice-and-takedown`?');
      expect(out).toMatch(/the fr translation lacks the text of goal `criminalization-framework`/);
      expect(out).toMatch(/the fr translation lacks question C of goal `notice-and-takedown`/);
    });
  });

  it('is checked by a whole-project validate too, as a translation and not as a misnamed form', async () => {
    await withProject({ withKosovo: true }, async ({ dir }) => {
      await projectWithTranslation(dir, partial);
      const result = await runInProcess(['validate'], dir);
      const out = result.stdout + result.stderr;
      expect(out).not.toContain('form-file-name');
      expect(out).not.toMatch(/named by its year/);
      // Kosovo's report is English, but the project's translation is checked all the same.
      expect(out).toMatch(/forms\/2014\.fr\.yaml:14:3 {2}warning {2}the 2014 form has no goal `notice-takedown`/);
    });
  });

  it('marks the English it falls back on with lang="en" in HTML, the PDF structure tree and Word', async () => {
    await withProject({ withKosovo: true }, async ({ dir }) => {
      await projectWithTranslation(dir, partial);
      await writeFile(join(dir, 'reports/2014/kosovo/country.yaml'), 'name: Kosovo\nlanguage: fr\n');
      const result = await runInProcess(['build', '2014', 'kosovo', '--format', 'md,html,pdf,docx'], dir);
      expect(result.exitCode, result.stderr).toBe(0);
      const out = join(dir, 'out', '2014');

      // Markdown cannot mark a language: the text is there as written, translated or not.
      const md = await readFile(join(out, 'kosovo.md'), 'utf8');
      expect(md).toContain('### Objectif opérationnel\u00A0: Augmenter le nombre de victimes identifiées.');
      expect(md).toContain(
        '### Objectif opérationnel\u00A0: Establish the necessary framework for the criminalization of child sexual abuse online',
      );
      expect(md).not.toMatch(/[\uFDD0-\uFDD2]/);

      const html = await parseHtml(join(out, 'kosovo.html'));
      const texts = textsWithLang(html, 'fr');
      const langOf = (needle: string) => texts.find((t) => t.text.includes(needle))?.lang;
      expect(langOf('Augmenter le nombre de victimes identifiées.')).toBe('fr');
      expect(langOf('Identifier les victimes.')).toBe('fr');
      expect(langOf('Establish the necessary framework')).toBe('en');
      expect(langOf('Reducing as much as possible the availability')).toBe('en');
      expect(langOf('Please indicate specific actions that will be undertaken')).toBe('en');
      expect(langOf('Veuillez rendre compte')).toBe('fr');
      // The furniture around the English goal text is French: only the form's words are marked.
      expect(langOf('Objectif opérationnel')).toBe('fr');
      expect(JSON.stringify(html)).not.toMatch(/[\uFDD0-\uFDD2]/);

      // Word: the translated text, and the English fallback's runs marked as English.
      const { unzipSync, strFromU8 } = await import('fflate');
      const docx = unzipSync(new Uint8Array(await readFile(join(out, 'kosovo.docx'))));
      const xml = strFromU8(docx['word/document.xml'] ?? new Uint8Array());
      expect(xml).toContain('Augmenter le nombre de victimes identifiées.');
      expect(xml).toMatch(/<w:lang w:val="en"\/><\/w:rPr><w:t[^>]*>Establish the necessary framework/);
      // The PDF shows what the translation has; its document language is French.
      const pdf = await readPdf(await readFile(join(out, 'kosovo.pdf')));
      expect(pdf.info.Language).toBe('fr');
      expect(squash(pdf.contentText)).toContain('Augmenter le nombre de victimes identifiées.');
      expect(squash(pdf.contentText)).toContain('Establish the necessary framework');
      // The English fallback is a Span with /Lang (en) in the structure tree; French text is not.
      expect(pdf.langSpans.some((s) => s.lang === 'en' && s.text.includes('Establish the necessary framework'))).toBe(
        true,
      );
      expect(pdf.langSpans.some((s) => s.text.includes('Augmenter le nombre'))).toBe(false);
    });
  });
});

describe('a report with `language: fr` and the shipped translation', () => {
  it('shows the form in French in Markdown, HTML, PDF and Word, nothing marked English', async () => {
    await withProject({ withKosovo: true }, async ({ dir }) => {
      await writeFile(join(dir, 'reports/2014/kosovo/country.yaml'), 'name: Kosovo\nlanguage: fr\n');
      const result = await runInProcess(['build', '2014', 'kosovo', '--format', 'md,html,pdf'], dir);
      expect(result.exitCode, result.stderr).toBe(0);
      const out = join(dir, 'out', '2014');
      const md = await readFile(join(out, 'kosovo.md'), 'utf8');
      expect(md).toContain(
        '# Alliance mondiale contre les abus sexuels commis contre des enfants en ligne – formulaire de rapport 2014',
      );
      expect(md).toContain(
        '#### A) Veuillez rendre compte de la mise en œuvre des mesures annoncées dans le rapport 2013',
      );
      expect(md).not.toMatch(/Please|Operational Goal|Enhancing efforts/);
      const html = await readFile(join(out, 'kosovo.html'), 'utf8');
      expect(html).toContain('<html lang="fr">');
      expect(html).not.toContain('lang="en"');
      expect(html).toContain('<title>Kosovo – Alliance mondiale contre les abus sexuels');
      const pdf = await readPdf(await readFile(join(out, 'kosovo.pdf')));
      expect(pdf.langSpans).toEqual([]);
      expect(pdf.info.Title).toContain('Alliance mondiale');
      expect(pdf.outline[0]?.children[0]?.title).toContain('Augmenter d’au moins 10');
    });
  });

  it('marks the whole form English in a language with no translation (German)', async () => {
    await withProject({ withKosovo: true }, async ({ dir }) => {
      await writeFile(join(dir, 'reports/2014/kosovo/country.yaml'), 'name: Kosovo\nlanguage: de\n');
      const result = await runInProcess(['build', '2014', 'kosovo', '--format', 'html'], dir);
      expect(result.exitCode, result.stderr).toBe(0);
      const texts = textsWithLang(await parseHtml(join(dir, 'out', '2014', 'kosovo.html')), 'de');
      const langOf = (needle: string) => texts.find((t) => t.text.includes(needle))?.lang;
      expect(langOf('Global Alliance Against Child Sexual Abuse Online – 2014 Reporting Form')).toBe('en');
      expect(langOf('Enhancing efforts to identify victims')).toBe('en');
      expect(langOf('Please assess progress made')).toBe('en');
      expect(langOf('Operatives Ziel')).toBe('de');
      // The answers are the country's own words, in the report's language: never marked.
      expect(langOf('Kosovo Police')).toBe('de');
    });
  });
});

describe('a broken translation file', () => {
  it.each([
    ['a list where ids are expected', 'targets:\n  - Identifier les victimes.\n', /2014\.fr\.yaml:2:3 {2}error {2}/],
    [
      'a goal that is text instead of a map',
      'goals:\n  notice-and-takedown: Accélérer.\n',
      /2014\.fr\.yaml:2:24 {2}error/,
    ],
    ['an unknown key', 'title: Formulaire\ntitel: Formulaire\n', /2014\.fr\.yaml:2:1 {2}error {2}unknown key `titel`/],
    ['malformed YAML', 'title: "Formulaire\n', /2014\.fr\.yaml:1:8 {2}error/],
    [
      'an unknown placeholder',
      'title: Formulaire {annee}\n',
      /2014\.fr\.yaml:1:8 {2}error {2}unknown placeholder `\{annee\}`/,
    ],
    ['a year other than its name', 'year: 2015\n', /2014\.fr\.yaml:1:7 {2}error {2}.*its `year` is 2015/],
  ])('is an error with its position: %s', async (_name, text, expected) => {
    await withProject({ withKosovo: true }, async ({ dir }) => {
      await projectWithTranslation(dir, text);
      await writeFile(join(dir, 'reports/2014/kosovo/country.yaml'), 'name: Kosovo\nlanguage: fr\n');
      const result = await runInProcess(['validate', '2014', 'kosovo'], dir);
      expect(result.exitCode).toBe(1);
      expect(result.stdout + result.stderr).toMatch(expected);
      expect(result.stdout + result.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
    });
  });
});

describe('the furniture of a French report', () => {
  it('is French in every format: HTML labels and description, PDF pages and metadata, Word', async () => {
    await withProject({ withKosovo: true }, async ({ dir }) => {
      await writeFile(join(dir, 'reports/2014/kosovo/country.yaml'), 'name: Kosovo\nlanguage: fr\n');
      const file = join(dir, 'reports/2014/kosovo/target-3.yaml');
      const answers = await readFile(file, 'utf8');
      await writeFile(
        file,
        answers.replace(/(\n {4}A: \|\n)/, '$1      Voir la note[^1].\n\n      [^1]: La note.\n\n'),
      );
      const result = await runInProcess(['build', '2014', 'kosovo', '--format', 'md,html,pdf,docx'], dir);
      expect(result.exitCode, result.stderr).toBe(0);
      const out = join(dir, 'out', '2014');

      const page = await readFile(join(out, 'kosovo.html'), 'utf8');
      expect(page).toContain('>Aller aux réponses</a>');
      expect(page).toContain('>Sommaire</h2>');
      expect(page).toContain('aria-label="Notes de bas de page"');
      expect(page).toContain('aria-label="Retour à l’appel de note 1"');
      expect(page).toContain('<meta name="description" content="Kosovo\u00A0: rapport d’étape –');
      expect(
        page.match(/Back to reference|aria-label="Notes"|Progress report|Not answered|Nothing to report/)?.[0],
      ).toBeUndefined();

      const pdf = await readPdf(await readFile(join(out, 'kosovo.pdf')));
      // Page 1 is the title page, which has no number.
      expect(pdf.pages[1]).toContain(`Page 2 sur ${pdf.numPages}`);
      expect(pdf.pages.at(-1)).toContain(`Page ${pdf.numPages} sur ${pdf.numPages}`);
      expect(pdf.text).toContain('Kosovo – rapport d’étape 2014');
      // The title page's labels (it replaces the report's own "Pays : Kosovo" line).
      expect(pdf.pages[0]).toContain('Année de référence 2014');
      expect(pdf.pages[0]).toMatch(/Date \d{1,2} \p{L}+ \d{4}/u);
      expect(pdf.text).toContain('Sans réponse.');
      expect(pdf.text).toContain('Rien à signaler.');
      expect(pdf.outline[0]?.title).toBe('Objectif politique n° 1');
      expect(pdf.info.Subject).toMatch(/^Kosovo\u00A0: rapport d’étape – /);
      expect(
        pdf.text.match(/Page \d+ of|progress report|Not answered|Nothing to report|Policy Target|Country:/)?.[0],
      ).toBeUndefined();

      const { unzipSync, strFromU8 } = await import('fflate');
      const docx = unzipSync(new Uint8Array(await readFile(join(out, 'kosovo.docx'))));
      const xml = Object.entries(docx)
        .filter(([name]) => name.endsWith('.xml'))
        .map(([, bytes]) => strFromU8(bytes))
        .join('\n');
      expect(xml).toContain('Objectif politique n°');
      expect(xml).toContain('Kosovo\u00A0: rapport d’étape');
      expect(xml.match(/Progress report|Not answered|Nothing to report|Policy Target| of </)?.[0]).toBeUndefined();
      // The footer: "Page {page} sur {pages}", the numbers as Word fields.
      expect(strFromU8(docx['word/footer1.xml'] ?? new Uint8Array())).toMatch(/>Page <\/w:t>[\s\S]*> sur <\/w:t>/);
    });
  });
});
