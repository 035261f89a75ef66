/**
 * gareport's own files as `scripts/bundle.mjs` read and checked them: each form (forms/<year>.yaml)
 * with its contents as the form's schema gives them (`FormFile`), and data/countries.yaml with the
 * names it gives. The bundle puts them here (this file's contents are replaced there), so that a
 * file holding one of those very texts is neither parsed nor checked again (issue 19); any other
 * text is read and checked as before. Run from src/ (the tests), there are none.
 */
export const CHECKED_FORMS: readonly { readonly text: string; readonly file: unknown }[] = [];

export const CHECKED_COUNTRIES: { readonly text: string; readonly names: Record<string, string> } | undefined =
  undefined;
