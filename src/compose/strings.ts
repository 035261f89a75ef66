/**
 * The words a report prints around the answers ("Contents", "Not answered.", "Page 1 of 4"…), per
 * language. Each table follows its language's own conventions: French puts a no-break space before
 * a colon and writes "n°", German "Nr.", Spanish "n.º", Russian "№"; dates are written the local way.
 * Placeholders are `{name}`; templates fill them with the `fill` filter.
 */

import type { CycleStrings } from './cycle-strings.js';
import { CYCLE_STRINGS } from './cycle-strings.js';

/** Every string a template gets; those of the reporting cycle's documents are in cycle-strings.ts. */
export interface Strings extends CycleStrings {
  /** Heading of the table of contents. */
  contents: string;
  not_answered: string;
  nothing_to_report: string;
  /** The link that jumps over the contents to the answers (HTML). */
  skip_to_answers: string;
  /** The label before the country's name under the title ("Country:"). */
  country: string;
  /** PDF and Word footer: `{page}` and `{pages}`. */
  page_of: string;
  /** `{number}`: the policy target's number. */
  policy_target: string;
  /** The label before a goal's wording ("Operational Goal:"). */
  operational_goal: string;
  /** Running header and cover: `{country}` and `{year}`. */
  progress_report: string;
  /** The reporting year on the cover: `{year}`. */
  reporting_year: string;
  /** Consolidated report: the title's addition after the form's title. */
  all_countries: string;
  /** Consolidated report: the label before the countries that did not answer a question. */
  not_answered_by: string;
  /** Consolidated report: the label before the countries left out because their answers have errors. */
  not_included: string;
  /** Consolidated report: the label before the countries left out because they could not be built (fonts, unreadable files). */
  not_included_not_built: string;
  /** Cover: who issues the report. */
  issued_by: string;
  contact: string;
  date: string;
  /** Consolidated running header: `{year}`. */
  all_countries_report: string;
  /** HTML country report, under question A: the note with the year before's question C; `{year}` is that year. */
  announced_in: string;
  /** HTML: the accessible name of an answer's footnotes. */
  footnotes: string;
  /** HTML: the accessible name of a footnote's link back to where it is referenced: `{number}`. */
  back_to_reference: string;
  /** HTML description and PDF/Word subject: `{country}` and `{title}` (the form's title). */
  report_description: string;
  /** Consolidated report's cover: the large line where a country's report has the country. */
  all_countries_cover: string;
  /** Consolidated report's cover: the label before the countries included. */
  countries_included: string;
  /** Consolidated report's cover: how many countries (`{count}`) and which (`{names}`, a list in the language). */
  countries_count: string;
  /** Consolidated report's cover: the label before the countries left out because of errors. */
  countries_left_out: string;
  /** Consolidated report's cover: `{names}`, the countries left out, and why. */
  left_out_because: string;
  left_out_not_built: string;
}

/** The strings of the country and consolidated reports (this file's tables). */
type ReportStrings = Omit<Strings, keyof CycleStrings>;

const NBSP = '\u00A0';

const en: ReportStrings = {
  contents: 'Contents',
  not_answered: 'Not answered.',
  nothing_to_report: 'Nothing to report.',
  skip_to_answers: 'Skip to the answers',
  country: 'Country:',
  page_of: 'Page {page} of {pages}',
  policy_target: 'Policy Target No. {number}',
  operational_goal: 'Operational Goal:',
  progress_report: '{country} – {year} progress report',
  reporting_year: 'Reporting year {year}',
  all_countries: 'all countries',
  not_answered_by: 'Not answered:',
  not_included: 'Not included because their answers have errors:',
  not_included_not_built: 'Not included because they could not be built:',
  issued_by: 'Issued by',
  contact: 'Contact',
  date: 'Date',
  all_countries_report: 'All countries – {year} progress reports',
  announced_in: 'Announced in {year}',
  footnotes: 'Footnotes',
  back_to_reference: 'Back to reference {number}',
  report_description: 'Progress report of {country} to the {title}',
  all_countries_cover: 'All countries',
  countries_included: 'Countries included',
  countries_count: '{count}: {names}',
  countries_left_out: 'Not included',
  left_out_because: '{names} (their answers have errors)',
  left_out_not_built: '{names} (could not be built)',
};

