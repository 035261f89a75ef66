// Types of make-countries.mjs (plain JavaScript so the benchmark runs without a TypeScript loader).

export type GeneratedAnswer =
  | { state: 'unanswered' }
  | { state: 'nothing-to-report' }
  | { state: 'answered'; text: string };

export interface GeneratedCountry {
  slug: string;
  name: string;
  language: string;
  /** Absolute folder of the report: <dir>/reports/<year>/<slug>. */
  folder: string;
  /** goal id → question id (A, B, C) → answer. */
  answers: Record<string, Record<string, GeneratedAnswer>>;
  /** The distinctive answer to MARKER_QUESTION (Kosovo: its own answer, if any). */
  marker: string;
  completeness: { answered: number; nothingToReport: number; unanswered: number; percent: number };
}

export interface MakeCountriesOptions {
  year?: number;
  seed?: number;
  /** The first report is Kosovo's, copied unchanged. */
  kosovo?: boolean;
  /** Skip this many names of COUNTRY_NAMES (to add countries beside an existing set). */
  offset?: number;
  /** These countries of COUNTRY_NAMES, in this order, instead of the list's order. */
  slugs?: readonly string[];
}

export const COUNTRY_NAMES: readonly (readonly [slug: string, name: string, language: string])[];
export const MARKER_QUESTION: { target: number; goal: string; question: string };
export function makeCountries(dir: string, n: number, options?: MakeCountriesOptions): Promise<GeneratedCountry[]>;
