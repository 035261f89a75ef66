/**
 * gareport's own theme.yaml as `scripts/bundle.mjs` checked it: its text and the theme it gives.
 * The bundle puts them here (this file's contents are replaced there), so that a run whose
 * templates/theme.yaml still holds those very bytes neither parses nor checks it again (issue 19);
 * any other text is read and checked as before. Run from src/ (the tests), there is none.
 */
import type { Theme } from './schema.js';

export const CHECKED_THEME: { readonly text: string; readonly theme: Theme } | undefined = undefined;
