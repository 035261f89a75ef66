import { join } from 'node:path';
import type { AnnouncedNote } from '../compose/announced-note.js';
import { reportData } from '../compose/document.js';
import { markedLanguage, unmarkLanguage } from '../compose/localize.js';
import { fill, formatDate } from '../compose/strings.js';
import { UsageError } from '../diagnostics/errors.js';
import type { RuleSettings } from '../diagnostics/rules.js';
import type { Report } from '../model/report.js';
import { writeFilesIfChanged } from '../project/write-atomic.js';
import type { BuildFormat, DocumentSpec, Paper } from './render-outputs.js';

/** Settings shared by every report of a build run. */
export interface BuildSettings {
  /** Absolute output folder; files go to <out>/<year>/<name>.<ext>. */
  out: string;
  formats: readonly BuildFormat[];
  /** Chosen with `--paper` or the configuration; else the theme's. */
  paper?: Paper | undefined;
  templates?: string | undefined;
  /** The project's `fonts:` list (config or flag): font files or npm font packages (issue 10). */
  fonts?: readonly string[] | undefined;
  /** Value of SOURCE_DATE_EPOCH, if set. */
  sourceDateEpoch?: string | undefined;
  /** Characters no font can draw in the PDF are errors, not warnings (issue 10). */
  strict?: boolean | undefined;
  /** Rule settings of gareport.config.yaml: warnings turned off or made errors (issue 21 item 15). */
  rules?: RuleSettings | undefined;
}

/** The date stamped into outputs: SOURCE_DATE_EPOCH, else the report's date, else the last day of its year. */
export function outputDate(sourceDateEpoch: string | undefined, fallback: string): Date {
  if (sourceDateEpoch !== undefined && sourceDateEpoch !== '') {
    if (!/^\d{1,12}$/.test(sourceDateEpoch)) {
      throw new UsageError(`SOURCE_DATE_EPOCH must be a whole number of seconds, not \`${sourceDateEpoch}\``);
    }
    return new Date(Number(sourceDateEpoch) * 1000);
  }
  return new Date(`${fallback}T00:00:00Z`);
}

export function reportDate(report: Report, sourceDateEpoch: string | undefined): Date {
  return outputDate(sourceDateEpoch, report.country.date ?? `${report.year}-12-31`);
}

export function countrySpec(
  report: Report,
  sourceDateEpoch: string | undefined,
  announced: readonly AnnouncedNote[] = [],
): DocumentSpec {
  const { country, year } = report;
  const { data, parts } = reportData(report);
  const { strings } = data;
  const title = unmarkLanguage(data.title);
  // The date the report shows: the one its country file gives; else the build's (SOURCE_DATE_EPOCH, or the year's end).
  const date = country.date ?? reportDate(report, sourceDateEpoch).toISOString().slice(0, 10);
  const formattedDate = formatDate(date, country.language);
  const lines = [
    ...(country.authority ? [{ label: strings.issued_by, text: country.authority }] : []),
    { label: strings.date, text: formattedDate },
    ...(country.contact
      ? [{ label: strings.contact, text: [country.contact.name, country.contact.email].filter(Boolean).join(', ') }]
      : []),
  ];
  return {
    cover: {
      title,
      titleLang: markedLanguage(data.title),
      country: country.name,
      year: fill(strings.reporting_year, { year }),
      lines,
      logo: country.logo,
    },
    template: 'report.md.liquid',
    data: {
      ...data,
      country: {
        ...data.country,
        authority: country.authority ?? '',
        contact: { name: country.contact?.name ?? '', email: country.contact?.email ?? '' },
        date: country.date ?? '',
      },
      // The report's date written the language's way ("2 March 2015", "2 mars 2015"), and as YYYY-MM-DD.
      date: formattedDate,
      date_iso: date,
    },
    parts,
    pageTitle: `${country.name} – ${title}`,
    description: fill(strings.report_description, { country: country.name, title }),
    pdf: {
      subject: fill(strings.report_description, { country: country.name, title }),
      // Who issues the report (the PDF's and Word file's author), else the country.
      author: country.authority ?? country.name,
      keywords: `Global Alliance, ${year}, ${country.name}`,
      runningHeader: fill(strings.progress_report, { country: country.name, year }),
      pageLabel: strings.page_of,
      creationDate: reportDate(report, sourceDateEpoch),
    },
    announced,
  };
}

/** Writes rendered outputs (atomically; a file whose bytes are unchanged is left alone, mtime included). */
export async function writeOutputs(
  yearOut: string,
  baseName: string,
  outputs: Map<BuildFormat, string | Uint8Array>,
): Promise<string[]> {
  const names = [...outputs.keys()].map((format) => `${baseName}.${format}`);
  // All of a report's files or none (see writeFilesIfChanged): never a new .md beside an old .pdf.
  await writeFilesIfChanged(
    [...outputs.values()].map((data, i) => ({ path: join(yearOut, names[i] as string), data })),
  );
  return names;
}
