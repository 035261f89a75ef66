import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import * as z from 'zod';
import { objectKeysAt, schemaIssueDiagnostics } from '../check/zod-issues.js';
import type { Diagnostic } from '../diagnostics/diagnostics.js';
import { languageCodeFor } from '../diagnostics/suggest.js';
import { readYamlFile } from '../load/source.js';
import type { SourceText } from '../load/source-text.js';
import { fileDiagnostic } from '../load/source-text.js';
import { nodeAtPath, valueOffsetOf } from '../load/yaml-nodes.js';
import { CHECKED_COUNTRIES } from './checked-files.js';
import type { Logo } from './country-logo.js';
import { checkLogo } from './country-logo.js';

/** How a country appears in its report. Stored as country.yaml beside the answer files. */
export interface CountryInfo {
  slug: string;
  name: string;
  /** BCP 47 language of the answers, e.g. `en`. */
  language: string;
  /** Date of the report (YYYY-MM-DD); the PDF creation date when SOURCE_DATE_EPOCH is not set. */
  date?: string;
  /** The ministry or agency that reports. */
  authority?: string;
  contact?: { name: string; email?: string };
  logo?: Logo;
}

export const COUNTRY_FILE = 'country.yaml';

/** No line break of any kind: these fields are printed on one line (a title, the cover, a running header). */
const ONE_LINE = /^[^\n\r\v\f\u0085\u2028\u2029]*$/;

/** A one-line text field, without spaces around it. */
const oneLine = () => z.string().trim().min(1).regex(ONE_LINE, 'must be one line: remove the line break');

export const countryFileSchema = z
  .object({
    name: oneLine().describe("the country's name as printed on the cover, in titles and in the running header"),
    language: z
      .string()
      .regex(/^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/, 'must be a language code such as `en` or `fr`')
      .optional()
      .describe(
        "the language of the answers and of the report's furniture, a BCP 47 code such as `en`, `fr` or `fr-CA` (default: the form's)",
      ),
    date: z
      .string()
      // A date not written YYYY-MM-DD gets that one error, not also "not in the calendar".
      .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a date written YYYY-MM-DD', abort: true })
      .refine((d) => {
        const date = new Date(`${d}T00:00:00Z`);
        return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(d);
      }, 'no such day in the calendar (YYYY-MM-DD)')
      .optional()
      .describe(
        "the report's date, YYYY-MM-DD: on the cover and the PDF's date (default: 31 December of the year; SOURCE_DATE_EPOCH wins)",
      ),
    authority: oneLine()
      .optional()
      .describe('the ministry or agency that reports: on the cover, and the author of the PDF and Word files'),
    contact: z
      .object({
        name: oneLine().pipe(z.string().min(1, 'must not be empty')).describe('the person or office to contact'),
        email: z
          .email('must be an e-mail address such as `name@ministry.gov`')
          .optional()
          .describe('their e-mail address'),
      })
      .strict()
      .optional()
      .describe('who to contact about the report, shown on the cover'),
    logo: z
      .string()
      .min(1)
      .optional()
      .describe(
        'a PNG, JPEG or SVG file inside the project, relative to the folder holding reports/, shown on the cover (SVG in the HTML only)',
      ),
  })
  .strict();

/** The file name of country.yaml's JSON Schema under schemas/ (committed, and written by `init`). */
export const COUNTRY_SCHEMA_FILE = 'country.schema.json';

/** JSON Schema (draft-07) of country.yaml, for editors, as text with a trailing newline. */
export function countryJsonSchema(): string {
  const schema = {
    ...(z.toJSONSchema(countryFileSchema, { target: 'draft-7', io: 'input' }) as Record<string, unknown>),
    title: 'gareport country file (reports/<year>/<country>/country.yaml)',
  };
  return `${JSON.stringify(schema, null, 2)}\n`;
}

let knownCountries: Map<string, string> | undefined;

