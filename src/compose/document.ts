import type { Heading, Nodes, Paragraph, Parent, PhrasingContent, Root } from 'mdast';
import { UsageError } from '../diagnostics/errors.js';
import { parseMarkdown } from '../load/parse-markdown.js';
import type { AnswerOrigin } from '../model/answer-origin.js';
import type { Answer } from '../model/answers.js';
import type { CountryInfo } from '../model/country.js';
import type { FormDefinition } from '../model/form.js';
import { goalNumber } from '../model/form.js';
import type { Report } from '../model/report.js';
import type { AnswerIdentity, Section } from './answer-tree.js';
import { answerTree, isolateAnswers } from './answer-tree.js';
import { localizeForm, resolveLanguageMarks } from './localize.js';
import type { Strings } from './strings.js';
import { stringsFor } from './strings.js';
import type { TemplateEngine } from './template.js';
import { renderTemplate } from './template.js';
import { markTitleBlock } from './title-block.js';

/**
 * What a template marker stands for: a heading's identity, or an answer (its Markdown, parsed on
 * its own when the report is composed). Plain data, so a document spec can go to a worker thread.
 */
export type Part =
  | { kind: 'section'; section: Section }
  | {
      kind: 'answer';
      answer: AnswerIdentity;
      markdown: string;
      origin?: AnswerOrigin | undefined;
      /** The answer's Markdown parsed already (see parseAnswers), else it is parsed when composed. */
      tree?: Root | undefined;
    };

/**
 * Template markers: the template places each one (`{{ question.answer }}`, `{{ goal.mark }}`) and
 * the composed report puts the answer's own tree, or the heading's identity, where it stands. An
 * HTML comment, so it is one node wherever the template puts it; nothing else in the template's
 * output can be one (form text goes through `md_escape`, answers are not in the template's text).
 */
export class Parts {
  readonly list: Part[] = [];
  mark(part: Part): string {
    this.list.push(part);
    return `<!--gareport:${this.list.length - 1}-->`;
  }

  /** The marker of an answer (its tree, when it was parsed already); nothing for one not answered. */
  answer(answer: AnswerIdentity, given: Answer): string {
    if (given.state !== 'answered') return '';
    const { markdown, origin, tree } = given;
    return this.mark({ kind: 'answer', answer, markdown, origin, tree });
  }
}

const MARKER = /^<!--gareport:(\d+)-->$/;

/** What templates see: the form with each question's answer filled in. Plain data only. */
export interface QuestionData {
  id: string;
  text: string;
  status: Answer['state'];
  /** Where the answer goes: a marker the report replaces with the answer; empty unless status is `answered`. */
  answer: string;
  /** Put on the question's heading line, so the heading carries the question's identity. */
  mark: string;
}

export interface GoalData {
  id: string;
  /** "2.1": target number and the goal's position in it. */
  number: string;
  text: string;
  mark: string;
  questions: QuestionData[];
}

export interface TargetData {
  number: number;
  text: string;
  mark: string;
  goals: GoalData[];
}

export interface ReportData {
  title: string;
  year: number;
  language: string;
  country: { name: string; slug: string; language: string };
  /** The report's furniture in its language. */
  strings: Strings;
  targets: TargetData[];
}

function countryData(country: CountryInfo): ReportData['country'] {
  return { name: country.name, slug: country.slug, language: country.language };
}

/** The country report's template data, and the parts its markers stand for. */
export function reportData(report: Report): { data: ReportData; parts: Part[] } {
  const parts = new Parts();
  // The form's text in the report's language, or the form's own marked as such (issue 11, part 4).
  const form = localizeForm(report.form, report.translation, report.country.language);
  const data = {
    title: form.title,
    year: report.year,
    language: report.country.language,
    country: countryData(report.country),
    strings: stringsFor(report.country.language).strings,
    targets: targetsData(form, (target, goal, question) => report.answers.get(target)?.get(goal)?.get(question), parts),
  };
  return { data, parts: parts.list };
}

/** The form's targets → goals → questions, with answers from `answerFor` marked in `parts`. */
export function targetsData(
  form: FormDefinition,
  answerFor: (target: number, goal: string, question: string) => Answer | undefined,
  parts: Parts,
): TargetData[] {
  return form.targets.map((target) => ({
    number: target.number,
    text: target.text,
    mark: parts.mark({ kind: 'section', section: { kind: 'target', target: target.number } }),
    goals: target.goals.map((goal, index) => ({
      id: goal.id,
      number: goalNumber(target, index),
      text: goal.text,
      mark: parts.mark({ kind: 'section', section: { kind: 'goal', target: target.number, goal: goal.id } }),
      questions: goal.questions.map((q) => {
        const answer = answerFor(target.number, goal.id, q.id) ?? { state: 'unanswered' as const };
        const identity = { target: target.number, goal: goal.id, question: q.id };
        return {
          id: q.id,
          text: q.text,
          status: answer.state,
          answer: parts.answer(identity, answer),
          mark: parts.mark({ kind: 'section', section: { kind: 'question', ...identity } }),
        };
      }),
    })),
  }));
}

