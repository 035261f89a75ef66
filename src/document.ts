import type { Root } from 'mdast';
import type { Answer } from './answers.js';
import type { CountryInfo } from './country.js';
import type { FormDefinition } from './form.js';
import { goalNumber } from './form.js';
import { parseMarkdown } from './markdown.js';
import type { Report } from './report.js';
import type { TemplateEngine } from './template.js';
import { renderTemplate } from './template.js';

/** What templates see: the form with each question's answer filled in. Plain data only. */
export interface QuestionData {
  id: string;
  text: string;
  status: Answer['state'];
  /** The country's Markdown; empty unless status is `answered`. */
  answer: string;
}

export interface GoalData {
  id: string;
  /** "2.1": target number and the goal's position in it. */
  number: string;
  text: string;
  questions: QuestionData[];
}

export interface TargetData {
  number: number;
  text: string;
  goals: GoalData[];
}

export interface ReportData {
  title: string;
  year: number;
  language: string;
  country: { name: string; slug: string; language: string };
  targets: TargetData[];
}

function countryData(country: CountryInfo): ReportData['country'] {
  return { name: country.name, slug: country.slug, language: country.language };
}

export function reportData(report: Report): ReportData {
  return {
    title: report.form.title,
    year: report.year,
    language: report.country.language,
    country: countryData(report.country),
    targets: targetsData(report.form, (target, goal, question) => report.answers.get(target)?.get(goal)?.get(question)),
  };
}

/** The form's targets → goals → questions, with answers from `answerFor`. */
export function targetsData(
  form: FormDefinition,
  answerFor: (target: number, goal: string, question: string) => Answer | undefined,
): TargetData[] {
  return form.targets.map((target) => ({
    number: target.number,
    text: target.text,
    goals: target.goals.map((goal, index) => ({
      id: goal.id,
      number: goalNumber(target, index),
      text: goal.text,
      questions: goal.questions.map((q) => {
        const answer = answerFor(target.number, goal.id, q.id) ?? { state: 'unanswered' as const };
        return {
          id: q.id,
          text: q.text,
          status: answer.state,
          answer: answer.state === 'answered' ? answer.markdown : '',
        };
      }),
    })),
  }));
}

/** Runs the Markdown template and parses the result: the one content model every format renders. */
export async function reportDocument(
  engine: TemplateEngine,
  template: string,
  data: object,
): Promise<{ markdown: string; tree: Root }> {
  const markdown = await renderTemplate(engine, template, data);
  return { markdown, tree: parseMarkdown(markdown) };
}