const fr: ReportStrings = {
  contents: 'Sommaire',
  not_answered: 'Sans réponse.',
  nothing_to_report: 'Rien à signaler.',
  skip_to_answers: 'Aller aux réponses',
  country: `Pays${NBSP}:`,
  page_of: 'Page {page} sur {pages}',
  policy_target: `Objectif politique n°${NBSP}{number}`,
  operational_goal: `Objectif opérationnel${NBSP}:`,
  progress_report: '{country} – rapport d’étape {year}',
  reporting_year: 'Année de référence {year}',
  all_countries: 'tous les pays',
  not_answered_by: `Sans réponse${NBSP}:`,
  not_included: `Non inclus, leurs réponses comportant des erreurs${NBSP}:`,
  not_included_not_built: `Non inclus, faute d’avoir pu être produits${NBSP}:`,
  issued_by: 'Publié par',
  contact: 'Contact',
  date: 'Date',
  all_countries_report: 'Tous les pays – rapports d’étape {year}',
  announced_in: 'Annoncé en {year}',
  footnotes: 'Notes de bas de page',
  back_to_reference: 'Retour à l’appel de note {number}',
  report_description: `{country}${NBSP}: rapport d’étape – {title}`,
  all_countries_cover: 'Tous les pays',
  countries_included: 'Pays inclus',
  countries_count: `{count}${NBSP}: {names}`,
  countries_left_out: 'Non inclus',
  left_out_because: '{names} (leurs réponses comportent des erreurs)',
  left_out_not_built: '{names} (n’ont pas pu être produits)',
};

const es: ReportStrings = {
  contents: 'Índice',
  not_answered: 'Sin respuesta.',
  nothing_to_report: 'Nada que informar.',
  skip_to_answers: 'Ir a las respuestas',
  country: 'País:',
  page_of: 'Página {page} de {pages}',
  policy_target: 'Objetivo político n.º {number}',
  operational_goal: 'Objetivo operativo:',
  progress_report: '{country}: informe de avance {year}',
  reporting_year: 'Año del informe: {year}',
  all_countries: 'todos los países',
  not_answered_by: 'Sin respuesta:',
  not_included: 'No incluidos porque sus respuestas contienen errores:',
  not_included_not_built: 'No incluidos porque no se pudieron generar:',
  issued_by: 'Publicado por',
  contact: 'Contacto',
  date: 'Fecha',
  all_countries_report: 'Todos los países: informes de avance {year}',
  announced_in: 'Anunciado en {year}',
  footnotes: 'Notas',
  back_to_reference: 'Volver a la llamada de nota {number}',
  report_description: '{country}: informe de avance – {title}',
  all_countries_cover: 'Todos los países',
  countries_included: 'Países incluidos',
  countries_count: '{count}: {names}',
  countries_left_out: 'No incluidos',
  left_out_because: '{names} (sus respuestas contienen errores)',
  left_out_not_built: '{names} (no se pudieron generar)',
};

