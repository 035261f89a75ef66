/** The title page's lines are recognised in every language gareport writes them in, and nothing else is. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fill, STRINGS } from '../src/compose/strings.js';
import { isCoverLine } from '../src/import/cover-lines.js';

describe('isCoverLine', () => {
  for (const [language, strings] of Object.entries(STRINGS)) {
    it(`knows the title page's lines in ${language}`, () => {
      expect(isCoverLine(fill(strings.reporting_year, { year: 2014 }))).toBe(true);
      expect(isCoverLine(`**${strings.issued_by}**\tMinistry of Internal Affairs`)).toBe(true);
      expect(isCoverLine(`${strings.date} 2 March 2015`)).toBe(true);
      expect(isCoverLine(`${strings.contact}: Report office, reports@example.org`)).toBe(true);
    });
  }

  it('takes no sentence of an answer for one', () => {
    expect(isCoverLine('Data-base of offenders is not yet developed.')).toBe(false);
    expect(isCoverLine('Reporting year 2014 was a good year for the police.')).toBe(false);
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 80 }), (text) => {
        const labelled =
          /^(issued by|publié par|publicado por|herausgegeben von|издатель|date|datum|fecha|дата|contact|contacto|kontakt|контактное лицо|reporting year|année de référence|año del informe|berichtsjahr|отчётный год)/iu;
        const plain = text.replace(/[*_]/g, '').trim();
        if (!labelled.test(plain) && !plain.startsWith('![')) expect(isCoverLine(text)).toBe(false);
      }),
    );
  });
});