function isMarker(node: Nodes, parts: readonly Part[]): Part | undefined {
  if (node.type !== 'html') return undefined;
  const index = MARKER.exec(node.value.trim())?.[1];
  return index === undefined ? undefined : parts[Number(index)];
}

/** Drops the whitespace a removed marker leaves at the end of a heading or paragraph. */
function trimEnd(children: PhrasingContent[]): void {
  const last = children.at(-1);
  if (last?.type === 'text') {
    last.value = last.value.trimEnd();
    if (last.value === '') children.pop();
  }
}

/**
 * Replaces the markers of `parent`'s subtree: a section marker gives its heading (or the block
 * it is in) its identity; an answer marker becomes the answer's own tree. A marker inside a
 * paragraph splits it, so the answer is a block of its own wherever the template puts it.
 */
function replaceMarkers(parent: Parent, parts: readonly Part[]): void {
  const out: Nodes[] = [];
  for (const child of parent.children as Nodes[]) {
    if (child.type === 'heading' || child.type === 'paragraph' || child.type === 'tableCell') {
      const block = child as Heading | Paragraph;
      let pieces: PhrasingContent[] = [];
      const flushed: Nodes[] = [];
      const flush = () => {
        trimEnd(pieces);
        if (pieces.length > 0) flushed.push({ ...block, children: pieces } as Nodes);
        pieces = [];
      };
      let split = false;
      let marked = false;
      for (const inline of block.children) {
        const part = isMarker(inline, parts);
        if (part?.kind === 'section') {
          block.data = { ...block.data, section: part.section } as Heading['data'];
          marked = true;
        } else if (part?.kind === 'answer' && block.type === 'paragraph') {
          flush();
          flushed.push(answerTree(part.markdown, part.answer, part.origin, part.tree));
          split = true;
        } else if (split && pieces.length === 0 && inline.type === 'text') {
          // The text after an answer starts a paragraph of its own: no leading space.
          const value = inline.value.replace(/^\s+/, '');
          if (value) pieces.push({ ...inline, value });
        } else {
          pieces.push(inline);
        }
      }
      if (!split) {
        if (marked) trimEnd(pieces);
        block.children = pieces as typeof block.children;
        out.push(block);
        continue;
      }
      flush();
      out.push(...flushed);
      continue;
    }
    const part = isMarker(child, parts);
    if (part?.kind === 'answer') out.push(answerTree(part.markdown, part.answer, part.origin, part.tree));
    else if (part?.kind !== 'section') {
      if ('children' in child) replaceMarkers(child as Parent, parts);
      out.push(child);
    }
  }
  parent.children = out as Parent['children'];
}

/**
 * The report as one tree: the template renders the frame (form text, headings and markers), the
 * frame is parsed, and each answer marker is replaced by that answer's own tree. The answers are
 * never part of the template's text, so nothing in one can reach outside it.
 */
export async function composeDocument(
  engine: TemplateEngine,
  template: string,
  data: object,
  parts: readonly Part[],
): Promise<Root> {
  const frame = await renderTemplate(engine, template, data);
  const tree = parseMarkdown(frame);
  resolveLanguageMarks(tree);
  replaceMarkers(tree, parts);
  const misplaced = leftoverAnswerMarker(tree, parts);
  if (misplaced) {
    throw new UsageError(
      `the template \`${template}\` does not put an answer on a line of its own, or changes it with a filter (${misplaced})`,
      'write `{{ question.answer }}` (`{{ entry.answer }}` in the consolidated report) as it is, on its own line',
    );
  }
  isolateAnswers(tree);
  markTitleBlock(tree);
  return tree;
}

/** An answer marker still in the frame's text (escaped, in code, in a heading): that answer would be lost. */
function leftoverAnswerMarker(node: Nodes, parts: readonly Part[]): string | undefined {
  if (node.type === 'answer') return undefined;
  if ('value' in node) {
    for (const match of node.value.matchAll(/gareport:(\d+)/g)) {
      const part = parts[Number(match[1])];
      if (part?.kind === 'answer') return `goal \`${part.answer.goal}\`, question ${part.answer.question}`;
    }
  }
  if ('children' in node) {
    for (const child of node.children) {
      const found = leftoverAnswerMarker(child as Nodes, parts);
      if (found) return found;
    }
  }
  return undefined;
}
