/**
 * The reporting cycle's documents in the report's language (issue 11, part 4): `followup` and
 * `diff` of a French and a German Kosovo speak French and German in Markdown, HTML and PDF, the
 * form's text translated where forms/2015.<lang>.yaml has it and marked English where not.
 */
import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Element } from 'hast';
import rehypeParse from 'rehype-parse';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import { STRINGS } from '../src/compose/strings.js';
import type { FollowUpOverview } from '../src/cycle/follow-up-goals.js';
import { overviewSpec } from '../src/cycle/followup-document.js';
import { repoRoot, runInProcess } from './helpers/cli.js';
import { withCycleProject } from './helpers/cycle.js';
import { textsWithLang } from './helpers/html-lang.js';
import { readPdf, squash } from './helpers/pdf-reader.js';

interface Outputs {
  md: string;
  html: { lang: string; text: string }[];
  /** The page's own `lang`. */
  pageLang: string | undefined;
  pdf: Awaited<ReturnType<typeof readPdf>>;
}

async function outputs(base: string): Promise<Outputs> {
  const root = unified()
    .use(rehypeParse)
    .parse(await readFile(`${base}.html`, 'utf8'));
  const htmlElement = root.children.find((c): c is Element => c.type === 'element' && c.tagName === 'html');
  const pageLang = htmlElement?.properties.lang;
  return {
    md: await readFile(`${base}.md`, 'utf8'),
    html: textsWithLang(root, typeof pageLang === 'string' ? pageLang : ''),
    pageLang: typeof pageLang === 'string' ? pageLang : undefined,
    pdf: await readPdf(new Uint8Array(await readFile(`${base}.pdf`))),
  };
}

/** The HTML's text with its language, joined (the parser splits text at elements). */
const htmlText = (o: Outputs) => o.html.map((t) => t.text).join('');
const langOf = (o: Outputs, needle: string) => o.html.find((t) => t.text.includes(needle))?.lang;

/** Kosovo 2015 (after 2014) in `language`, its follow-up and diff built as Markdown, HTML and PDF. */
async function cycleIn(
  language: string,
  options: { translate2015: boolean },
): Promise<{ followup: Outputs; diff: Outputs; since: string }> {
  return withCycleProject({ form2015: true }, async ({ dir }) => {
    await writeFile(join(dir, 'reports/2015/kosovo/country.yaml'), `name: Kosovo\nlanguage: ${language}\n`);
    if (options.translate2015) {
      // The shipped French translation of 2014 fits the 2015 form made from it (same ids).
      const translation = await readFile(join(repoRoot, 'forms', `2014.${language}.yaml`), 'utf8');
      await writeFile(join(dir, 'forms', `2015.${language}.yaml`), translation);
    }
    const env = { SOURCE_DATE_EPOCH: '0' };
    for (const args of [
      ['followup', 'kosovo', '2015'],
      ['diff', 'kosovo', '2014', '2015'],
    ]) {
      const result = await runInProcess([...args, '--format', 'md,html,pdf'], dir, env);
      expect(result.exitCode, result.stderr).toBe(0);
    }
    const git = (...args: string[]) =>
      promisify(execFile)(
        'git',
        ['-c', 'user.name=T', '-c', 'user.email=t@example.org', '-c', 'commit.gpgsign=false', ...args],
        { cwd: dir },
      );
    await git('init', '-q', '-b', 'main');
    await git('add', '-A');
    await git('commit', '-q', '-m', 'reports');
    const since = await runInProcess(['diff', 'kosovo', '2015', '--since', 'main', '--stdout'], dir, env);
    expect(since.exitCode, since.stderr).toBe(0);
    const out = join(dir, 'out', '2015');
    return {
      followup: await outputs(join(out, 'followup', 'kosovo')),
      diff: await outputs(join(out, 'diff', 'kosovo-2014')),
      since: since.stdout,
    };
  });
}

const ENGLISH_FOLLOWUP =
  /Follow-up of|Country:|Not reported|Reported:|Nothing announced|Announced in|Reported in|question A of|had actions announced|follow-up 2014|Not answered|Nothing to report/;
