import { access, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import * as z from 'zod';
import type { Diagnostic } from './diagnostics.js';
import {
  diagnosticAt,
  fileDiagnostic,
  nodeAtPath,
  readYamlFile,
  schemaIssueDiagnostics,
  valueOffsetOf,
} from './source.js';

/** The form of one reporting year: targets → goals → questions. Loaded from forms/<year>.yaml. */
export interface FormQuestion {
  id: string;
  text: string;
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
  })
  .strict();

export type FormFile = z.infer<typeof formFileSchema>;

/** Where form files are looked for: the project's own forms/ first, then the ones shipped with gareport. */
export function formDirectories(cwd: string, packageRoot: string): string[] {
  const project = join(cwd, 'forms');
  const shipped = join(packageRoot, 'forms');
  return project === shipped ? [project] : [project, shipped];
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}

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

export async function findFormFile(dirs: readonly string[], year: number): Promise<string | undefined> {
  for (const dir of dirs) {
    for (const ext of ['yaml', 'yml']) {
      const path = join(dir, `${year}.${ext}`);
      if (await exists(path)) return path;
    }
  }
  return undefined;
}

function buildForm(file: FormFile, path: string): FormDefinition {
  return {
    year: file.year,
    title: file.title,
    language: file.language,
    path,
    targets: file.targets.map((t) => ({
      number: t.number,
      text: t.text,
      goals: t.goals.map((g) => ({
        id: g.id,
        text: g.text,
        questions: file.questions.map((q) => ({ id: q.id, text: g.questions?.[q.id] ?? q.text })),
      })),
    })),
  };
}

/** Cross-field rules zod's shape cannot say: unique numbers and ids, overrides naming real questions. */
function checkFormConsistency(file: FormFile): { path: (string | number)[]; message: string }[] {
  const problems: { path: (string | number)[]; message: string }[] = [];
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
  return problems;
}

const FORM_HINT =
  'a form file has `year`, `title`, `language`, `questions` (id, text) and `targets` (number, text, goals with id and text)';

/** Loads and validates a form file; a broken form is reported like any other input. */
export async function loadFormFile(
  path: string,
  displayPath: string,
): Promise<{ form?: FormDefinition; diagnostics: Diagnostic[] }> {
  const { source, doc, diagnostics } = await readYamlFile(path, displayPath);
  if (!source || !doc) return { diagnostics };
  const result = formFileSchema.safeParse(doc.toJS());
  if (!result.success) {
    for (const issue of result.error.issues)
      diagnostics.push(...schemaIssueDiagnostics(source, doc, issue, 'invalid-form', FORM_HINT));
    return { diagnostics };
  }
  for (const problem of checkFormConsistency(result.data)) {
    diagnostics.push(
      diagnosticAt(
        source,
        valueOffsetOf(nodeAtPath(doc, problem.path)),
        'error',
        'invalid-form',
        problem.message,
        FORM_HINT,
      ),
    );
  }
  if (diagnostics.some((d) => d.severity === 'error')) return { diagnostics };
  return { form: buildForm(result.data, path), diagnostics };
}

export function formNotFound(year: number, years: readonly number[]): Diagnostic {
  const list = years.length ? `forms exist for ${years.join(', ')}` : 'no form files were found';
  return fileDiagnostic(
    `forms/${year}.yaml`,
    'error',
    'unknown-year',
    `there is no reporting form for ${year}; ${list}`,
  );
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
