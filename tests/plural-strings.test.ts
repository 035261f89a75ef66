/**
 * Issue 21 item 19: plural forms by Intl.PluralRules in the strings tables ("1 réponse sur 21 a
 * changé"), and country names where no article or case is needed ("la France", "du Kosovo").
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fill, STRINGS } from '../src/compose/strings.js';
import { createEngine, renderTemplate } from '../src/compose/template.js';

describe('plural forms', () => {
  it.each([
    { language: 'fr', changed: 1, says: '1 réponse sur 21 a changé.' },
    { language: 'fr', changed: 0, says: '0 réponse sur 21 a changé.' },
    { language: 'fr', changed: 3, says: '3 réponses sur 21 ont changé.' },
    { language: 'es', changed: 1, says: '1 de 21 respuestas cambió.' },
    { language: 'es', changed: 2, says: '2 de 21 respuestas cambiaron.' },
    { language: 'en', changed: 1, says: '1 of 21 answers changed.' },
  ])('diff_counts in $language with $changed changed: $says', ({ language, changed, says }) => {
    expect(fill(STRINGS[language]?.diff_counts ?? '', { changed, questions: 21 }, language)).toBe(says);
  });

  it('followup_counts agrees with the count: "1 objectif sur 7 avait", "1 of 1 goal"', () => {
    const values = { announced: 1, goals: 7, previous_year: 2014, reported: 1, missing: 0 };
    expect(fill(STRINGS.fr?.followup_counts ?? '', values, 'fr')).toMatch(
      /^\*\*1 objectif sur 7\*\* avait des actions/,
    );
    expect(fill(STRINGS.fr?.followup_counts ?? '', { ...values, announced: 4 }, 'fr')).toMatch(
      /^\*\*4 objectifs sur 7\*\* avaient des actions/,
    );
    expect(fill(STRINGS.en?.followup_counts ?? '', { ...values, goals: 1 }, 'en')).toMatch(/^\*\*1 of 1 goal\*\* had/);
    expect(fill(STRINGS.ru?.followup_counts ?? '', { ...values, goals: 21 }, 'ru')).toContain('из 21 цели');
    expect(fill(STRINGS.ru?.followup_counts ?? '', { ...values, goals: 5 }, 'ru')).toContain('из 5 целей');
  });

  it('every string of every table fills without plural syntax left over, for any count', () => {
    for (const [language, table] of Object.entries(STRINGS))
      for (let n = 0; n <= 25; n++)
        for (const text of Object.values(table)) {
          const values = { changed: n, questions: n, announced: n, goals: n, reported: n, missing: n, count: n };
          expect(fill(text, values, language)).not.toMatch(/plural,|\{(changed|questions|announced|goals|count)\b/);
        }
  });

  it('fill leaves text without placeholders as it is, and never throws', () => {
    fc.assert(
      fc.property(fc.string(), fc.nat(30), (text, n) => {
        const result = fill(text, { n }, 'fr');
        if (!text.includes('{')) expect(result).toBe(text);
      }),
    );
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.nat(30), (a, b, n) => {
        const clean = (s: string) => s.replace(/[{}#]/g, '');
        expect(fill(`{n, plural, one {${clean(a)}} other {${clean(b)}}}`, { n }, 'fr')).toBe(
          n < 2 ? clean(a) : clean(b),
        );
      }),
    );
  });

  it("a template's `fill` uses the template's language", async () => {
    const dir = await mkdtemp(join(tmpdir(), 'gareport-plural-'));
    try {
      await writeFile(join(dir, 'count.md.liquid'), "{{ strings.diff_counts | fill: 'changed', 0, 'questions', 21 }}");
      const engine = createEngine([dir], { escapeHtml: false });
      const data = { strings: STRINGS.fr, language: 'fr' };
      // French counts 0 as one ("0 réponse"), English as other: the template's language decides.
      expect(await renderTemplate(engine, 'count.md.liquid', data)).toBe('0 réponse sur 21 a changé.');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('country names in the strings of other languages', () => {
  it('stand where they need no article, case or pronoun: at the start, or after a colon or comma', () => {
    for (const language of ['fr', 'es', 'de', 'ru']) {
      for (const [key, text] of Object.entries(STRINGS[language] ?? {})) {
        for (const m of text.matchAll(/\{country\}/g)) {
          const before = text.slice(0, m.index).replace(/\u00A0/g, ' ');
          expect(before, `${language}.${key}: ${text}`).toMatch(/(^|: |, )$/);
        }
        // No pronoun standing for the country ("ce qu'il a rapporté" would be wrong for la France).
        if (language === 'fr') expect(text, `${language}.${key}`).not.toMatch(/\bqu’il\b|\bson rapport\b/);
      }
    }
  });

  it('French follow-up and diff read right for France: "France : les actions annoncées…"', () => {
    const values = { country: 'France', previous_year: 2014, year: 2015, before: '2014', after: '2015' };
    expect(fill(STRINGS.fr?.followup_intro ?? '', values, 'fr')).toMatch(/^France\u00A0: les actions annoncées/);
    expect(fill(STRINGS.fr?.diff_title ?? '', values, 'fr')).toBe(
      'France\u00A0: ce qui a changé dans les réponses, 2014 → 2015',
    );
  });
});