const ENGLISH_DIFF =
  /What changed|Country:|answers changed|In a changed answer|Unchanged\.|Not answered|Nothing to report/;

describe('the reporting cycle in French (country.yaml `language: fr`, forms/2015.fr.yaml)', () => {
  it('follow-up and diff: French words and the form in French in Markdown, HTML and PDF', async () => {
    const { followup, diff, since } = await cycleIn('fr', { translate2015: true });

    expect(followup.md).toContain('# Suivi des annonces de 2014\u00A0: Kosovo, 2015');
    expect(followup.md).toContain('**Pays\u00A0:** Kosovo');
    expect(followup.md).toContain('«\u00A0actions concrètes que votre pays entreprendra pour y donner suite\u00A0»');
    expect(followup.md).toContain('**4 objectifs sur 7** avaient des actions annoncées en 2014\u00A0:');
    expect(followup.md).toContain('**⚠ Sans compte rendu\u00A0:** des actions ont été annoncées en 2014');
    expect(followup.md).toContain('«\u00A0rien à signaler\u00A0»');
    expect(followup.md).toContain('**✔ Compte rendu\u00A0:** la question A de 2015 rend compte');
    expect(followup.md).toContain('**– Rien d’annoncé** en 2014.');
    expect(followup.md).toContain('### Annoncé en 2014 (question C)');
    expect(followup.md).toContain('## 1.1 Augmenter d’au moins 10');
    expect(followup.md).not.toMatch(ENGLISH_FOLLOWUP);
    expect(followup.md).not.toMatch(/[\uFDD0-\uFDD2]/);

    expect(followup.pageLang).toBe('fr');
    expect(htmlText(followup)).toContain('Suivi des annonces de 2014\u00A0: Kosovo, 2015');
    expect(htmlText(followup)).not.toMatch(ENGLISH_FOLLOWUP);
    // Translated: nothing of the form is marked as English.
    expect(followup.html.filter((t) => t.lang === 'en' && t.text.trim())).toEqual([]);

    expect(followup.pdf.info.Language).toBe('fr');
    expect(followup.pdf.info.Subject).toBe('Suivi des annonces de 2014\u00A0: Kosovo, 2015');
    expect(followup.pdf.info.Keywords).toContain('suivi');
    expect(followup.pdf.pages[0]).toContain(`Page 1 sur ${followup.pdf.numPages}`);
    expect(followup.pdf.text).toContain('Kosovo – suivi 2014 → 2015');
    expect(squash(followup.pdf.contentText)).toContain('Augmenter d’au moins 10');
    expect(followup.pdf.text).not.toMatch(/Page \d+ of|Follow-up of|Not reported/);

    expect(diff.md).toContain('# Kosovo\u00A0: ce qui a changé dans les réponses, 2014 → 2015');
    expect(diff.md).toMatch(/\d+ réponses sur 21 ont changé\. Dans une réponse modifiée, les mots ~~barrés~~/);
    expect(diff.md).toContain('### A) Veuillez rendre compte de la mise en œuvre des mesures annoncées');
    expect(diff.md).toContain('**2014\u00A0:** *Sans réponse.*');
    expect(diff.md).not.toMatch(ENGLISH_DIFF);
    expect(htmlText(diff)).not.toMatch(ENGLISH_DIFF);
    expect(diff.pdf.pages[0]).toContain(`Page 1 sur ${diff.pdf.numPages}`);
    expect(diff.pdf.info.Keywords).toContain('modifications');

    expect(since).toContain('# Kosovo\u00A0: ce qui a changé dans les réponses, 2015 à la version main → 2015 actuel');
    expect(since).toContain('0 réponse sur 21 a changé.');
  }, 120_000);
});

