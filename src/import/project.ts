import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { parse } from 'yaml';
import { didYouMean } from '../diagnostics/suggest.js';
import { answerSchemaJson, schemaFileName } from '../model/answer-schema.js';
import { answerOf } from '../model/answers.js';
import { COUNTRY_FILE, COUNTRY_SCHEMA_FILE, countryJsonSchema, loadKnownCountries } from '../model/country.js';
import type { FormDefinition } from '../model/form.js';
import type { Context } from '../model/report.js';
import { listYears, reportsRoot } from '../project/paths.js';
import { UserMistake } from '../project/remedy.js';
import type { FollowUp } from './answer-file.js';
import { FOLLOW_UP_QUESTION } from './answer-file.js';
import { sameMeaning } from './same-meaning.js';

/** A file init or import means to write, and what writing it does to what is there. */
export interface PlannedFile {
  path: string;
  content: string;
  action: 'create' | 'replace' | 'extend';
  /** Short explanation, e.g. what was added or what was replaced. */
  detail?: string;
  /** The file's text now, for a file that is replaced (what a dry run compares the new text with). */
  before?: string;
}

export function reportDirectory(cwd: string, year: number, country: string): string {
  return join(reportsRoot(cwd), String(year), country);
}

export async function readIfExists(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/**
 * Answer files point editors at `schemas/answers-<year>.schema.json` of the project they are in
 * (not of the installed gareport: that path differs per machine and ignores the project's own
 * forms/). The file is generated there when it is missing.
 */
export function schemaLocation(cwd: string, year: number): string {
  return join(cwd, 'schemas', schemaFileName(year));
}

/** The `$schema` reference as written in an answer file in `reportDir`. */
export function schemaReference(reportDir: string, schemaPath: string): string {
  return relative(reportDir, schemaPath).split(sep).join('/');
}

/** A generated file to write if it is missing (or stale, with `force`); a note when it is stale. */
async function planGeneratedFile(
  path: string,
  content: string,
  force: boolean,
  staleNote: string,
): Promise<{ file?: PlannedFile; note?: string }> {
  const existing = await readIfExists(path);
  if (existing === undefined) return { file: { path, content, action: 'create', detail: 'for editors' } };
  if (existing === content) return {};
  if (force) return { file: { path, content, action: 'replace', detail: 'regenerated' } };
  return { note: staleNote };
}

/** The answer files' schema file to write, if it is missing (or stale, with `force`); a note when it is stale. */
export async function planSchemaFile(
  ctx: Context,
  year: number,
  force: boolean,
): Promise<{ file?: PlannedFile; note?: string }> {
  const { json } = await answerSchemaJson(ctx, year);
  if (json === undefined) return {};
  const planned = await planGeneratedFile(
    schemaLocation(ctx.cwd, year),
    json,
    force,
    `${schemaFileName(year)} differs from the current ${year} form; run \`gareport schema ${year} --out schemas/${schemaFileName(year)}\` to update it`,
  );
  if (planned.file?.action === 'replace') planned.file.detail = 'regenerated from the current form';
  return planned;
}

/** Where country.yaml's `$schema` line points: `schemas/country.schema.json` of the project. */
export function countrySchemaLocation(cwd: string): string {
  return join(cwd, 'schemas', COUNTRY_SCHEMA_FILE);
}

/** country.yaml's schema file to write, as for the answer files' (planSchemaFile). */
export function planCountrySchemaFile(cwd: string, force: boolean): Promise<{ file?: PlannedFile; note?: string }> {
  return planGeneratedFile(
    countrySchemaLocation(cwd),
    countryJsonSchema(),
    force,
    `${COUNTRY_SCHEMA_FILE} differs from this gareport's; run \`gareport schema --country --out schemas/${COUNTRY_SCHEMA_FILE}\` to update it`,
  );
}

interface CountryFile {
  name?: string;
  language?: string;
}

async function readCountryFile(path: string): Promise<CountryFile | undefined> {
  const text = await readIfExists(path);
  if (text === undefined) return undefined;
  try {
    const data = parse(text) as unknown;
    if (!data || typeof data !== 'object') return {};
    const { name, language } = data as Record<string, unknown>;
    return {
      ...(typeof name === 'string' && name.trim() ? { name: name.trim() } : {}),
      ...(typeof language === 'string' ? { language } : {}),
    };
  } catch {
    return {};
  }
}

/** How a country is named in its report, and whether it may report at all. */
export interface CountryIdentity {
  name: string;
  language?: string;
}

/**
 * A participating country (data/countries.yaml), a country that already has a report here,
 * or any other country when its display name is given with `--name`. A slug close to a
 * participating country's is taken for a typo: `kosov` → did you mean `kosovo`?
 */
export async function countryIdentity(
  ctx: Context,
  slug: string,
  name: string | undefined,
  nameInDocument?: string,
): Promise<CountryIdentity> {
  const known = await loadKnownCountries(ctx.packageRoot);
  let earlier: CountryFile | undefined;
  for (const year of (await listYears(ctx.cwd)).reverse()) {
    earlier = await readCountryFile(join(reportDirectory(ctx.cwd, year, slug), COUNTRY_FILE));
    if (earlier) break;
  }
  const language = earlier?.language ? { language: earlier.language } : {};
  if (name !== undefined) {
    const trimmed = name.trim();
    if (!trimmed || /[\r\n]/.test(trimmed)) {
      throw new UserMistake('the country name must be on one line', { kind: 'one-line-country-name' });
    }
    return { name: trimmed, ...language };
  }
  if (earlier?.name) return { name: earlier.name, ...language };
  const knownName = known.get(slug);
  if (knownName) return { name: knownName };
  const suggestion = didYouMean(slug, known.keys());
  const shownName = nameInDocument ? nameInDocument.replace(/"/g, '') : 'Display Name';
  throw new UserMistake(`\`${slug}\` is not one of the participating countries`, {
    kind: 'give-country-name',
    shownName,
    suggestion,
  });
}

/** country.yaml for a new report; `schemaRef` points editors at its JSON Schema. */
export function countryFileText(identity: CountryIdentity, form: FormDefinition, schemaRef: string): string {
  const quoted = JSON.stringify(identity.name);
  // Quote only where YAML would read the plain name differently (`yes`, `Name: x`, `#1`…).
  const plain =
    /^[\p{L}][\p{L}\p{M}\p{N} .'’()-]*$/u.test(identity.name) &&
    !/^(?:yes|no|on|off|true|false|null|y|n)$/i.test(identity.name);
  return [
    `# yaml-language-server: $schema=${schemaRef}`,
    '# How the country appears in its report.',
    `name: ${plain ? identity.name : quoted}`,
    '# Language of the answers (a code such as en or fr).',
    `language: ${identity.language ?? form.language}`,
    '# Date of the report, YYYY-MM-DD (optional; the last day of the year when left out).',
    `# date: ${form.year}-12-31`,
    '',
  ].join('\n');
}

/**
 * Adds to `into` country.yaml for a new report (or one replaced with `force`), and the schema
 * file its `$schema` line leads to when that is missing (or a note that it is stale).
 */
export async function planCountryFiles(
  cwd: string,
  dir: string,
  country: { identity: CountryIdentity; form: FormDefinition; action: 'create' | 'replace'; force: boolean },
  into: { files: PlannedFile[]; notes: string[] },
): Promise<void> {
  const schema = await planCountrySchemaFile(cwd, country.force);
  if (schema.file) into.files.push(schema.file);
  if (schema.note) into.notes.push(schema.note);
  const content = countryFileText(country.identity, country.form, schemaReference(dir, countrySchemaLocation(cwd)));
  into.files.push({ path: join(dir, COUNTRY_FILE), content, action: country.action });
}

/** Answer files of a report folder: `target-<n>.yaml`, by target number. */
async function answerFiles(dir: string): Promise<string[]> {
  const names = await readdir(dir).catch(() => [] as string[]);
  return names.filter((n) => /^target-\d+\.ya?ml$/.test(n)).map((n) => join(dir, n));
}

/**
 * The follow-up actions (answers to question C) of the country's latest earlier report,
 * by goal id. Read leniently: a broken earlier file only means fewer reminders.
 */
export async function earlierFollowUps(
  cwd: string,
  year: number,
  slug: string,
): Promise<{ year: number; followUps: Map<string, FollowUp> } | undefined> {
  const earlierYears = (await listYears(cwd)).filter((y) => y < year).sort((a, b) => b - a);
  for (const earlier of earlierYears) {
    const files = await answerFiles(reportDirectory(cwd, earlier, slug));
    if (files.length === 0) continue;
    const followUps = new Map<string, FollowUp>();
    for (const file of files.sort()) {
      let data: unknown;
      try {
        data = parse((await readIfExists(file)) ?? '');
      } catch {
        continue;
      }
      const goals = (data as { goals?: unknown } | null)?.goals;
      if (!goals || typeof goals !== 'object') continue;
      for (const [goalId, questions] of Object.entries(goals as Record<string, unknown>)) {
        const text = (questions as Record<string, unknown> | null)?.[FOLLOW_UP_QUESTION];
        const answer = answerOf(typeof text === 'string' ? text : undefined);
        if (answer.state === 'answered') followUps.set(goalId, { year: earlier, markdown: answer.markdown });
      }
    }
    return { year: earlier, followUps };
  }
  return undefined;
}

/** How many questions an answer file answers (undefined when it is not YAML), to say what `--force` discards. */
export function countAnswered(text: string): number | undefined {
  try {
    const goals = (parse(text) as { goals?: unknown } | null)?.goals;
    if (!goals || typeof goals !== 'object') return 0;
    let answered = 0;
    for (const questions of Object.values(goals as Record<string, unknown>)) {
      if (!questions || typeof questions !== 'object') continue;
      for (const value of Object.values(questions as Record<string, unknown>)) {
        if (answerOf(typeof value === 'string' ? value : undefined).state === 'answered') answered++;
      }
    }
    return answered;
  } catch {
    return undefined;
  }
}

/** The answers of an answer file's text, `goal\0question` → trimmed text ('' when unanswered); none when it cannot be read. */
function answerTexts(text: string): Map<string, string> {
  const out = new Map<string, string>();
  try {
    const goals = (parse(text) as { goals?: unknown } | null)?.goals;
    if (!goals || typeof goals !== 'object') return out;
    for (const [goal, questions] of Object.entries(goals as Record<string, unknown>)) {
      if (!questions || typeof questions !== 'object') continue;
      for (const [q, value] of Object.entries(questions as Record<string, unknown>))
        out.set(`${goal}\0${q}`, typeof value === 'string' ? value.trim() : '');
    }
  } catch {
    // An unreadable file has no answers to compare.
  }
  return out;
}

/** How many answers go from none to some text, from one text to another, and from some text to none. */
export function answerChanges(before: string, after: string): { added: number; changed: number; removed: number } {
  const old = answerTexts(before);
  const now = answerTexts(after);
  const counts = { added: 0, changed: 0, removed: 0 };
  for (const key of new Set([...old.keys(), ...now.keys()])) {
    const a = old.get(key) ?? '';
    const b = now.get(key) ?? '';
    // Written another way, an answer says the same: not a change (a file replaced whole is rewritten in gareport's spelling).
    if (a === b || (a && b && sameMeaning(a, b))) continue;
    if (!a) counts.added++;
    else if (!b) counts.removed++;
    else counts.changed++;
  }
  return counts;
}
