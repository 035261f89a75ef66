/**
 * Translations of a form's own text (issue 11, part 4): `forms/<year>.<lang>.yaml` beside
 * `forms/<year>.yaml`, keyed by the form's ids. A report in that language shows the translated
 * title, targets, goals and questions; what the translation lacks stays in the form's language.
 */
import { readdir } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import * as z from 'zod';
import { schemaIssueDiagnostics } from '../check/zod-issues.js';
import type { Diagnostic } from '../diagnostics/diagnostics.js';
import { hasErrors } from '../diagnostics/diagnostics.js';
import { didYouMean } from '../diagnostics/suggest.js';
import { readYamlFile } from '../load/source.js';
import type { SourceText } from '../load/source-text.js';
import { diagnosticAt } from '../load/source-text.js';
import { nodeAtPath, offsetOf, valueOffsetOf } from '../load/yaml-nodes.js';
import type { FormDefinition } from './form.js';
import { fillPlaceholders, PLACEHOLDERS } from './form.js';
import { exists, translationFiles, translationLanguage } from './form-files.js';

/** A translated form: every text by id; a text that is not there is not translated. */
export interface FormTranslation {
  /** The language of the file's name (`fr` for `2014.fr.yaml`). */
  language: string;
  /** Where it was loaded from, for cache keys and fingerprints. */
  path: string;
  title?: string | undefined;
  /** Target number → text. */
  targets: ReadonlyMap<number, string>;
  /** Question id → the wording every goal asks (unless the goal words it its own way). */
  questions: ReadonlyMap<string, string>;
  /** Goal id → its text and its own wordings of questions. */
  goals: ReadonlyMap<string, { text?: string | undefined; questions: ReadonlyMap<string, string> }>;
}

/** A text not translated yet may be left empty (`A:`), as a translator's to-do list. */
const text = z.string().min(1).nullable();
const questionId = z.string().regex(/^[A-Z]$/, 'must be a single capital letter such as A');

export const translationFileSchema = z
  .object({
    year: z.number().int().optional(),
    language: z.string().optional(),
    title: text.optional(),
    questions: z.record(questionId, text).optional(),
    targets: z.record(z.string().regex(/^\d+$/, 'must be a target number such as 1'), text).optional(),
    goals: z
      .record(
        z.string(),
        z
          .object({
            text: text.optional(),
            questions: z.record(questionId, text).optional(),
          })
          .strict()
          .nullable(),
      )
      .optional(),
  })
  .strict();

type TranslationFile = z.infer<typeof translationFileSchema>;

const HINT =
  'a form translation has `title`, `questions` (id: text), `targets` (number: text) and `goals` (id: `text`, and `questions` where the form words them its own way)';

/**
 * The translation of `form` into `language`: `2014.fr-CA.yaml`, then `2014.fr.yaml`, in the
 * project's forms/ first, then beside the form (gareport's own translations of its own forms).
 */
export async function findTranslationFile(
  form: FormDefinition,
  language: string,
  projectForms: string,
): Promise<string | undefined> {
  const base = language.split('-')[0] ?? language;
  if (base.toLowerCase() === (form.language.split('-')[0] ?? form.language).toLowerCase()) return undefined;
  for (const dir of new Set([projectForms, dirname(form.path)])) {
    for (const tag of new Set([language, base])) {
      for (const ext of ['yaml', 'yml']) {
        const path = join(dir, `${form.year}.${tag}.${ext}`);
        if (await exists(path)) return path;
      }
    }
  }
  return undefined;
}

interface Problem {
  path: (string | number)[];
  message: string;
  severity: 'error' | 'warning';
  /** Point at the key rather than the value. */
  key?: boolean;
  hint?: string | undefined;
  code: string;
}

const PLACEHOLDER = /\{([^{}\s]*)\}/g;

/** Every text of the file with its path, for the placeholder check. */
function texts(file: TranslationFile): { path: (string | number)[]; text: string }[] {
  const out: { path: (string | number)[]; text: string }[] = [];
  const add = (path: (string | number)[], value: string | null | undefined) => {
    if (value) out.push({ path, text: value });
  };
  add(['title'], file.title);
  for (const [id, value] of Object.entries(file.questions ?? {})) add(['questions', id], value);
  for (const [n, value] of Object.entries(file.targets ?? {})) add(['targets', n], value);
  for (const [id, goal] of Object.entries(file.goals ?? {})) {
    add(['goals', id, 'text'], goal?.text);
    for (const [q, value] of Object.entries(goal?.questions ?? {})) add(['goals', id, 'questions', q], value);
  }
  return out;
}