describe('the reporting cycle in German (no translation of the form into German)', () => {
  it('follow-up and diff: German words; the form’s English text marked lang="en"', async () => {
    const { followup, diff, since } = await cycleIn('de', { translate2015: false });

    expect(followup.md).toContain('# Nachverfolgung der Ankündigungen von 2014: Kosovo, 2015');
    expect(followup.md).toContain('**Land:** Kosovo');
    expect(followup.md).toContain('„Maßnahmen, die Ihr Land als Folgemaßnahme ergreifen wird“');
    expect(followup.md).toContain('**⚠ Nicht berichtet:** Maßnahmen wurden 2014 angekündigt');
    expect(followup.md).toContain('„nichts zu berichten“');
    expect(followup.md).toContain('### Angekündigt 2014 (Frage C)');
    expect(followup.md).toContain('### Berichtet 2015 (Frage A)');
    expect(followup.md).not.toMatch(ENGLISH_FOLLOWUP);

    expect(followup.pageLang).toBe('de');
    expect(htmlText(followup)).toContain('Nichts angekündigt');
    expect(htmlText(followup)).not.toMatch(ENGLISH_FOLLOWUP);
    expect(langOf(followup, 'Increase the number of identified victims')).toBe('en');
    expect(langOf(followup, 'Nicht berichtet')).toBe('de');

    expect(followup.pdf.pages[0]).toContain(`Seite 1 von ${followup.pdf.numPages}`);
    expect(followup.pdf.text).toContain('Kosovo – Nachverfolgung 2014 → 2015');
    expect(
      followup.pdf.langSpans.some((s) => s.lang === 'en' && s.text.includes('Increase the number of identified')),
    ).toBe(true);
    expect(followup.pdf.text).not.toMatch(/Page \d+ of|Follow-up of|Not reported/);

    expect(diff.md).toContain('# Kosovo: was sich in den Antworten geändert hat, 2014 → 2015');
    expect(diff.md).toContain('**2014:** *Nicht beantwortet.*');
    expect(diff.md).toMatch(/\*Unverändert\.\*|~~/);
    expect(diff.md).not.toMatch(ENGLISH_DIFF);
    expect(langOf(diff, 'Please report on implementation')).toBe('en');
    expect(langOf(diff, 'Antworten geändert')).toBe('de');
    expect(diff.pdf.pages[0]).toContain(`Seite 1 von ${diff.pdf.numPages}`);
    expect(diff.pdf.langSpans.some((s) => s.lang === 'en' && s.text.includes('Please report on implementation'))).toBe(
      true,
    );

    expect(since).toContain('# Kosovo: was sich in den Antworten geändert hat, 2015 (Stand main) → 2015 (aktuell)');
  }, 120_000);
});

describe('the follow-up overview in the language it is given (the form’s)', () => {
  it('says its title, running header, legend and notes in that language', () => {
    const overview: FollowUpOverview = {
      year: 2015,
      previousYear: 2014,
      goals: [{ id: 'g', number: '1.1', text: 'Goal' }],
      rows: [
        { country: 'kosovo', name: 'Kosovo', statuses: ['missing'] },
        { country: 'ghana', name: 'Ghana', note: 'no 2014 report', reason: 'no-earlier-report' },
        { country: 'peru', name: 'Peru', note: 'invalid answers', reason: 'invalid' },
      ],
      diagnostics: [],
    };
    const fr = overviewSpec(overview, 'fr', '0');
    expect(fr.pageTitle).toBe('Suivi des annonces de 2014 dans les rapports 2015');
    expect(fr.pdf.runningHeader).toBe('Suivi 2014 → 2015');
    expect(fr.pdf.pageLabel).toBe(STRINGS.fr?.page_of);
    expect(fr.data.legend).toEqual([
      { symbol: '✔', meaning: 'compte rendu' },
      { symbol: '✘', meaning: 'annoncé, sans compte rendu' },
      { symbol: '–', meaning: 'rien d’annoncé' },
    ]);
    const notes = (fr.data.rows as { note: string }[]).map((r) => r.note);
    expect(notes).toEqual(['', 'pas de rapport 2014', 'réponses non valides']);
    const en = overviewSpec(overview, 'en', '0');
    expect((en.data.rows as { note: string }[]).map((r) => r.note)).toEqual(['', 'no 2014 report', 'invalid answers']);
  });
});
