/** What `gareport import` prints about its result: pure functions from the result to text. */

import { createTwoFilesPatch } from 'diff';
import type { FileLosses, ImportResult } from '../commands/import.js';
import { hasErrors } from '../diagnostics/diagnostics.js';
import { EXIT_INVALID, EXIT_OK } from '../diagnostics/errors.js';
import { answerChanges } from '../import/project.js';

export interface ImportView {
  /** A path as the user sees it. */
  shown: (path: string) => string;
  /** The document, as the user named it. */
  shownFile: string;
  year: number;
  country: string;
  flags: { force?: boolean | undefined; replace?: boolean | undefined; dryRun?: boolean | undefined };
  /** The folder with copies of the replaced files, once a `ready` import is written. */
  backup?: string | undefined;
}

/** What to print on each stream, and the exit code. */
export interface ImportReport {
  stdout: string;
  stderr: string;
  exitCode: number;
}

/** The first words of a text on one line, for listing what an import replaces. */
function firstWords(text: string, count = 10): string {
  const words = text.split(/\s+/).filter(Boolean);
  const shown = words.slice(0, count).join(' ');
  return words.length > count ? `${shown} …` : shown;
}

/** What an import takes out of existing files, one line per answer or comment, indented; '' when nothing. */
export function describeLosses(losses: readonly FileLosses[], shown: (path: string) => string): string {
  let out = '';
  for (const { path, lost } of losses) {
    out += `  ${shown(path)}:\n`;
    for (const item of lost) {
      if (item.kind === 'answer') out += `    ${item.goal} ${item.question}: "${firstWords(item.text)}"\n`;
      else if (item.kind === 'comment') out += `    the comment "${firstWords(item.text)}"\n`;
      else out += `    the whole file (${item.text})\n`;
    }
  }
  return out;
}

/**
 * What a `ready` import says on standard error before it writes anything: the answers it replaces,
 * so that an interrupted run has told what it was about to do. '' for any other outcome.
 */
export function formatImportWarning(result: ImportResult, shown: (path: string) => string): string {
  const losses = describeLosses(result.losses, shown);
  return result.outcome === 'ready' && losses ? `gareport: the import replaces:\n${losses}` : '';
}

const count = (n: number, what: string) => `${n} answer${n === 1 ? '' : 's'} ${what}`;

/** A unified diff of a file's text now (none: a new file) and as imported, without the diff library's `===` banner. */
function yamlDiff(path: string, before: string | undefined, after: string): string {
  const from = before === undefined ? '/dev/null' : path;
  return createTwoFilesPatch(from, `${path} (imported)`, before ?? '', after, undefined, undefined, { context: 3 })
    .replace(/^=+\n/, '')
    .replace(/\n?$/, '\n');
}

/** What an answer file gains and loses: "2 answers added, 1 changed". */
function answerSummary(before: string, after: string): string {
  const { added, changed, removed } = answerChanges(before, after);
  const parts = [
    added && count(added, 'added'),
    changed && count(changed, 'changed'),
    removed && count(removed, 'removed'),
  ];
  return parts.filter(Boolean).join(', ') || 'no answer changed';
}

/**
 * What a dry run would do, file by file (issue 21 item 18: not every file in full, whatever
 * changes): each file it writes with the answers added, changed and removed and a unified diff of
 * its YAML (a new file's diff is its whole text), then the files it keeps, by name.
 */
function dryRunListing(result: ImportResult, shown: (path: string) => string): string {
  let out = '';
  let changed = 0;
  for (const f of result.files) {
    const path = shown(f.path);
    if (f.path.endsWith('.json')) {
      const of = f.path.endsWith('country.schema.json') ? 'country.yaml' : 'the answer files';
      out += `would ${f.action === 'create' ? 'create' : 'replace'} ${path} (JSON Schema of ${of}, for editors)\n`;
      continue;
    }
    const isAnswers = /target-\d+\.yaml$/.test(f.path);
    if (isAnswers) changed++;
    const verb = f.before === undefined ? 'create' : 'change';
    const held = answerChanges('', f.content).added;
    const what = !isAnswers
      ? ''
      : f.before === undefined
        ? `: ${held ? count(held, '').trimEnd() : 'no answers'}`
        : `: ${answerSummary(f.before, f.content)}`;
    out += `would ${verb} ${path}${what}\n${yamlDiff(path, f.before, f.content)}`;
  }
  for (const k of result.kept) out += `would keep ${shown(k)}\n`;
  if (!changed && result.kept.some((k) => /target-\d+\.yaml$/.test(k))) out += 'no answer file would change\n';
  return out;
}

