/**
 * What a user can do about a mistake, named without the command line's words. The library throws
 * a UserMistake with a remedy; the CLI (cli/remedies.ts) says it with gareport's commands and
 * flags, so the library never names them (issue 13).
 */
import { UsageError } from '../diagnostics/errors.js';

export type Remedy =
  /** Start the report of this year and country. */
  | { kind: 'start-report'; year: number; country: string }
  /** Start a report (there is none). */
  | { kind: 'start-a-report' }
  /** There is no reports/ folder: the program was started outside a project. */
  | { kind: 'run-in-project' }
  /** The templates folder setting names nothing. */
  | { kind: 'check-templates-folder' }
  /** The templates folder setting names a file. */
  | { kind: 'templates-is-a-folder' }
  /** The output folder cannot be used; `example`, a folder that can. */
  | { kind: 'other-output-folder'; example?: string }
  /** A country not in the list needs the name to print; `suggestion`, a known country it may be. */
  | { kind: 'give-country-name'; shownName: string; suggestion?: string | undefined }
  /** The country name given must be one line. */
  | { kind: 'one-line-country-name' };

/** A mistake in how gareport was asked to work (exit 2), with what to do about it. */
export class UserMistake extends UsageError {
  readonly remedy: Remedy;
  constructor(message: string, remedy: Remedy) {
    super(message);
    this.name = 'UserMistake';
    this.remedy = remedy;
  }
}
