import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isScalar, LineCounter, parseDocument } from 'yaml';
import { loadAnswerFile } from '../answers.js';
import { COUNTRY_FILE, loadKnownCountries } from '../country.js';
import type { Diagnostic } from '../diagnostics.js';
import { hasErrors, sortDiagnostics } from '../diagnostics.js';
import { UsageError } from '../errors.js';
import type { FormDefinition, FormTarget } from '../form.js';
import { renderAnswerFile } from '../import/answer-file.js';
import type { ImportedAnswer } from '../import/content.js';
import { docxToMarkdown } from '../import/docx.js';
import type { TextLine } from '../import/match.js';
import { normalizeText } from '../import/match.js';
import type { FilledForm } from '../import/parse.js';
import { parseFilledForm } from '../import/parse.js';
import type { CountryIdentity, PlannedFile } from '../import/project.js';
import {
  countAnswered,
  countryFileText,
  countryIdentity,
  planSchemaFile,
  readIfExists,
  reportDirectory,
  schemaLocation,
  schemaReference,
} from '../import/project.js';
import { displayPath } from '../paths.js';
import type { Context } from '../report.js';
import { targetFileName } from '../report.js';
import { writeFileAtomic } from '../write.js';
import { requireForm } from './init.js';

export interface ImportOptions extends Context {
  /** Absolute path of the filled-in form (.txt, .md or .docx). */
  file: string;
  /** How to show that path in messages. */
  shownFile: string;
  year: number;
  country: string;
  name?: string | undefined;
  force?: boolean | undefined;
  dryRun?: boolean | undefined;
}

export interface ImportResult {
  /** The files written, or that would be written. */
  files: PlannedFile[];
  /** Files that exist and are left as they are (country.yaml). */
  kept: string[];
  /** Answer files that exist already, with how many answers they hold; without `force` nothing is written. */
  existing: { path: string; answered: number | undefined }[];
  diagnostics: Diagnostic[];
  notes: string[];
  /**
   * `written`; `dry-run`; `not-placed` when text of the document could not be placed (nothing
   * is written, so nothing is lost); `exists` when answer files would be overwritten.
   */
  outcome: 'written' | 'dry-run' | 'not-placed' | 'exists';
  counts: { answered: number; nothingToReport: number; unanswered: number };
}

/** Filled-in forms are a few dozen pages of text; a .docx may carry images. */
const MAX_TEXT_BYTES = 5 * 1024 * 1024;
const MAX_DOCX_BYTES = 50 * 1024 * 1024;

function isZip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

function fileProblem(file: string, code: string, message: string, hint?: string): Diagnostic {
  const d: Diagnostic = { severity: 'error', file, line: 0, column: 0, code, message };
  if (hint) d.hint = hint;
  return d;
}

/** The document as text: UTF-8 (or UTF-16 with a BOM, as Windows saves "Unicode text"), or a .docx converted. */
async function readDocument(path: string, shown: string): Promise<{ text?: string; diagnostics: Diagnostic[] }> {
  const info = await stat(path).catch(() => undefined);
  if (!info)
    throw new UsageError(`there is no file \`${shown}\``, 'give the path of the filled-in form (.txt, .md or .docx)');
  if (!info.isFile())
    throw new UsageError(`\`${shown}\` is not a file`, 'give the path of the filled-in form (.txt, .md or .docx)');
  const isDocxName = /\.docx$/i.test(path);
  if (info.size > (isDocxName ? MAX_DOCX_BYTES : MAX_TEXT_BYTES)) {
    return {
      diagnostics: [
        fileProblem(
          shown,
          'file-too-large',
          `this file is too large for a filled-in form (${(info.size / 1024 / 1024).toFixed(1)} MiB)`,
        ),
      ],
    };
  }
  const bytes = await readFile(path);
  if (isDocxName || isZip(bytes)) {
    try {
      const { markdown, warnings } = await docxToMarkdown(bytes);
      return {
        text: markdown,
        diagnostics: warnings.map((message) => ({
          ...fileProblem(shown, 'docx-conversion', message),
          severity: 'warning' as const,
        })),
      };
    } catch (error) {
      return {
        diagnostics: [
          fileProblem(
            shown,
            'unreadable-docx',
            `this .docx cannot be read: ${(error as Error).message}`,
            'open it in Word and save it again as .docx, or save it as plain text',
          ),
        ],
      };
    }
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe)
    return { text: new TextDecoder('utf-16le').decode(bytes), diagnostics: [] };
  if (bytes[0] === 0xfe && bytes[1] === 0xff)
    return { text: new TextDecoder('utf-16be').decode(bytes), diagnostics: [] };
  if (bytes.includes(0)) {
    return {
      diagnostics: [
        fileProblem(
          shown,
          'not-text',
          'this is neither a text file nor a .docx',
          'save the filled-in form as .docx or as plain text (UTF-8)',
        ),
      ],
    };
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), diagnostics: [] };
  } catch {
    const text = new TextDecoder('utf-8').decode(bytes);
    const bad = text.indexOf('\uFFFD');
    const line = text.slice(0, bad).split('\n').length;
    const excerpt = text.split('\n')[line - 1] ?? '';
    return {
      diagnostics: [
        {
          ...fileProblem(
            shown,
            'invalid-utf8',
            'this file is not UTF-8 text, so some characters cannot be read',
            'save it as "UTF-8" text (or as .docx) and import it again',
          ),
          line,
          column: bad - text.lastIndexOf('\n', bad - 1),
          excerpt,
        },
      ],
    };
  }
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
  return {
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
  };
}

