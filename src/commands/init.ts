import { join, relative, sep } from 'node:path';
import { localizeForm, unmarkData } from '../compose/localize.js';
import type { Diagnostic } from '../diagnostics/diagnostics.js';
import { renderAnswerFile } from '../import/answer-file.js';
import { backUpFiles } from '../import/backup.js';
import { extendAnswerFile } from '../import/extend.js';
import type { PlannedFile } from '../import/project.js';
import {
  countAnswered,
  countryIdentity,
  earlierFollowUps,
  planCountryFiles,
  planSchemaFile,
  readIfExists,
  reportDirectory,
  schemaLocation,
  schemaReference,
} from '../import/project.js';
import { COUNTRY_FILE } from '../model/country.js';
import type { FormDefinition } from '../model/form.js';
import { findTranslationFile } from '../model/form-translation.js';
import type { Context } from '../model/report.js';
import { loadTranslation, requireForm, targetFileName } from '../model/report.js';
import { isInside } from '../project/inside.js';
import { requireWritableReportFolder } from '../project/paths.js';
import { writeFileAtomic } from '../project/write-atomic.js';

export interface InitOptions extends Context {
  year: number;
  country: string;
  /** Display name, required for a country that is not in data/countries.yaml. */
  name?: string | undefined;
  /** Replace existing files instead of adding to them (a copy of each goes to `.gareport/backup/`). */
  force?: boolean | undefined;
  /** The time that names the backup folder; now by default. */
  now?: Date | undefined;
}

export interface FileOutcome {
  path: string;
  action: 'created' | 'extended' | 'replaced' | 'skipped';
  detail?: string;
}

export interface InitResult {
  files: FileOutcome[];
  diagnostics: Diagnostic[];
  notes: string[];
  /** The earlier report whose follow-up actions were shown next to question A. */
  followUpsFrom?: { year: number; goals: number };
}

const PAST: Record<PlannedFile['action'], FileOutcome['action']> = {
  create: 'created',
  replace: 'replaced',
  extend: 'extended',
};

/** Schema first, then country.yaml, then the answer files by target number. */
function fileRank(path: string): number {
  const target = /target-(\d+)\.yaml$/.exec(path);
  if (target) return 2 + Number(target[1]);
  return path.endsWith(COUNTRY_FILE) ? 1 : 0;
}

function renameGoals<T>(byGoal: ReadonlyMap<string, T>, renamed: ReadonlyMap<string, string>): Map<string, T> {
  return new Map([...byGoal].map(([id, value]) => [renamed.get(id) ?? id, value]));
}

/**
 * The form as the comments of a report in `language` show it: its text from the form's translation
 * into that language where there is one (issue 21 item 19), else as it is.
 */
async function formInLanguage(ctx: Context, form: FormDefinition, language: string): Promise<FormDefinition> {
  const path = await findTranslationFile(form, language, join(ctx.cwd, 'forms'));
  if (path === undefined) return form;
  const { translation } = await loadTranslation(ctx, form, path);
  // Comments are plain text: what the translation lacks stays in the form's language, unmarked.
  return translation ? unmarkData(localizeForm(form, translation, language)) : form;
}

/**
 * Creates a report's answer files from the year's form, or adds to an existing report what
 * the form asks and the files lack. Nothing that is there is changed unless `force` is set.
 */
export async function init(options: InitOptions): Promise<InitResult> {
  const { form, diagnostics } = await requireForm(options, options.year);
  const result: InitResult = { files: [], diagnostics, notes: [] };
  if (!form) return result;
  // A link out of the project is refused here as `validate` refuses it, rather than written through.
  await requireWritableReportFolder(options.cwd, options.year, options.country);
  const identity = await countryIdentity(options, options.country, options.name);
  const dir = reportDirectory(options.cwd, options.year, options.country);
  const schemaRef = schemaReference(dir, schemaLocation(options.cwd, options.year));
  const earlier = await earlierFollowUps(options.cwd, options.year, options.country);
  // A goal renamed since (the form's `renamed:` map) shows its earlier follow-ups under its new id.
  const followUps = earlier?.followUps && renameGoals(earlier.followUps, form.renamed);
  const force = options.force === true;

  const planned: PlannedFile[] = [];
  const schema = await planSchemaFile(options, options.year, force);
  if (schema.file) planned.push(schema.file);
  if (schema.note) result.notes.push(schema.note);

  const countryPath = join(dir, COUNTRY_FILE);
  const existingCountry = await readIfExists(countryPath);
  if (existingCountry === undefined || force) {
    const into = { files: planned, notes: result.notes };
    const action = existingCountry === undefined ? 'create' : 'replace';
    await planCountryFiles(options.cwd, dir, { identity, form, action, force }, into);
  } else {
    result.files.push({ path: countryPath, action: 'skipped', detail: 'exists' });
    if (options.name !== undefined && !existingCountry.includes(options.name.trim())) {
      result.notes.push(
        `${COUNTRY_FILE} exists and keeps its name; edit it to change the name to "${options.name.trim()}"`,
      );
    }
  }

  let shownFollowUps = 0;
  const language = existingCountry?.match(/^language:\s*["']?([A-Za-z0-9-]+)/m)?.[1] ?? identity.language;
  const shown = await formInLanguage(options, form, language ?? form.language);
  for (const target of shown.targets) {
    const path = join(dir, targetFileName(target.number));
    const existing = await readIfExists(path);
    const content = () => renderAnswerFile(target, { schemaRef, ...(followUps ? { followUps } : {}) });
    const countFollowUps = () => {
      shownFollowUps += target.goals.filter((g) => followUps?.has(g.id)).length;
    };
    if (existing === undefined) {
      planned.push({ path, content: content(), action: 'create' });
      countFollowUps();
    } else if (force) {
      const answered = countAnswered(existing);
      planned.push({
        path,
        content: content(),
        action: 'replace',
        detail:
          answered === undefined
            ? 'it could not be read as YAML'
            : answered
              ? `its ${answered} answer${answered === 1 ? ' was' : 's were'} discarded`
              : 'it had no answers',
      });
      countFollowUps();
    } else {
      const extension = extendAnswerFile(existing, target, followUps);
      if (extension.text !== undefined) {
        planned.push({
          path,
          content: extension.text,
          action: 'extend',
          detail: `added ${extension.added.join(', ')}`,
        });
      } else {
        result.files.push({ path, action: 'skipped', detail: extension.problem ?? 'it has every goal and question' });
      }
    }
  }

  // What `--force` replaces in the report is copied first, so no answer is lost for good.
  const replaced = planned.filter((f) => f.action === 'replace' && isInside(dir, f.path)).map((f) => f.path);
  if (replaced.length) {
    const backup = await backUpFiles(
      options.cwd,
      replaced,
      `${options.year}-${options.country}`,
      options.now ?? new Date(),
    );
    result.notes.push(`copies of the replaced files are in ${relative(options.cwd, backup).split(sep).join('/')}`);
  }
  for (const file of planned) {
    await writeFileAtomic(file.path, file.content);
    result.files.push({ path: file.path, action: PAST[file.action], ...(file.detail ? { detail: file.detail } : {}) });
  }
  result.files.sort((a, b) => fileRank(a.path) - fileRank(b.path));
  if (earlier && shownFollowUps) result.followUpsFrom = { year: earlier.year, goals: shownFollowUps };
  return result;
}
