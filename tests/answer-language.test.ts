/**
 * Issue 21 item 19: in the English consolidated report, a French country's answers are marked as
 * French (HTML `lang`, a PDF /Lang span, Word's run language) and get French quotes where the
 * report sets typographic quotes (HTML, PDF); an English country's answers stay English.
 */
import { cp, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import type { Element } from 'hast';
import rehypeParse from 'rehype-parse';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import { runInProcess, withProject } from './helpers/cli.js';
import { textsWithLang } from './helpers/html-lang.js';
import { readPdf } from './helpers/pdf-reader.js';

const FRENCH = 'La police a ouvert "une unité spécialisée" en 2013.';
const ENGLISH = 'The police opened "a specialised unit" in 2013.';

describe("a French country's answers in the English consolidated report", () => {
  it('are lang="fr" with « » in HTML, a French span in the PDF, French runs in Word', async () => {
    await withProject({ withKosovo: true }, async ({ dir }) => {
      const france = join(dir, 'reports', '2014', 'france');
      await cp(join(dir, 'reports', '2014', 'kosovo'), france, { recursive: true });
      await writeFile(join(france, 'country.yaml'), 'name: France\nlanguage: fr\n');
      for (const [folder, text] of [
        [france, FRENCH],
        [join(dir, 'reports', '2014', 'kosovo'), ENGLISH],
      ] as const) {
        const file = join(folder, 'target-1.yaml');
        const answers = await readFile(file, 'utf8');
        await writeFile(
          file,
          answers.replace(/^( {6})During the reporting period/m, `$1${text}\n\n$1During the reporting period`),
        );
      }
      const result = await runInProcess(['build', '2014', '--format', 'md,html,pdf,docx'], dir, {
        SOURCE_DATE_EPOCH: '0',
      });
      expect(result.exitCode, result.stderr).toBe(0);
      const base = join(dir, 'out', '2014', 'all-countries');

      const root = unified()
        .use(rehypeParse)
        .parse(await readFile(`${base}.html`, 'utf8'));
      const html = root.children.find((c): c is Element => c.type === 'element' && c.tagName === 'html');
      expect(html?.properties.lang).toBe('en');
      const texts = textsWithLang(root, 'en');
      const french = texts.find((t) => t.text.includes('une unité spécialisée'));
      expect(french?.lang).toBe('fr');
      expect(french?.text).toContain('«\u202Fune unité spécialisée\u202F»');
      const english = texts.find((t) => t.text.includes('a specialised unit'));
      expect(english?.lang).toBe('en');
      expect(english?.text).toContain('“a specialised unit”');

      const pdf = await readPdf(new Uint8Array(await readFile(`${base}.pdf`)));
      expect(pdf.langSpans.some((s) => s.lang === 'fr' && s.text.includes('une unité spécialisée'))).toBe(true);
      expect(pdf.langSpans.some((s) => s.text.includes('a specialised unit'))).toBe(false);

      const xml = strFromU8(
        unzipSync(new Uint8Array(await readFile(`${base}.docx`)))['word/document.xml'] ?? new Uint8Array(),
      );
      const run = (needle: string) =>
        [...xml.matchAll(/<w:r>(?:(?!<\/w:r>).)*<\/w:r>/gs)].map((m) => m[0]).find((r) => r.includes(needle));
      expect(run('une unité spécialisée')).toMatch(/<w:lang w:val="fr"/);
      expect(run('a specialised unit')).not.toMatch(/<w:lang w:val="fr"/);

      // The country's own report is French throughout: no span needed there.
      const own = await readFile(join(dir, 'out', '2014', 'france.html'), 'utf8');
      expect(own).toMatch(/<html lang="fr"/);
    });
  });
});