function answersByGoal(parsed: FilledForm, target: FormTarget): Map<string, Map<string, string>> {
  const out = new Map<string, Map<string, string>>();
  for (const found of parsed.goals.values()) {
    if (found.target !== target) continue;
    out.set(found.goal.id, new Map([...found.answers].map(([q, a]) => [q, a.markdown])));
  }
  return out;
}

/**
 * Runs the checks of `gareport validate` on the answer files before they are written, and
 * points each problem in an answer back at the document line it came from.
 */
async function validateAnswerFiles(
  files: readonly { file: PlannedFile; target: FormTarget }[],
  cwd: string,
  parsed: FilledForm,
  shownInput: string,
): Promise<Diagnostic[]> {
  const scratch = await mkdtemp(join(tmpdir(), 'gareport-import-'));
  try {
    const out: Diagnostic[] = [];
    for (const [i, { file, target }] of files.entries()) {
      const temp = join(scratch, `${i}.yaml`);
      await writeFile(temp, file.content);
      const shown = displayPath(cwd, file.path);
      const { diagnostics } = await loadAnswerFile(temp, shown, target);
      const origins = answerOrigins(file.content, parsed, target);
      for (const d of diagnostics) {
        // Empty sections are counted in the summary instead.
        if (d.code === 'unanswered') continue;
        const from = origins.get(d.line);
        out.push(from ? { ...d, hint: `${d.hint ? `${d.hint}; ` : ''}imported from ${shownInput}:${from}` } : d);
      }
    }
    return out;
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

/** Line of the answer file → line of the document, for every line of every `|` answer. */
function answerOrigins(content: string, parsed: FilledForm, target: FormTarget): Map<number, number> {
  const lineCounter = new LineCounter();
  const doc = parseDocument(content, { lineCounter });
  const origins = new Map<number, number>();
  for (const goal of target.goals) {
    const found = parsed.goals.get(goal.id);
    if (!found) continue;
    for (const [questionId, answer] of found.answers as Map<string, ImportedAnswer>) {
      const node = doc.getIn(['goals', goal.id, questionId], true);
      if (!isScalar(node) || node.type !== 'BLOCK_LITERAL' || !node.range) continue;
      const header = lineCounter.linePos(node.range[0]).line;
      answer.sourceLines.forEach((sourceLine, k) => {
        if (sourceLine > 0) origins.set(header + 1 + k, sourceLine);
      });
    }
  }
  return origins;
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

/**
 * Reads a filled-in form and writes the report's answer files from it. Nothing is written
 * when part of the document cannot be placed, or when answer files exist (unless `force`).
 */
export async function importFilledForm(options: ImportOptions): Promise<ImportResult> {
  const { form, diagnostics: formDiagnostics } = await requireForm(options, options.year);
  const result: ImportResult = {
    files: [],
    kept: [],
    existing: [],
    diagnostics: [...formDiagnostics],
    notes: [],
    outcome: 'not-placed',
    counts: { answered: 0, nothingToReport: 0, unanswered: 0 },
  };
  if (!form) return result;
  const read = await readDocument(options.file, options.shownFile);
  result.diagnostics.push(...read.diagnostics);
  if (read.text === undefined) return result;

  const parsed = parseFilledForm(read.text, form, options.shownFile);
  const identity = await countryIdentity(options, options.country, options.name, parsed.country?.text);
  result.diagnostics.push(...parsed.diagnostics);
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
    result.files.push({ path: countryPath, content: countryFileText(identity, form), action: 'create' });
  } else result.kept.push(countryPath);

  const answerFiles: { file: PlannedFile; target: FormTarget }[] = [];
  for (const target of form.targets) {
    const path = join(dir, targetFileName(target.number));
    const current = await readIfExists(path);
    const exists = current !== undefined;
    if (exists) result.existing.push({ path, answered: countAnswered(current) });
    const file: PlannedFile = {
      path,
      content: renderAnswerFile(target, { schemaRef, answers: answersByGoal(parsed, target) }),
      action: exists ? 'replace' : 'create',
    };
    answerFiles.push({ file, target });
    result.files.push(file);
  }
  result.diagnostics.push(...(await validateAnswerFiles(answerFiles, options.cwd, parsed, options.shownFile)));
  sortDiagnostics(result.diagnostics);

  if (hasErrors(parsed.diagnostics) || hasErrors(read.diagnostics)) {
    result.outcome = 'not-placed';
  } else if (options.dryRun) {
    result.outcome = 'dry-run';
  } else if (result.existing.length && !options.force) {
    result.outcome = 'exists';
  } else {
    for (const file of result.files) await writeFileAtomic(file.path, file.content);
    result.outcome = 'written';
  }
  return result;
}