const nothingWritten = (why: string) => `gareport: nothing was written: ${why}\n`;

/** What a refused import says on standard error; undefined for `ready` and `dry-run`. */
function refusal(result: ImportResult, view: ImportView, losses: string): string | undefined {
  const { shown, shownFile, year } = view;
  switch (result.outcome) {
    case 'form-invalid':
      return nothingWritten(`the ${year} form has errors (see above)`);
    case 'unreadable':
      return nothingWritten(`${shownFile} cannot be read (see above)`);
    case 'not-placed':
      return nothingWritten(`parts of ${shownFile} could not be placed in the ${year} form (see above)`);
    case 'no-answers':
      return nothingWritten(`${shownFile} has no answers`);
    case 'cannot-merge':
      return nothingWritten('the answers cannot be put into the existing answer files (see above)');
    case 'exists': {
      const listed = result.existing.map((e) => {
        const held = e.answered === undefined ? '' : e.answered ? ` (${e.answered} answered)` : ' (no answers yet)';
        return `  ${shown(e.path)}${held}\n`;
      });
      return [
        `gareport: these answer files exist already and the import would change them:\n${listed.join('')}`,
        losses ? `the import would replace:\n${losses}` : '',
        nothingWritten(
          'existing answer files\n  hint: run again with --force to put the answers into them (answers the document lacks are kept, and a copy of each file is kept), or with --dry-run to see the import',
        ),
      ].join('');
    }
    default:
      return undefined;
  }
}

/**
 * What `import` prints once it is done (after writing, for a `ready` import): the files written or
 * that would be, or why nothing was written; the notes; what to do next. Diagnostics are printed
 * apart, before this.
 */
export function formatImportResult(result: ImportResult, view: ImportView): ImportReport {
  const { shown, shownFile, flags } = view;
  let stdout = '';
  if (result.outcome === 'dry-run' || (result.outcome === 'not-placed' && flags.dryRun))
    stdout += dryRunListing(result, shown);
  const losses = describeLosses(result.losses, shown);
  const refused = refusal(result, view, losses);
  if (refused !== undefined) return { stdout, stderr: refused, exitCode: EXIT_INVALID };
  const { answered, nothingToReport, unanswered } = result.counts;
  const summary = `${answered} answered, ${nothingToReport} nothing to report, ${unanswered} unanswered`;
  if (result.outcome === 'dry-run') {
    if (losses) stdout += `the import would replace:\n${losses}`;
    stdout += `dry run: nothing written (${summary})\n`;
    if (result.existing.length && !flags.force && !flags.replace)
      stdout += `note: ${result.existing.length === 1 ? '1 answer file exists' : `${result.existing.length} answer files exist`} already; a real run needs --force\n`;
  } else {
    for (const f of result.files)
      stdout += `${f.action === 'replace' ? 'replaced' : 'created'} ${shown(f.path)}${f.detail ? ` (${f.detail})` : ''}\n`;
    for (const k of result.kept) stdout += `kept ${shown(k)}\n`;
    if (view.backup) stdout += `copies of the replaced files are in ${shown(view.backup)}\n`;
    stdout += `imported ${shownFile}: ${summary}\n`;
  }
  for (const note of result.notes) stdout += `note: ${note}\n`;
  const exitCode = hasErrors(result.diagnostics) ? EXIT_INVALID : EXIT_OK;
  if (result.outcome === 'ready' && exitCode === EXIT_OK)
    stdout += `next: gareport validate ${view.year} ${view.country}, then gareport build ${view.year} ${view.country}\n`;
  return { stdout, stderr: '', exitCode };
}
