/** The report's furniture in its language: the strings tables, and a French report read back. */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import rehypeParse from 'rehype-parse';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import type { CycleStrings } from '../src/compose/cycle-strings.js';
import { CYCLE_STRINGS } from '../src/compose/cycle-strings.js';
import { fill, formatDate, STRING_LANGUAGES, STRINGS, stringsFor } from '../src/compose/strings.js';
import { createEngine } from '../src/compose/template.js';
import { runInProcess, withProject } from './helpers/cli.js';
import { readPdf } from './helpers/pdf-reader.js';

const en = STRINGS.en;

describe('strings tables', () => {
  it('exist for English, French, Spanish, German and Russian, each complete', () => {
    expect(STRING_LANGUAGES).toEqual(expect.arrayContaining(['en', 'fr', 'es', 'de', 'ru']));
    for (const language of STRING_LANGUAGES) {
      const table = STRINGS[language];
      expect(Object.keys(table ?? {}).sort(), language).toEqual(Object.keys(en ?? {}).sort());
      for (const [key, text] of Object.entries(table ?? {})) {
        expect(text.trim(), `${language}.${key}`).not.toBe('');
        // Every placeholder the English text has, the translation has too (plain, or choosing a plural form).
        const caseOrPlaceholder = /(?<!(?:zero|one|two|few|many|other|=\d+)\s*)\{([a-z_]+)(?=\}|,\s*plural)/g;
        const placeholders = (t: string) => [...new Set([...t.matchAll(caseOrPlaceholder)].map((m) => m[1]))].sort();
        const english = en?.[key as keyof typeof en] ?? '';
        expect(placeholders(text), `${language}.${key}`).toEqual(placeholders(english));
        // The Markdown emphasis a few strings carry (follow-up counts, diff legend) is there, and balanced.
        const emphasis = (t: string, lang: string) => {
          const filled = fill(t, { announced: 2, goals: 7, changed: 2, questions: 21 }, lang);
          return [(filled.match(/\*\*/g) ?? []).length, (filled.match(/~~/g) ?? []).length];
        };
        expect(emphasis(text, language), `${language}.${key}`).toEqual(emphasis(english, 'en'));
      }
    }
  });

  it('are translations, not English left in place', () => {
    for (const language of ['fr', 'es', 'de', 'ru']) {
      const table = STRINGS[language];
      for (const key of ['contents', 'not_answered', 'nothing_to_report', 'skip_to_answers', 'page_of'] as const) {
        expect(table?.[key], `${language}.${key}`).not.toBe(en?.[key]);
      }
      // The reporting cycle's documents' words, every one of them.
      for (const key of Object.keys(CYCLE_STRINGS.en) as (keyof CycleStrings)[]) {
        if (key === 'diff_version' && language !== 'fr') continue; // `{version}:` is the same in most languages.
        expect(table?.[key], `${language}.${key}`).not.toBe(en?.[key]);
      }
    }
  });

  it('follow French typography: a no-break space before a colon, never a plain one or none', () => {
    for (const text of Object.values(STRINGS.fr ?? {})) {
      for (const m of text.matchAll(/(.):/g)) expect(m[1], text).toBe('\u00A0');
    }
    expect(STRINGS.fr?.policy_target).toBe('Objectif politique n°\u00A0{number}');
  });

  it('fall back to English for a language without a table, and use the base of a regional tag', () => {
    expect(stringsFor('sq').language).toBe('en');
    expect(stringsFor('fr-CA').strings).toBe(STRINGS.fr);
  });

  it('fill placeholders, in code and in templates', async () => {
    expect(fill('Page {page} of {pages}', { page: 2, pages: 7 })).toBe('Page 2 of 7');
    const engine = createEngine([], { escapeHtml: false });
    const out = await engine.parseAndRender("{{ s | fill: 'number', 3 }}", { s: STRINGS.de?.policy_target });
    expect(out).toBe('Politisches Ziel Nr.\u00A03');
  });

  it.each([
    ['en', '2 March 2015'],
    ['fr', '2 mars 2015'],
    ['es', '2 de marzo de 2015'],
    ['de', '2. März 2015'],
    ['ru', '2 марта 2015 г.'],
  ])('write dates the %s way', (language, expected) => {
    expect(formatDate('2015-03-02', language)).toBe(expected);
  });
});

describe('a report with `language: fr`', () => {
  it('has French furniture in Markdown, HTML and PDF', async () => {
    await withProject({ withKosovo: true }, async ({ dir }) => {
      await writeFile(join(dir, 'reports/2014/kosovo/country.yaml'), 'name: Kosovo\nlanguage: fr\ndate: 2015-03-02\n');
      const result = await runInProcess(['build', '2014', 'kosovo', '--format', 'md,html,pdf'], dir);
      expect(result.exitCode, result.stderr).toBe(0);
      const out = join(dir, 'out', '2014');

      const md = await readFile(join(out, 'kosovo.md'), 'utf8');
      expect(md).toContain('**Pays\u00A0:** Kosovo');
      expect(md).toContain('## Objectif politique n°\u00A01');
      expect(md).toContain('### Objectif opérationnel\u00A0: Augmenter d’au moins 10');
      expect(md).toContain('*Sans réponse.*');
      expect(md).toContain('*Rien à signaler.*');
      expect(md).not.toMatch(/Not answered|Nothing to report|Policy Target|Operational Goal|Country:/);

      const html = unified()
        .use(rehypeParse)
        .parse(await readFile(join(out, 'kosovo.html'), 'utf8'));
      const text = (id: string) => JSON.stringify(html).includes(id);
      expect(text('"value":"Aller aux réponses"')).toBe(true);
      expect(text('"value":"Sommaire"')).toBe(true);

      const pdf = await readPdf(await readFile(join(out, 'kosovo.pdf')));
      expect(pdf.pages[1]).toContain(`Page 2 sur ${pdf.numPages}`);
      expect(pdf.pages[1]).toContain('Kosovo – rapport d’étape 2014');
      expect(pdf.text).toContain('Sans réponse.');
      expect(pdf.text).not.toMatch(/Page \d+ of|progress report|Not answered/);
    });
  });
});
