/**
 * gareport's own forms (forms/<year>.yaml) as `scripts/bundle.mjs` checked them: each one's text
 * and its contents as the form's schema gives them (`FormFile`). The bundle puts them here (this
 * file's contents are replaced there), so that a form file holding one of those very texts is
 * neither parsed nor checked again (issue 19); any other text is read and checked as before. Run
 * from src/ (the tests), there are none.
 */
export const CHECKED_FORMS: readonly { readonly text: string; readonly file: unknown }[] = [];