const de: ReportStrings = {
  contents: 'Inhalt',
  not_answered: 'Nicht beantwortet.',
  nothing_to_report: 'Nichts zu berichten.',
  skip_to_answers: 'Zu den Antworten springen',
  country: 'Land:',
  page_of: 'Seite {page} von {pages}',
  policy_target: `Politisches Ziel Nr.${NBSP}{number}`,
  operational_goal: 'Operatives Ziel:',
  progress_report: '{country} – Fortschrittsbericht {year}',
  reporting_year: 'Berichtsjahr {year}',
  all_countries: 'alle Länder',
  not_answered_by: 'Nicht beantwortet:',
  not_included: 'Nicht enthalten, weil ihre Antworten Fehler enthalten:',
  not_included_not_built: 'Nicht enthalten, weil sie nicht erstellt werden konnten:',
  issued_by: 'Herausgegeben von',
  contact: 'Kontakt',
  date: 'Datum',
  all_countries_report: 'Alle Länder – Fortschrittsberichte {year}',
  announced_in: 'Angekündigt im Jahr {year}',
  footnotes: 'Fußnoten',
  back_to_reference: 'Zurück zur Fußnotenmarke {number}',
  report_description: '{country}: Fortschrittsbericht – {title}',
  all_countries_cover: 'Alle Länder',
  countries_included: 'Enthaltene Länder',
  countries_count: '{count}: {names}',
  countries_left_out: 'Nicht enthalten',
  left_out_because: '{names} (ihre Antworten enthalten Fehler)',
  left_out_not_built: '{names} (konnten nicht erstellt werden)',
};

const ru: ReportStrings = {
  contents: 'Содержание',
  not_answered: 'Нет ответа.',
  nothing_to_report: 'Сообщить нечего.',
  skip_to_answers: 'Перейти к ответам',
  country: 'Страна:',
  page_of: 'Страница {page} из {pages}',
  policy_target: `Политическая цель №${NBSP}{number}`,
  operational_goal: 'Оперативная цель:',
  progress_report: `{country} — отчёт о ходе работы за {year}${NBSP}год`,
  reporting_year: 'Отчётный год: {year}',
  all_countries: 'все страны',
  not_answered_by: 'Нет ответа:',
  not_included: 'Не включены, так как их ответы содержат ошибки:',
  not_included_not_built: 'Не включены, так как их не удалось создать:',
  issued_by: 'Издатель',
  contact: 'Контактное лицо',
  date: 'Дата',
  all_countries_report: `Все страны — отчёты о ходе работы за {year}${NBSP}год`,
  announced_in: `Объявлено в {year}${NBSP}году`,
  footnotes: 'Сноски',
  back_to_reference: 'Вернуться к знаку сноски {number}',
  report_description: '{country} — отчёт о ходе работы: {title}',
  all_countries_cover: 'Все страны',
  countries_included: 'Включённые страны',
  countries_count: '{count}: {names}',
  countries_left_out: 'Не включены',
  left_out_because: '{names} (их ответы содержат ошибки)',
  left_out_not_built: '{names} (не удалось создать)',
};

const english: Strings = { ...en, ...CYCLE_STRINGS.en };

export const STRINGS: Readonly<Record<string, Strings>> = {
  en: english,
  fr: { ...fr, ...CYCLE_STRINGS.fr },
  es: { ...es, ...CYCLE_STRINGS.es },
  de: { ...de, ...CYCLE_STRINGS.de },
  ru: { ...ru, ...CYCLE_STRINGS.ru },
};

/** The languages with a strings table. */
export const STRING_LANGUAGES = Object.keys(STRINGS);

/** The table for a BCP 47 tag (`fr-CA` uses `fr`); English where there is none. */
export function stringsFor(language: string): { strings: Strings; language: string } {
  const base = language.toLowerCase().split('-')[0] ?? 'en';
  const strings = STRINGS[base];
  return strings ? { strings, language: base } : { strings: english, language: 'en' };
}

/**
 * Replaces `{name}` placeholders (unknown ones are left as written) and chooses plural forms, in
 * ICU MessageFormat's manner: `{count, plural, one {# réponse a changé} other {# réponses ont changé}}`
 * picks the case Intl.PluralRules gives for the count in `language` (`=0 {…}` matches exactly), `#`
 * being the count; the cases may hold placeholders of their own.
 */
