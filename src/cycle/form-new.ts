/**
 * `gareport form new 2015 --from 2014`: next year's form as a copy of this year's, with the
 * years in its wording turned into placeholders so that nobody edits them by hand again.
 */
import { access } from 'node:fs/promises';
import { join } from 'node:path';
import type { Document, Scalar } from 'yaml';
import { isMap, isScalar, parseDocument } from 'yaml';
import type { Diagnostic } from '../diagnostics/diagnostics.js';
import { UsageError } from '../diagnostics/errors.js';
import type { FormDefinition } from '../model/form.js';
import { availableFormYears, fillPlaceholders, findFormFile, formDirectories, loadFormFile } from '../model/form.js';
import type { Context } from '../model/report.js';
import { displayPath } from '../project/paths.js';
import { writeFileAtomic } from '../project/write-atomic.js';
import type { TranslationCopy } from './translation-copy.js';
import { copyTranslations } from './translation-copy.js';

export interface FormNewOptions extends Context {
  year: number;
  /** The form to copy; default: the latest form before `year`. */
  from?: number | undefined;
  force?: boolean | undefined;
}

export interface FormNewResult {
  outcome: 'written' | 'exists' | 'invalid';
  /** The new form, and the one it was made from, as shown to the user. */
  file: string;
  fromFile: string;
  from: number;
  /** Whether an existing form was replaced (with --force). */
  replaced: boolean;
  changes: string[];
  review: string[];
  diagnostics: Diagnostic[];
  /** The form's translations, copied with it (issue 21 item 2). */
  translations: TranslationCopy[];
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

/** A text of the form, where it is and how a reader knows it. */
interface FormText {
  node: Scalar;
  label: string;
}

function formTexts(doc: Document.Parsed, form: FormDefinition): FormText[] {
  const texts: FormText[] = [];
  const add = (path: (string | number)[], label: string) => {
    const node = doc.getIn(path, true);
    if (isScalar(node) && typeof node.value === 'string') texts.push({ node, label });
  };
  add(['title'], 'the title');
  const questions = doc.get('questions') as { items?: unknown[] } | undefined;
  (questions?.items ?? []).forEach((_q, i) => {
    add(['questions', i, 'text'], `question ${String(doc.getIn(['questions', i, 'id']))}`);
  });
  form.targets.forEach((t, ti) => {
    add(['targets', ti, 'text'], `policy target ${t.number}`);
    t.goals.forEach((g, gi) => {
      add(['targets', ti, 'goals', gi, 'text'], `goal \`${g.id}\``);
      for (const q of g.questions)
        add(['targets', ti, 'goals', gi, 'questions', q.id], `question ${q.id} of goal \`${g.id}\``);
    });
  });
  return texts;
}

const quote = (text: string, max = 90) => `"${text.length > max ? `${text.slice(0, max - 1)}…` : text}"`;

/** The words around the first placeholder, as the new year's form reads. */
function excerpt(text: string, year: number): string {
  const at = text.search(/\{(previous_year|year)\}/);
  const filled = fillPlaceholders(text.slice(Math.max(0, at - 40)), year);
  return quote(`${at > 40 ? '…' : ''}${filled.slice(0, 70)}`, 80);
}

/** Writes forms/<year>.yaml from the form of `from`; never replaces a form without `force`. */
export async function newForm(options: FormNewOptions): Promise<FormNewResult> {
  const dirs = formDirectories(options.cwd, options.packageRoot);
  const years = await availableFormYears(dirs);
  const from = options.from ?? years.filter((y) => y < options.year).at(-1);
  if (from === undefined)
    throw new UsageError(`there is no earlier form to copy for ${options.year}`, 'give one with --from <year>');
  if (from === options.year) throw new UsageError(`--from ${from} is the year of the new form itself`);
  const fromPath = await findFormFile(dirs, from);
  if (!fromPath)
    throw new UsageError(
      `there is no reporting form for ${from}`,
      years.length ? `forms exist for ${years.join(', ')}` : 'add forms/<year>.yaml',
    );
  const path = join(options.cwd, 'forms', `${options.year}.yaml`);
  const result: FormNewResult = {
    outcome: 'written',
    file: displayPath(options.cwd, path),
    fromFile: fromPath.startsWith(join(options.cwd, 'forms'))
      ? displayPath(options.cwd, fromPath)
      : `forms/${from}.yaml (gareport's own)`,
    from,
    replaced: false,
    changes: [],
    review: [],
    diagnostics: [],
    translations: [],
  };
  const loaded = await loadFormFile(fromPath, result.fromFile);
  result.diagnostics = loaded.diagnostics;
  if (!loaded.form) return { ...result, outcome: 'invalid' };
  if (await exists(path)) {
    if (!options.force) return { ...result, outcome: 'exists' };
    result.replaced = true;
  }
  const { readFile } = await import('node:fs/promises');
  const doc = parseDocument(await readFile(fromPath, 'utf8'));
  copyForm(doc, loaded.form, options.year, result);
  await writeFileAtomic(path, doc.toString({ lineWidth: 0 }));
  result.translations = await copyTranslations({ ...options, fromPath, from });
  return result;
}

/** Turns the copy into next year's form, and says what changed and what a person should check. */
function copyForm(doc: Document.Parsed, form: FormDefinition, year: number, result: FormNewResult): void {
  const from = form.year;
  doc.set('year', year);
  result.changes.push(`year: ${from} → ${year}`);
  // The comment at the top ("… – 2014 reporting form") belongs to the document or to its first key.
  const first = isMap(doc.contents) ? doc.contents.items[0]?.key : undefined;
  for (const holder of [doc, doc.contents, first]) {
    if (holder && typeof holder === 'object' && 'commentBefore' in holder && typeof holder.commentBefore === 'string')
      holder.commentBefore = holder.commentBefore.replaceAll(String(from), String(year));
  }
  const named = { [String(from - 1)]: '{previous_year}', [String(from)]: '{year}' };
  for (const { node, label } of formTexts(doc, form)) {
    const text = node.value as string;
    const replaced = text.replace(new RegExp(`\\b(${from - 1}|${from})\\b`, 'g'), (y) => named[y] ?? y);
    if (replaced !== text) {
      node.value = replaced;
      result.changes.push(`${label}: the year written out is now a placeholder; it reads ${excerpt(replaced, year)}`);
    } else if (/\{(previous_year|year)\}/.test(text)) {
      result.changes.push(`${label}: reads ${excerpt(text, year)}`);
    }
    for (const other of replaced.match(/\b(19|20)\d\d\b/g) ?? [])
      result.review.push(`${label} names the year ${other}: check it still holds in ${year}: ${quote(replaced)}`);
  }
  const goals = form.targets.reduce((n, t) => n + t.goals.length, 0);
  const questions = form.targets[0]?.goals[0]?.questions.length ?? 0;
  result.changes.push(
    `kept: ${form.targets.length} policy targets, ${goals} goals and ${questions} questions with their ids and wording`,
  );
  result.review.push(
    `compare forms/${year}.yaml with the ${year} form as circulated: targets, goals and the wording of each question`,
    'a goal added: add it with a new id; a goal dropped: delete it; a goal renamed: change its id and add `renamed: { old-id: new-id }`, so answers and follow-ups of earlier years still find it',
  );
}
