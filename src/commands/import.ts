import { join } from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostics.js';
import { diagnostic, hasErrors, sortDiagnostics } from '../diagnostics/diagnostics.js';
import { renderAnswerFile } from '../import/answer-file.js';
import { backUpFiles } from '../import/backup.js';
import { validateAnswerFiles } from '../import/check.js';
import { translatedForms } from '../import/form-languages.js';
import type { MissingAnswers } from '../import/leftovers.js';
import { documentLines, lineDiagnostics, quotingParagraph } from '../import/lines.js';
import type { TextLine } from '../import/match.js';
import { normalizeText } from '../import/match.js';
import type { LostText } from '../import/merge.js';
import { mergeAnswerFile } from '../import/merge.js';
import type { FilledForm } from '../import/parse.js';
import { parseFilledForm } from '../import/parse.js';
import type { CountryIdentity, PlannedFile } from '../import/project.js';
import {
  countAnswered,
  countryIdentity,
  planCountryFiles,
  planSchemaFile,
  readIfExists,
  reportDirectory,
  schemaLocation,
  schemaReference,
} from '../import/project.js';
import { readDocument } from '../import/read-document.js';
import { COUNTRY_FILE, loadKnownCountries } from '../model/country.js';
import type { FormDefinition, FormTarget } from '../model/form.js';
import type { Context } from '../model/report.js';
import { requireForm, targetFileName } from '../model/report.js';
import { displayPath, requireWritableReportFolder } from '../project/paths.js';
import { writeFileAtomic } from '../project/write-atomic.js';

export interface ImportOptions extends Context {
  /** Absolute path of the filled-in form (.txt, .md or .docx). */
  file: string;
  /** How to show that path in messages. */
  shownFile: string;
  year: number;
  country: string;
  name?: string | undefined;
  /** Change existing answer files. */
  force?: boolean | undefined;
  /** Replace existing answer files by the document: what it leaves unanswered is erased. Implies `force`. */
  replace?: boolean | undefined;
  dryRun?: boolean | undefined;
}

/** What an import takes out of one existing answer file. */
export interface FileLosses {
  path: string;
  lost: LostText[];
}

export interface ImportResult {
  /** The files to write (or that would be written); existing answer files the import leaves alone are not here. */
  files: PlannedFile[];
  /** Files that exist and are left as they are (country.yaml, answer files the document changes nothing in). */
  kept: string[];
  /** Existing answer files the import changes, with how many answers they hold now. */
  existing: { path: string; answered: number | undefined }[];
  /** What goes out of the existing answer files: answers replaced or erased, comments, unreadable files. */
  losses: FileLosses[];
  diagnostics: Diagnostic[];
  notes: string[];
  /**
   * `ready` to be written by `writeImport`; `dry-run`; `form-invalid` when the year's form has
   * errors; `unreadable` when the document cannot be read; `not-placed` when text of the document
   * could not be placed; `no-answers` when it answers nothing; `exists` when existing answer
   * files would change and `force` is not set; `cannot-merge` when an existing file cannot take
   * the answers without `replace`. Nothing is written in any case but `ready`.
   */
  outcome:
    | 'ready'
    | 'dry-run'
    | 'form-invalid'
    | 'unreadable'
    | 'not-placed'
    | 'no-answers'
    | 'exists'
    | 'cannot-merge';
  counts: { answered: number; nothingToReport: number; unanswered: number };
}

/** A warning when the document names another country than the one imported into. */
function countryNameCheck(
  found: TextLine | undefined,
  slug: string,
  identity: CountryIdentity,
  known: ReadonlyMap<string, string>,
  file: string,
  lines: readonly string[],
): Diagnostic | undefined {
  if (!found) return undefined;
  const named = normalizeText(found.text);
  if (named === normalizeText(identity.name) || named === slug.replace(/-/g, ' ')) return undefined;
  const other = [...known].find(([s, name]) => named === normalizeText(name) || named === s.replace(/-/g, ' '));
  const excerpt = lines[found.line - 1] ?? '';
  return diagnostic({
    severity: 'warning',
    file,
    line: found.line,
    column: excerpt.length - excerpt.trimStart().length + 1,
    code: 'other-country',
    message: other
      ? `this is the report of ${other[1]}, but it is being imported as \`${slug}\` (${identity.name})`
      : `the document names the country "${found.text}", but it is being imported as \`${slug}\` (${identity.name})`,
    hint: 'check the country given to `gareport import`',
    excerpt,
  });
}

function answersByGoal(parsed: FilledForm, target: FormTarget): Map<string, Map<string, string>> {
  const out = new Map<string, Map<string, string>>();
  for (const found of parsed.goals.values()) {
    if (found.target !== target) continue;
    out.set(found.goal.id, new Map([...found.answers].map(([q, a]) => [q, a.markdown])));
  }
  return out;
}