export function fill(template: string, values: Readonly<Record<string, string | number>>, language = 'en'): string {
  let out = '';
  let i = 0;
  while (i < template.length) {
    const plural = PLURAL_START.exec(template.slice(i));
    const name = plural?.[1];
    const block =
      plural && name !== undefined && name in values ? pluralBlock(template, i + plural[0].length) : undefined;
    if (block === undefined || name === undefined) {
      const next = template.indexOf('{', i + 1);
      const end = next === -1 ? template.length : next;
      out += template
        .slice(i, end)
        .replace(PLACEHOLDER, (whole, key: string) => (key in values ? String(values[key]) : whole));
      i = end;
      continue;
    }
    const count = Number(values[name]);
    const chosen =
      block.cases.get(`=${count}`) ?? block.cases.get(pluralCategory(count, language)) ?? block.cases.get('other');
    out += fill((chosen ?? '').replace(/#/g, String(values[name])), values, language);
    i = block.end;
  }
  return out;
}

const PLURAL_START = /^\{([a-z_]+),\s*plural,\s*/;
const PLACEHOLDER = /\{([a-z_]+)\}/g;

/** The cases of a plural block whose first case starts at `from`, and where the block ends; undefined if malformed. */
function pluralBlock(text: string, from: number): { cases: Map<string, string>; end: number } | undefined {
  const cases = new Map<string, string>();
  let i = from;
  for (;;) {
    while (text[i] === ' ' || text[i] === '\n') i++;
    if (text[i] === '}') return cases.has('other') ? { cases, end: i + 1 } : undefined;
    const key = /^(=\d+|zero|one|two|few|many|other)\s*\{/.exec(text.slice(i));
    if (!key?.[1]) return undefined;
    let depth = 1;
    let j = i + key[0].length;
    const start = j;
    for (; j < text.length && depth > 0; j++) depth += text[j] === '{' ? 1 : text[j] === '}' ? -1 : 0;
    if (depth > 0) return undefined;
    cases.set(key[1], text.slice(start, j - 1));
    i = j;
  }
}

const pluralRules = new Map<string, Intl.PluralRules>();

/** CLDR's plural category of a count in a language ("one", "few", "many", "other"…). */
function pluralCategory(count: number, language: string): string {
  let rules = pluralRules.get(language);
  if (!rules) {
    try {
      rules = new Intl.PluralRules(language);
    } catch {
      rules = new Intl.PluralRules('en');
    }
    pluralRules.set(language, rules);
  }
  return rules.select(count);
}

/** Plain `en` is written the international (British) way: 2 March 2015, "A, B and C". */
function localeOf(language: string): string {
  return language.toLowerCase() === 'en' ? 'en-GB' : language;
}

/** A YYYY-MM-DD date written the way the language writes dates ("2 March 2015", "2 mars 2015"). */
export function formatDate(isoDate: string, language: string): string {
  return dateFormat(localeOf(language)).format(new Date(`${isoDate}T00:00:00Z`));
}

/** Making an Intl.DateTimeFormat costs about 1 ms: one per locale (a build dates every report). */
const dateFormats = new Map<string, Intl.DateTimeFormat>();

function dateFormat(locale: string): Intl.DateTimeFormat {
  let format = dateFormats.get(locale);
  if (!format) {
    try {
      format = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' });
    } catch {
      format = new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'UTC' });
    }
    dateFormats.set(locale, format);
  }
  return format;
}

/** A list written the language's way ("Albania, Ghana and Peru", "Albanie, Ghana et Pérou"). */
export function formatList(items: readonly string[], language: string): string {
  try {
    return new Intl.ListFormat(localeOf(language), { style: 'long', type: 'conjunction' }).format(items);
  } catch {
    return items.join(', ');
  }
}

/** A whole number written the language's way ("1,234", "1 234"). */
export function formatCount(count: number, language: string): string {
  try {
    return new Intl.NumberFormat(localeOf(language)).format(count);
  } catch {
    return String(count);
  }
}
