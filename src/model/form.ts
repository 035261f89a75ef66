import { readdir } from 'node:fs/promises';
import * as z from 'zod';
import { schemaIssueDiagnostics } from '../check/zod-issues.js';
import type { Diagnostic } from '../diagnostics/diagnostics.js';
import { hasErrors } from '../diagnostics/diagnostics.js';
import { readSourceText } from '../load/encoding.js';
import { parseYamlText } from '../load/source.js';
import { diagnosticAt, fileDiagnostic } from '../load/source-text.js';
import { nodeAtPath, offsetOf, valueOffsetOf } from '../load/yaml-nodes.js';
import { CHECKED_FORMS } from './checked-files.js';

/** The form of one reporting year: targets → goals → questions. Loaded from forms/<year>.yaml. */
export interface FormQuestion {
  id: string;
  text: string;
  /** The goal words this question its own way (a goal's `questions:` override). */
  own?: true;
}

export interface FormGoal {
  id: string;
  text: string;
  questions: FormQuestion[];
}

export interface FormTarget {
  number: number;
  text: string;
  goals: FormGoal[];
}

export interface FormDefinition {
  year: number;
  title: string;
  language: string;
  targets: FormTarget[];
  /** Goal ids of earlier forms → the id the goal has in this form. */
  renamed: ReadonlyMap<string, string>;
  /** Where it was loaded from, for diagnostics and cache keys. */
  path: string;
}

const slug = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be lower-case letters, digits and single hyphens (a slug)');
const questionId = z.string().regex(/^[A-Z]$/, 'must be a single capital letter such as A');

export const formFileSchema = z
  .object({
    year: z.number().int().min(1900).max(9999),
    title: z.string().min(1),
    language: z.string().min(2).default('en'),
    questions: z.array(z.object({ id: questionId, text: z.string().min(1) }).strict()).min(1),
    targets: z
      .array(
        z
          .object({
            number: z.number().int().positive(),
            text: z.string().min(1),
            goals: z
              .array(
                z
                  .object({
                    id: slug,
                    text: z.string().min(1),
                    questions: z.record(questionId, z.string().min(1)).optional(),
                  })
                  .strict(),
              )
              .min(1),
          })
          .strict(),
      )
      .min(1),
    renamed: z.record(slug, slug).optional(),
  })
  .strict();

export type FormFile = z.infer<typeof formFileSchema>;

/** Years for which a form file exists, in either place. */
export async function availableFormYears(dirs: readonly string[]): Promise<number[]> {
  const years = new Set<number>();
  for (const dir of dirs) {
    const names = await readdir(dir).catch(() => [] as string[]);
    for (const name of names) {
      const m = /^(\d{4})\.ya?ml$/.exec(name);
      if (m) years.add(Number(m[1]));
    }
  }
  return [...years].sort((a, b) => a - b);
}

/**
 * Placeholders a form's text may hold, so that a new year's form is a copy, never hand-edited:
 * "your country's {previous_year} report" reads "2014" in the 2015 form.
 */
export const PLACEHOLDERS = ['year', 'previous_year'] as const;
const PLACEHOLDER = /\{([^{}\s]*)\}/g;

export function fillPlaceholders(text: string, year: number): string {
  return text.replace(PLACEHOLDER, (all, name: string) =>
    name === 'year' ? String(year) : name === 'previous_year' ? String(year - 1) : all,
  );
}

function buildForm(file: FormFile, path: string): FormDefinition {
  const fill = (text: string) => fillPlaceholders(text, file.year);
  return {
    year: file.year,
    title: fill(file.title),
    language: file.language,
    path,
    renamed: new Map(Object.entries(file.renamed ?? {})),
    targets: file.targets.map((t) => ({
      number: t.number,
      text: fill(t.text),
      goals: t.goals.map((g) => ({
        id: g.id,
        text: fill(g.text),
        questions: file.questions.map((q) => {
          const own = g.questions?.[q.id];
          return own === undefined
            ? { id: q.id, text: fill(q.text) }
            : { id: q.id, text: fill(own), own: true as const };
        }),
      })),
    })),
  };
}

/** Every text of the form with its path, for the placeholder check. */
function formTexts(file: FormFile): { path: (string | number)[]; text: string }[] {
  const texts: { path: (string | number)[]; text: string }[] = [{ path: ['title'], text: file.title }];
  file.questions.forEach((q, i) => {
    texts.push({ path: ['questions', i, 'text'], text: q.text });
  });
  file.targets.forEach((t, ti) => {
    texts.push({ path: ['targets', ti, 'text'], text: t.text });
    t.goals.forEach((g, gi) => {
      texts.push({ path: ['targets', ti, 'goals', gi, 'text'], text: g.text });
      for (const [q, text] of Object.entries(g.questions ?? {}))
        texts.push({ path: ['targets', ti, 'goals', gi, 'questions', q], text });
    });
  });
  return texts;
}

/** Renamed goals and placeholders: rules of forms that follow one another. */
function checkCycleRules(file: FormFile, goalIds: ReadonlySet<string>): FormProblem[] {
  const problems: FormProblem[] = [];
  for (const [old, now] of Object.entries(file.renamed ?? {})) {
    if (goalIds.has(old))
      problems.push({
        path: ['renamed', old],
        key: true,
        message: `\`${old}\` is renamed, but it is still a goal of this form`,
      });
    if (!goalIds.has(now)) problems.push({ path: ['renamed', old], message: `\`${now}\` is not a goal of this form` });
  }
  for (const { path, text } of formTexts(file)) {
    for (const m of text.matchAll(PLACEHOLDER)) {
      const name = m[1] ?? '';
      if ((PLACEHOLDERS as readonly string[]).includes(name)) continue;
      const known = PLACEHOLDERS.map((p) => `\`{${p}}\``).join(' and ');
      problems.push({
        path,
        needle: m[0],
        message: `unknown placeholder \`${m[0]}\`; a form's text may hold ${known}`,
      });
    }
  }
  return problems;
}

