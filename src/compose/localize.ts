/**
 * The form's text in the report's language (issue 11, part 4): translated where the translation
 * has the text, else the form's own text marked with the form's language, so the HTML says
 * `<span lang="en">` and the PDF's structure tree `/Lang (en)` around it.
 *
 * Template data is plain text, so the mark travels in the text itself, as Unicode noncharacters
 * (code points set aside for a program's internal use): U+FDD0 language U+FDD1 text U+FDD2. The
 * composed tree turns each marked stretch into a `langSpan` node before anything renders it.
 */
import type { Nodes, Parent, PhrasingContent, Text } from 'mdast';
import type { FormDefinition } from '../model/form.js';
import type { FormTranslation } from '../model/form-translation.js';

/** Text in another language than the report's, inside a paragraph or heading. */
export interface LangSpan extends Parent {
  type: 'langSpan';
  /** BCP 47 tag. */
  lang: string;
  children: PhrasingContent[];
}

declare module 'mdast' {
  interface RootContentMap {
    langSpan: LangSpan;
  }
  interface PhrasingContentMap {
    langSpan: LangSpan;
  }
}

const OPEN = '\uFDD0';
const MID = '\uFDD1';
const CLOSE = '\uFDD2';
const ANY_MARK = /[\uFDD0-\uFDD2]/;
const ALL_MARKS = /[\uFDD0-\uFDD2]/g;
const LANGUAGE_TAG = /^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/;

/** `text` marked as written in `lang`. */
export function markLanguage(text: string, lang: string): string {
  return `${OPEN}${lang}${MID}${text.replace(ALL_MARKS, '')}${CLOSE}`;
}

/** The text without language marks (for places that are not composed: page titles, metadata). */
export function unmarkLanguage(text: string): string {
  return text.includes(OPEN) || text.includes(CLOSE)
    ? text.replace(/\uFDD0[^\uFDD1\uFDD2]*\uFDD1|[\uFDD0-\uFDD2]/g, '')
    : text;
}

/** The language `text` is marked as written in, when all of it is one marked span (else undefined). */
export function markedLanguage(text: string): string | undefined {
  const whole = /^\uFDD0([^\uFDD1\uFDD2]*)\uFDD1[^\uFDD0-\uFDD2]*\uFDD2$/.exec(text);
  return whole?.[1] || undefined;
}

/** A copy of plain template data with every string unmarked. */
export function unmarkData<T>(value: T): T {
  if (typeof value === 'string') return unmarkLanguage(value) as T;
  if (Array.isArray(value)) return value.map(unmarkData) as T;
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype)
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, unmarkData(v)])) as T;
  return value;
}

function baseLanguage(tag: string): string {
  return (tag.split('-')[0] ?? tag).toLowerCase();
}

/**
 * The form as a report in `language` shows it: each text from the translation where it has one,
 * else the form's own, marked with the form's language. A report in the form's language gets the
 * form as it is.
 */
export function localizeForm(
  form: FormDefinition,
  translation: FormTranslation | undefined,
  language: string,
): FormDefinition {
  if (baseLanguage(language) === baseLanguage(form.language)) return form;
  const pick = (translated: string | undefined, own: string) => translated ?? markLanguage(own, form.language);
  return {
    ...form,
    title: pick(translation?.title, form.title),
    targets: form.targets.map((target) => ({
      ...target,
      text: pick(translation?.targets.get(target.number), target.text),
      goals: target.goals.map((goal) => {
        const goalTranslation = translation?.goals.get(goal.id);
        return {
          ...goal,
          text: pick(goalTranslation?.text, goal.text),
          questions: goal.questions.map((q) => ({
            ...q,
            // A goal's own wording needs its own translation: the general one would say something else.
            text: pick(
              goalTranslation?.questions.get(q.id) ?? (q.own ? undefined : translation?.questions.get(q.id)),
              q.text,
            ),
          })),
        };
      }),
    })),
  };
}

/** Splits the marked stretches of `parent`'s children into `langSpan` nodes (answers are left alone). */
function resolveChildren(parent: Parent): void {
  const out: Nodes[] = [];
  let span: LangSpan | undefined;
  const push = (node: Nodes) => (span ? span.children.push(node as PhrasingContent) : out.push(node));
  const closeSpan = () => {
    if (span && span.children.length > 0) out.push(span);
    span = undefined;
  };
  for (const child of parent.children as Nodes[]) {
    if (child.type === 'text' && ANY_MARK.test(child.value)) {
      for (const piece of child.value.split(/(\uFDD0[^\uFDD1\uFDD2]*\uFDD1|\uFDD2)/)) {
        if (piece.startsWith(OPEN)) {
          closeSpan();
          const lang = piece.slice(1, -1);
          if (LANGUAGE_TAG.test(lang)) span = { type: 'langSpan', lang, children: [] };
        } else if (piece === CLOSE) {
          closeSpan();
        } else if (piece) {
          push({ type: 'text', value: piece.replace(ALL_MARKS, '') } satisfies Text);
        }
      }
      continue;
    }
    if (child.type === 'answer') {
      push(child);
      continue;
    }
    if ('children' in child) resolveChildren(child as Parent);
    else if ('value' in child && typeof child.value === 'string' && ANY_MARK.test(child.value))
      // A custom template put marked text in code or HTML: the marks go, the text stays.
      child.value = unmarkLanguage(child.value);
    push(child);
  }
  closeSpan();
  parent.children = out as Parent['children'];
}

/** Turns the language marks of a composed frame into `langSpan` nodes. */
export function resolveLanguageMarks(tree: Parent): void {
  resolveChildren(tree);
}
