/**
 * The year before of a country's report (issue 12, part 2): what it announced under question C,
 * goal by goal, as the notes the HTML report shows under question A.
 */
import type { AnnouncedNote } from '../compose/announced-note.js';
import { fill, stringsFor } from '../compose/strings.js';
import { announcedFor } from '../model/announced-actions.js';
import type { Context, Report } from '../model/report.js';
import { loadReport } from '../model/report.js';
import { listCountries } from '../project/paths.js';

/**
 * One note per goal whose question C of the year before was answered or "nothing to report"; none
 * when the country has no report that year, or one with errors (its own build names them).
 */
export async function announcedNotes(ctx: Context, report: Report): Promise<AnnouncedNote[]> {
  const year = report.year - 1;
  const slug = report.country.slug;
  const countries = await listCountries(ctx.cwd, year).catch((): string[] => []);
  if (!countries.includes(slug)) return [];
  const { report: before } = await loadReport(ctx, year, slug);
  if (!before) return [];
  const { strings } = stringsFor(report.country.language);
  const summary = fill(strings.announced_in, { year });
  return report.form.targets.flatMap((target) =>
    target.goals.flatMap((goal): AnnouncedNote[] => {
      const announced = announcedFor(report.form, before.answers, goal.id);
      const note = { target: target.number, goal: goal.id, summary };
      if (announced?.state === 'answered') return [{ ...note, markdown: announced.markdown, origin: announced.origin }];
      if (announced?.state === 'nothing-to-report') return [{ ...note, markdown: `*${strings.nothing_to_report}*` }];
      return [];
    }),
  );
}