/** Cross-field rules zod's shape cannot say: unique numbers and ids, overrides naming real questions. */
interface FormProblem {
  path: (string | number)[];
  message: string;
  /** Point at the key rather than the value. */
  key?: boolean;
  /** Point at this text inside the value. */
  needle?: string;
}

function checkFormConsistency(file: FormFile): FormProblem[] {
  const problems: FormProblem[] = [];
  const questionIds = new Set(file.questions.map((q) => q.id));
  if (questionIds.size !== file.questions.length)
    problems.push({ path: ['questions'], message: 'question ids must be unique' });
  const numbers = new Set<number>();
  const goalIds = new Set<string>();
  file.targets.forEach((t, ti) => {
    if (numbers.has(t.number))
      problems.push({ path: ['targets', ti, 'number'], message: `target number ${t.number} is used twice` });
    numbers.add(t.number);
    t.goals.forEach((g, gi) => {
      if (goalIds.has(g.id))
        problems.push({ path: ['targets', ti, 'goals', gi, 'id'], message: `goal id \`${g.id}\` is used twice` });
      goalIds.add(g.id);
      for (const q of Object.keys(g.questions ?? {})) {
        if (!questionIds.has(q))
          problems.push({
            path: ['targets', ti, 'goals', gi, 'questions', q],
            message: `question \`${q}\` is not one of the form's questions`,
          });
      }
    });
  });
  problems.push(...checkCycleRules(file, goalIds));
  return problems;
}

const FORM_HINT =
  'a form file has `year`, `title`, `language`, `questions` (id, text) and `targets` (number, text, goals with id and text)';

/** Loads and validates a form file; a broken form is reported like any other input. */
export async function loadFormFile(
  path: string,
  displayPath: string,
): Promise<{ form?: FormDefinition; diagnostics: Diagnostic[] }> {
  const { file, diagnostics } = await readFormFile(path, displayPath);
  return file ? { form: buildForm(file, path), diagnostics } : { diagnostics };
}

/** A form file's contents as its schema gives them, when it has no errors, and its problems. */
export async function readFormFile(
  path: string,
  displayPath: string,
): Promise<{ file?: FormFile; diagnostics: Diagnostic[] }> {
  const read = await readSourceText(path, displayPath);
  // The text of one of gareport's own forms, checked when bundled (checked-files.ts): nothing to parse or check.
  const checked = read.diagnostics.length === 0 && CHECKED_FORMS.find((f) => f.text === read.source?.text);
  if (checked) return { file: checked.file as FormFile, diagnostics: [] };
  const { source, doc, diagnostics } = parseYamlText(path, read);
  if (!source || !doc) return { diagnostics };
  const result = formFileSchema.safeParse(doc.toJS());
  if (!result.success) {
    for (const issue of result.error.issues)
      diagnostics.push(...schemaIssueDiagnostics(source, doc, issue, 'invalid-form', FORM_HINT));
    return { diagnostics };
  }
  for (const problem of checkFormConsistency(result.data)) {
    const at = nodeAtPath(doc, problem.path);
    let offset = problem.key ? offsetOf(at) : valueOffsetOf(at);
    if (problem.needle) {
      const found = source.text.indexOf(problem.needle, offset);
      if (found !== -1 && found < (at.node?.range?.[1] ?? offset)) offset = found;
    }
    diagnostics.push(diagnosticAt(source, offset, 'error', 'invalid-form', problem.message, FORM_HINT));
  }
  if (hasErrors(diagnostics)) return { diagnostics };
  return { file: result.data, diagnostics };
}

export function formNotFound(year: number, years: readonly number[]): Diagnostic {
  const list = years.length ? `forms exist for ${years.join(', ')}` : 'no form files were found';
  return fileDiagnostic(
    `forms/${year}.yaml`,
    'error',
    'unknown-year',
    `there is no reporting form for ${year}; ${list}`,
    makeFormHint(year, years),
  );
}

/** How to make a year's form: a copy of the latest earlier one (issue 21 item 11), else a new file. */
export function makeFormHint(year: number, years: readonly number[]): string {
  const earlier = years.filter((y) => y < year);
  const from = earlier.length ? Math.max(...earlier) : years.length ? Math.max(...years) : undefined;
  return from === undefined
    ? `add the form as forms/${year}.yaml`
    : `run \`gareport form new ${year} --from ${from}\` to make it from the ${from} form`;
}

export function questionCount(form: FormDefinition): number {
  return form.targets.reduce((n, t) => n + t.goals.reduce((m, g) => m + g.questions.length, 0), 0);
}

/** A goal's number as readers see it: "2.1" is the first goal of policy target 2. */
export function goalNumber(target: FormTarget, index: number): string {
  return `${target.number}.${index + 1}`;
}

/** Every goal of the form with its number, in the form's order. */
export function numberedGoals(form: FormDefinition): { id: string; number: string; text: string }[] {
  return form.targets.flatMap((t) => t.goals.map((g, i) => ({ id: g.id, number: goalNumber(t, i), text: g.text })));
}

export { findFormFile, formDirectories } from './form-files.js';