/** What the translation lacks (warnings), names that the form does not have (warnings), bad placeholders (errors). */
function checkTranslation(file: TranslationFile, form: FormDefinition, language: string): Problem[] {
  const problems: Problem[] = [];
  const lacks = (path: (string | number)[], what: string, key = true): Problem => ({
    path,
    key,
    severity: 'warning',
    code: 'translation-missing',
    message: `the ${language} translation lacks ${what}; the form's own text (${form.language}) is shown instead`,
  });
  if (!file.title) problems.push(lacks(['title'], 'the title'));

  const goals = form.targets.flatMap((t) => t.goals);
  const generalIds = [...new Set(goals.flatMap((g) => g.questions.filter((q) => !q.own).map((q) => q.id)))];
  for (const id of generalIds) if (!file.questions?.[id]) problems.push(lacks(['questions', id], `question ${id}`));
  for (const id of Object.keys(file.questions ?? {})) {
    if (!generalIds.includes(id))
      problems.push({
        path: ['questions', id],
        key: true,
        severity: 'warning',
        code: 'translation-unknown-id',
        message: `the form has no question \`${id}\`; this translation is not used`,
        hint: didYouMean(id, generalIds),
      });
  }

  const numbers = form.targets.map((t) => String(t.number));
  for (const n of numbers) if (!file.targets?.[n]) problems.push(lacks(['targets', n], `policy target ${n}`));
  for (const n of Object.keys(file.targets ?? {})) {
    if (!numbers.includes(n))
      problems.push({
        path: ['targets', n],
        key: true,
        severity: 'warning',
        code: 'translation-unknown-id',
        message: `the form has no policy target ${n}; this translation is not used`,
        hint: `the form's targets are ${numbers.join(', ')}`,
      });
  }

  const goalIds = goals.map((g) => g.id);
  for (const goal of goals) {
    const entry = file.goals?.[goal.id];
    if (!entry?.text) problems.push(lacks(['goals', goal.id, 'text'], `the text of goal \`${goal.id}\``));
    for (const q of goal.questions.filter((q) => q.own)) {
      if (!entry?.questions?.[q.id])
        problems.push(
          lacks(['goals', goal.id, 'questions', q.id], `question ${q.id} of goal \`${goal.id}\` (worded its own way)`),
        );
    }
    for (const q of Object.keys(entry?.questions ?? {})) {
      if (!goal.questions.some((fq) => fq.id === q))
        problems.push({
          path: ['goals', goal.id, 'questions', q],
          key: true,
          severity: 'warning',
          code: 'translation-unknown-id',
          message: `the form has no question \`${q}\`; this translation is not used`,
        });
    }
  }
  for (const id of Object.keys(file.goals ?? {})) {
    if (!goalIds.includes(id)) {
      const renamed = form.renamed.get(id);
      problems.push({
        path: ['goals', id],
        key: true,
        severity: 'warning',
        code: 'translation-unknown-id',
        message: `the ${form.year} form has no goal \`${id}\`; this translation is not used`,
        hint: renamed ? `the goal was renamed to \`${renamed}\`` : didYouMean(id, goalIds),
      });
    }
  }

  for (const { path, text } of texts(file)) {
    for (const m of text.matchAll(PLACEHOLDER)) {
      if ((PLACEHOLDERS as readonly string[]).includes(m[1] ?? '')) continue;
      problems.push({
        path,
        severity: 'error',
        code: 'invalid-translation',
        message: `unknown placeholder \`${m[0]}\`; a form's text may hold ${PLACEHOLDERS.map((p) => `\`{${p}}\``).join(' and ')}`,
      });
    }
  }
  return problems;
}

/** Where a problem is shown: at its key or value, or at the nearest map that should hold it. */
function problemOffset(source: SourceText, doc: Parameters<typeof nodeAtPath>[0], problem: Problem): number {
  const at = nodeAtPath(doc, problem.path);
  if (at.depth === problem.path.length) return problem.key ? offsetOf(at) : valueOffsetOf(at);
  // The key is missing: point at the map it belongs in (its key), or at the start of the file.
  return at.depth === 0 ? Math.max(0, source.text.search(/\S/)) : offsetOf(at);
}

function buildTranslation(
  file: TranslationFile,
  form: FormDefinition,
  language: string,
  path: string,
): FormTranslation {
  const fill = (value: string | null | undefined) => (value ? fillPlaceholders(value, form.year) : undefined);
  const defined = (entries: [string, string | null][]) =>
    entries.flatMap(([k, v]) => (v ? [[k, fill(v) ?? ''] as [string, string]] : []));
  return {
    language,
    path,
    title: fill(file.title),
    targets: new Map(defined(Object.entries(file.targets ?? {})).map(([k, v]) => [Number(k), v])),
    questions: new Map(defined(Object.entries(file.questions ?? {}))),
    goals: new Map(
      Object.entries(file.goals ?? {}).map(([id, goal]) => [
        id,
        { text: fill(goal?.text), questions: new Map(defined(Object.entries(goal?.questions ?? {}))) },
      ]),
    ),
  };
}

/**
 * Loads and checks a translation of `form`. A broken file (YAML, shape, placeholders) has errors
 * and gives no translation; what it lacks or names wrongly are warnings, and the rest is used.
 */
export async function loadFormTranslation(
  path: string,
  shownPath: string,
  form: FormDefinition,
): Promise<{ translation?: FormTranslation; diagnostics: Diagnostic[] }> {
  const named = translationLanguage(basename(path));
  const language = named?.language ?? 'und';
  const { source, doc, diagnostics } = await readYamlFile(path, shownPath);
  if (!source || !doc) return { diagnostics };
  // An empty file is a translation not started: everything is lacking.
  const result = translationFileSchema.safeParse(doc.toJS() ?? {});
  if (!result.success) {
    for (const issue of result.error.issues)
      diagnostics.push(...schemaIssueDiagnostics(source, doc, issue, 'invalid-translation', HINT));
    return { diagnostics };
  }
  const file = result.data;
  if (file.year !== undefined && file.year !== form.year)
    diagnostics.push(
      diagnosticAt(
        source,
        valueOffsetOf(nodeAtPath(doc, ['year'])),
        'error',
        'invalid-translation',
        `this file translates the ${form.year} form (its name says so), but its \`year\` is ${file.year}`,
      ),
    );
  if (file.language !== undefined && file.language !== language)
    diagnostics.push(
      diagnosticAt(
        source,
        valueOffsetOf(nodeAtPath(doc, ['language'])),
        'error',
        'invalid-translation',
        `this file is the \`${language}\` translation (its name says so), but its \`language\` is \`${file.language}\``,
      ),
    );
  for (const problem of checkTranslation(file, form, language))
    diagnostics.push(
      diagnosticAt(
        source,
        problemOffset(source, doc, problem),
        problem.severity,
        problem.code,
        problem.message,
        problem.hint,
      ),
    );
  if (hasErrors(diagnostics)) return { diagnostics };
  return { translation: buildTranslation(file, form, language, path), diagnostics };
}