function countAnswers(parsed: FilledForm, form: FormDefinition): ImportResult['counts'] {
  const counts = { answered: 0, nothingToReport: 0, unanswered: 0 };
  for (const target of form.targets) {
    for (const goal of target.goals) {
      for (const q of goal.questions) {
        const markdown = parsed.goals.get(goal.id)?.answers.get(q.id)?.markdown ?? '';
        if (markdown === '') counts.unanswered++;
        else if (markdown === '--') counts.nothingToReport++;
        else counts.answered++;
      }
    }
  }
  return counts;
}

/** Whether the document says anything: an empty or title-only document must not touch a report. */
function answersSomething(counts: ImportResult['counts']): boolean {
  return counts.answered + counts.nothingToReport > 0;
}

/**
 * A warning for each goal or question the document lacks, saying what becomes of it: unanswered
 * in a new file, kept as the existing file has it, or erased with `--replace`.
 */
function missingDiagnostics(
  missing: readonly MissingAnswers[],
  file: string,
  lines: readonly string[],
  existing: ReadonlySet<number>,
  replace: boolean,
): Diagnostic[] {
  const at = lineDiagnostics(lines, file);
  return missing.map(({ target, goal, line, questions }) => {
    const fileName = targetFileName(target.number);
    const consequence = !existing.has(target.number)
      ? 'unanswered'
      : replace
        ? `--replace erases what ${fileName} has there`
        : `what ${fileName} has there is kept`;
    const whole = line === 0;
    const message = whole
      ? `operational goal \`${goal.id}\` (policy target ${target.number}) is not in the document; its questions: ${consequence}`
      : `question${questions.length === 1 ? '' : 's'} ${questions.join(', ')} of goal \`${goal.id}\` ${questions.length === 1 ? 'is' : 'are'} not in the document: ${consequence}`;
    return at(line, 'warning', whole ? 'goal-not-in-document' : 'question-not-in-document', message);
  });
}

interface AnswerFilePlan {
  file?: PlannedFile;
  /** Answers of the existing file kept because the document leaves their question unanswered. */
  keptAnswers?: number;
  losses?: FileLosses;
  problem?: Diagnostic;
  kept?: string;
}

