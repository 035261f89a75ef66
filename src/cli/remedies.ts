/** The remedies the library names (project/remedy.ts), said with gareport's commands and flags. */
import type { Remedy } from '../project/remedy.js';

/** The hint under a message: what to run or which flag to change. */
export function wordRemedy(remedy: Remedy): string {
  switch (remedy.kind) {
    case 'start-report':
      return `run \`gareport init ${remedy.year} ${remedy.country}\` to start this report`;
    case 'start-a-report':
      return 'run `gareport init <year> <country>` to start one';
    case 'run-in-project':
      return 'no reports/ folder here; run gareport from your project folder';
    case 'check-templates-folder':
      return 'check the --templates path';
    case 'templates-is-a-folder':
      return '--templates names a folder holding report.md.liquid, report.html.liquid …';
    case 'other-output-folder':
      return `choose another --out${remedy.example ? `, e.g. \`${remedy.example}\`` : ''}`;
    case 'give-country-name':
      return remedy.suggestion
        ? `${remedy.suggestion} For a country not in data/countries.yaml, add --name "${remedy.shownName}"`
        : `for a country not in data/countries.yaml, give the name to print in its report: --name "${remedy.shownName}"`;
    case 'one-line-country-name':
      return 'e.g. --name "Republic of Moldova"';
  }
}

/** An error's message and hint as the CLI prints them: a remedy in the CLI's words, else the error's own hint. */
export function describeMistake(error: Error & { hint?: string | undefined; remedy?: Remedy | undefined }): {
  message: string;
  hint?: string | undefined;
} {
  const { remedy } = error;
  if (!remedy) return { message: error.message, hint: error.hint };
  // The one message that is about a flag itself.
  const message =
    remedy.kind === 'one-line-country-name' ? '`--name` must be the country name on one line' : error.message;
  return { message, hint: wordRemedy(remedy) };
}