/** The participating countries shipped with gareport (data/countries.yaml): slug → name. */
export async function loadKnownCountries(packageRoot: string): Promise<Map<string, string>> {
  if (!knownCountries) {
    const text = await readFile(join(packageRoot, 'data', 'countries.yaml'), 'utf8');
    // The text the bundle read (checked-files.ts) needs no parse.
    const data = text === CHECKED_COUNTRIES?.text ? CHECKED_COUNTRIES.names : (parse(text) as Record<string, string>);
    knownCountries = new Map(Object.entries(data));
  }
  return knownCountries;
}

function titleCase(slug: string): string {
  return slug.replace(/(^|-)([a-z])/g, (_, sep: string, c: string) => (sep ? ' ' : '') + c.toUpperCase());
}

export interface CountryDefaults {
  language: string;
  knownName?: string | undefined;
}

/** How a country is named without a country.yaml: its name in data/countries.yaml, or its folder's. */
export function defaultCountry(slug: string, defaults: CountryDefaults): CountryInfo {
  return { slug, name: defaults.knownName ?? titleCase(slug), language: defaults.language };
}

/** A country file read: the country (or the default one), its problems, and where it writes `language:`. */
export interface CountryLoad {
  country: CountryInfo;
  diagnostics: Diagnostic[];
  /** The value of `language:` in the file as parsed, for a diagnostic about it; undefined when not written. */
  languageAt?: { source: SourceText; offset: number } | undefined;
}

export async function loadCountryInfo(
  dir: string,
  displayDir: string,
  slug: string,
  defaults: CountryDefaults,
): Promise<CountryLoad> {
  const fallback = defaultCountry(slug, defaults);
  const file = `${displayDir}/${COUNTRY_FILE}`;
  // Only a missing file means "no country file"; any other read error is reported as such.
  const read = await readYamlFile(join(dir, COUNTRY_FILE), file).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  });
  if (!read) {
    return {
      country: fallback,
      diagnostics: [
        fileDiagnostic(
          file,
          'warning',
          'missing-country-file',
          `no ${COUNTRY_FILE}; the report will be titled "${fallback.name}"`,
          'add `name: <country name as printed>` in a country.yaml beside the answers',
        ),
      ],
    };
  }
  const { source, doc, diagnostics } = read;
  if (!source || !doc) return { country: fallback, diagnostics };
  const result = countryFileSchema.safeParse(doc.toJS());
  if (!result.success) {
    for (const issue of result.error.issues) {
      diagnostics.push(
        ...schemaIssueDiagnostics(
          source,
          doc,
          issue,
          'invalid-country-file',
          languageHint(issue.path, doc.toJS()) ??
            'a country file has `name:`, and optionally `language:`, `date:`, `authority:`, `contact:` (`name:`, `email:`) and `logo:`',
          (path) => objectKeysAt(countryFileSchema, path),
        ),
      );
    }
    return { country: fallback, diagnostics };
  }
  const country: CountryInfo = { slug, name: result.data.name, language: result.data.language ?? defaults.language };
  const { date, authority, contact, logo } = result.data;
  const languageAt =
    result.data.language === undefined ? undefined : { source, offset: valueOffsetOf(nodeAtPath(doc, ['language'])) };
  if (date) country.date = date;
  if (authority) country.authority = authority;
  if (contact) country.contact = contact.email ? { name: contact.name, email: contact.email } : { name: contact.name };
  if (logo) {
    // The project folder holds reports/<year>/<country>/.
    const checked = await checkLogo(logo, join(dir, '..', '..', '..'), source, doc);
    diagnostics.push(...checked.diagnostics);
    if (checked.logo) country.logo = checked.logo;
  }
  return { country, diagnostics, languageAt };
}

/** `language: German`: the code of the language named, as "did you mean `de`?" (issue 21 item 13). */
function languageHint(path: readonly PropertyKey[], data: unknown): string | undefined {
  if (path.length !== 1 || path[0] !== 'language') return undefined;
  const written = (data as { language?: unknown } | null)?.language;
  const code = typeof written === 'string' ? languageCodeFor(written) : undefined;
  return code === undefined ? undefined : `did you mean \`${code}\`? \`language\` is a code such as \`en\` or \`fr\``;
}