/** What to do with one target's answer file: create it, put the answers into it, or replace it. */
function planAnswerFile(
  path: string,
  shownPath: string,
  current: string | undefined,
  target: FormTarget,
  answers: ReadonlyMap<string, ReadonlyMap<string, string>>,
  schemaRef: string,
  replace: boolean,
): AnswerFilePlan {
  if (current === undefined)
    return { file: { path, content: renderAnswerFile(target, { schemaRef, answers }), action: 'create' } };
  const merged = mergeAnswerFile(current, target, answers, replace);
  const keptAnswers = merged.kept;
  if (merged.problem) {
    if (!replace) {
      return {
        problem: diagnostic({
          severity: 'error',
          file: shownPath,
          code: 'cannot-merge',
          message: `the imported answers cannot be put into this file: ${merged.problem}`,
          hint: 'fix the file (`gareport validate` shows where), or run again with --replace to replace it whole (a copy is kept)',
        }),
      };
    }
    const content = renderAnswerFile(target, { schemaRef, answers });
    return {
      file: { path, content, action: 'replace', detail: 'replaced whole', before: current },
      losses: { path, lost: [{ kind: 'file', text: merged.problem }] },
    };
  }
  if (merged.text === undefined) return { kept: path, keptAnswers };
  const detail = merged.changed.length ? `${plural(merged.changed.length, 'answer')} set` : 'questions added';
  return {
    file: { path, content: merged.text, action: 'replace', detail, before: current },
    keptAnswers,
    ...(merged.lost.length ? { losses: { path, lost: merged.lost } } : {}),
  };
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/**
 * Reads a filled-in form and plans the report's answer files from it: new files are created,
 * existing ones get the document's answers and keep the rest (`replace` erases what the document
 * leaves unanswered). Nothing is written here; `writeImport` writes a `ready` plan.
 */
export async function importFilledForm(options: ImportOptions): Promise<ImportResult> {
  const { form, diagnostics: formDiagnostics } = await requireForm(options, options.year);
  const result: ImportResult = {
    files: [],
    kept: [],
    existing: [],
    losses: [],
    diagnostics: [...formDiagnostics],
    notes: [],
    outcome: 'form-invalid',
    counts: { answered: 0, nothingToReport: 0, unanswered: 0 },
  };
  if (!form || hasErrors(formDiagnostics)) return result;
  // A report folder linked out of the project is refused, as `init` and `validate` refuse it.
  await requireWritableReportFolder(options.cwd, options.year, options.country);
  result.outcome = 'unreadable';
  // The form as reports in other languages show it: a French report imports back by its French wording.
  const translations = await translatedForms(options, form);
  const read = await readDocument(options.file, options.shownFile, form, translations);
  result.diagnostics.push(...read.diagnostics);
  if (read.text === undefined || hasErrors(read.diagnostics)) return result;

  const replace = options.replace === true;
  const force = options.force === true || replace;
  const parsed = parseFilledForm(read.text, form, options.shownFile, translations);
  const identity = await countryIdentity(options, options.country, options.name, parsed.country?.text);
  const known = await loadKnownCountries(options.packageRoot);
  const lines = read.text.replace(/^\uFEFF/, '').split(/\r\n?|\n/);
  const otherCountry = countryNameCheck(parsed.country, options.country, identity, known, options.shownFile, lines);
  if (otherCountry) result.diagnostics.push(otherCountry);
  result.counts = countAnswers(parsed, form);

  const dir = reportDirectory(options.cwd, options.year, options.country);
  const schemaRef = schemaReference(dir, schemaLocation(options.cwd, options.year));
  const schema = await planSchemaFile(options, options.year, false);
  if (schema.file) result.files.push(schema.file);
  if (schema.note) result.notes.push(schema.note);
  const countryPath = join(dir, COUNTRY_FILE);
  if ((await readIfExists(countryPath)) === undefined) {
    await planCountryFiles(options.cwd, dir, { identity, form, action: 'create', force: false }, result);
  } else result.kept.push(countryPath);

  const answerFiles: { file: PlannedFile; target: FormTarget }[] = [];
  const existingFiles = new Set<number>();
  let keptAnswers = 0;
  for (const target of form.targets) {
    const path = join(dir, targetFileName(target.number));
    const current = await readIfExists(path);
    if (current !== undefined) existingFiles.add(target.number);
    const shownPath = displayPath(options.cwd, path);
    const plan = planAnswerFile(path, shownPath, current, target, answersByGoal(parsed, target), schemaRef, replace);
    if (plan.problem) result.diagnostics.push(plan.problem);
    keptAnswers += plan.keptAnswers ?? 0;
    if (plan.kept) result.kept.push(plan.kept);
    if (plan.losses) result.losses.push(plan.losses);
    if (plan.file) {
      if (current !== undefined) result.existing.push({ path, answered: countAnswered(current) });
      answerFiles.push({ file: plan.file, target });
      result.files.push(plan.file);
    }
  }
  if (keptAnswers) {
    result.notes.push(
      `${plural(keptAnswers, 'answer')} of the existing files ${keptAnswers === 1 ? 'is' : 'are'} kept where the document leaves the question unanswered (--replace would erase them)`,
    );
  }
  result.diagnostics.push(
    ...parsed.diagnostics,
    ...missingDiagnostics(parsed.missing, options.shownFile, documentLines(read.text), existingFiles, replace),
  );
  result.diagnostics.push(...(await validateAnswerFiles(answerFiles, options.cwd, parsed, options.shownFile)));
  sortDiagnostics(result.diagnostics);
  if (read.converted) result.diagnostics = result.diagnostics.map((d) => quotingParagraph(d, options.shownFile, lines));

  if (hasErrors(parsed.diagnostics)) result.outcome = 'not-placed';
  else if (!answersSomething(result.counts)) {
    result.outcome = 'no-answers';
    result.diagnostics.push(
      diagnostic({
        severity: 'error',
        file: options.shownFile,
        code: 'no-answers',
        message: `no answers were found in this document, so it is not imported`,
        hint: `check that it is the ${form.year} form filled in, with each answer under its question; \`gareport init ${options.year} ${options.country}\` starts an empty report`,
      }),
    );
  } else if (result.diagnostics.some((d) => d.ruleId === 'cannot-merge')) result.outcome = 'cannot-merge';
  else if (options.dryRun) result.outcome = 'dry-run';
  else if (result.existing.length && !force) result.outcome = 'exists';
  else result.outcome = 'ready';
  return result;
}

/**
 * Writes a `ready` plan: first a copy of every existing file it replaces, in a new folder under
 * `.gareport/backup/`, then each file atomically. Returns that folder, if any.
 */
export async function writeImport(
  result: ImportResult,
  options: ImportOptions & { now?: Date },
): Promise<{ backup?: string }> {
  if (result.outcome !== 'ready') throw new Error(`an import that is ${result.outcome} cannot be written`);
  const replaced = result.files.filter((f) => f.action === 'replace').map((f) => f.path);
  const backup = replaced.length
    ? await backUpFiles(options.cwd, replaced, `${options.year}-${options.country}`, options.now ?? new Date())
    : undefined;
  for (const file of result.files) await writeFileAtomic(file.path, file.content);
  return backup ? { backup } : {};
}
