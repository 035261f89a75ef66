import { renderTemplate } from '../compose/template.js';
import type { ReportCompleteness } from '../model/completeness.js';
import type { FormDefinition } from '../model/form.js';
import { numberedGoals } from '../model/form.js';
import { CONSOLIDATED_NAME } from './names.js';
import type { BuildFormat, Renderer } from './render-outputs.js';
import { themeCss } from './theme/css.js';

export interface IndexRow {
  slug: string;
  name: string;
  completeness?: ReportCompleteness | undefined;
  errors: number;
  /** False when the country's files were not built (yet): no links then. */
  built?: boolean;
  /** Why it was not built, when that is not a mistake in the answers (a file that could not be read or written). */
  problem?: string | undefined;
}

const LABELS: Record<BuildFormat, string> = { html: 'HTML', pdf: 'PDF', docx: 'Word', md: 'Markdown' };

/** out/<year>/index.html: every country with links to its formats and how complete it is. */
export async function renderIndexPage(
  renderer: Renderer,
  form: FormDefinition,
  rows: readonly IndexRow[],
  formats: readonly BuildFormat[],
  withConsolidated: boolean,
): Promise<string> {
  const ordered = (['html', 'pdf', 'docx', 'md'] as const).filter((f) => formats.includes(f));
  const links = (base: string) =>
    ordered.map((format) => ({ format, label: LABELS[format], href: `${base}.${format}` }));
  const goals = numberedGoals(form);
  return renderTemplate(renderer.html, 'index.html.liquid', {
    title: form.title,
    year: form.year,
    language: form.language,
    css: themeCss(renderer.theme) + renderer.css,
    consolidated: withConsolidated ? links(CONSOLIDATED_NAME) : [],
    goals,
    rows: rows.map((row) => {
      const c = row.completeness;
      return {
        name: row.name,
        slug: row.slug,
        links: links(encodeURIComponent(row.slug)),
        invalid: !c,
        unbuilt: row.built === false,
        problem: row.problem,
        errors: row.errors,
        percent: c?.percent ?? 0,
        answered: c?.answered ?? 0,
        nothing: c?.nothingToReport ?? 0,
        unanswered: c?.unanswered ?? 0,
        goals: (c?.goals ?? []).map((g) => ({
          number: g.number,
          done: g.answered + g.nothingToReport,
          total: g.questions.length,
          detail: `${g.answered} answered, ${g.nothingToReport} nothing to report, ${g.unanswered} unanswered`,
        })),
      };
    }),
  });
}