/** A language's English name ("French"), or its tag when Intl does not know it. */
function languageName(tag: string): string {
  try {
    return new Intl.DisplayNames(['en'], { type: 'language' }).of(tag) ?? tag;
  } catch {
    return tag;
  }
}

/** The latest translation into `language` of another year's form, when the form of the report's year has none. */
async function otherYearTranslation(
  form: FormDefinition,
  language: string,
  projectForms: string,
  ownForms: string,
): Promise<{ path: string; year: number } | undefined> {
  const base = language.split('-')[0] ?? language;
  // The form's own language needs no translation.
  if (base.toLowerCase() === (form.language.split('-')[0] ?? form.language).toLowerCase()) return undefined;
  let found: { path: string; year: number } | undefined;
  for (const dir of new Set([projectForms, dirname(form.path), ownForms])) {
    for (const name of (await readdir(dir).catch(() => [] as string[])).sort()) {
      const t = translationLanguage(name);
      if (!t || t.year === form.year || (t.language !== language && t.language !== base)) continue;
      if (!found || t.year > found.year) found = { path: join(dir, name), year: t.year };
    }
  }
  return found;
}

/**
 * A report in a language the form of its year has no translation into, while another year's form
 * has one (issue 21 item 2: `form new` before it copied translations): a warning at the value of
 * `language:` in country.yaml as the loader parsed it (`at`; not written: the form's language, no warning).
 */
export async function untranslatedYearWarning(
  form: FormDefinition,
  language: string,
  at: { source: SourceText; offset: number } | undefined,
  project: { cwd: string; packageRoot: string },
): Promise<Diagnostic | undefined> {
  if (!at) return undefined;
  const projectForms = join(project.cwd, 'forms');
  const other = await otherYearTranslation(form, language, projectForms, join(project.packageRoot, 'forms'));
  if (!other) return undefined;
  const name = languageName(language);
  const shownOther = other.path.startsWith(projectForms)
    ? `forms/${basename(other.path)}`
    : `forms/${basename(other.path)} (gareport's own)`;
  return diagnosticAt(
    at.source,
    at.offset,
    'warning',
    'no-translation-for-year',
    `the ${form.year} form has no ${name} translation (${language}): the report shows the form's questions in ${languageName(form.language)} among ${name} headings`,
    `${shownOther} translates the ${other.year} form: copy it to forms/${form.year}.${language.split('-')[0] ?? language}.yaml and check it against the ${form.year} form (\`gareport form new\` copies translations with the form)`,
  );
}

export { translationFiles, translationLanguage };
