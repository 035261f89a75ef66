/**
 * Each answer as a Markdown tree of its own (issue 9): parsed alone, so nothing in it (an unclosed
 * fence, an open list, a link definition, a footnote label) can reach into the report around it.
 */
import type { BlockContent, Data, DefinitionContent, FootnoteDefinition, Nodes, Parent, Root } from 'mdast';
import type { Point } from 'unist';
import { parseMarkdown } from '../load/parse-markdown.js';
import { trace } from '../load/trace.js';
import { yieldPoint } from '../load/yield-point.js';
import type { AnswerOrigin } from '../model/answer-origin.js';
import type { Answer } from '../model/answers.js';
import { copyNodes } from './copy-nodes.js';
import type {} from './localize.js';

/** Which question an answer answers, and (in the consolidated report) whose answer it is. */
export interface AnswerIdentity {
  target: number;
  goal: string;
  question: string;
  /** The country's folder name; set in the consolidated report. */
  country?: string | undefined;
  /** The answer file (as diagnostics show it); node positions are in that file when it is set. */
  file?: string | undefined;
  /**
   * The answer's language where it is not the document's (a French country's answer in the English
   * consolidated report): its text is marked so in every format, and quoted the language's way.
   */
  language?: string | undefined;
}

/** What a heading of the report stands for: carried in its `data`, never recovered from its text. */
export type Section =
  | { kind: 'target'; target: number }
  | { kind: 'goal'; target: number; goal: string }
  | { kind: 'question'; target: number; goal: string; question: string }
  | { kind: 'country'; country: string; goal?: string | undefined; question?: string | undefined };

/** One country's answer to one question: its own tree, composed into the report as a subtree. */
export interface AnswerNode extends Parent {
  type: 'answer';
  children: Array<BlockContent | DefinitionContent>;
  data: AnswerData;
}

export interface AnswerData extends Data {
  answer: AnswerIdentity;
}

declare module 'mdast' {
  interface RootContentMap {
    answer: AnswerNode;
  }
  interface BlockContentMap {
    answer: AnswerNode;
  }
  interface HeadingData {
    section?: Section;
  }
}

/** A point of the answer's text → the same character in its YAML file. */
function inFile(point: Point, origin: AnswerOrigin): Point {
  const start = origin.lines[point.line - 1] ?? origin.lines.at(-1);
  if (!start) return point;
  return { line: start.line, column: start.column + point.column - 1, offset: start.offset + point.column - 1 };
}

/**
 * Parses one answer on its own. With its `origin`, positions are in its YAML file (line, column,
 * offset there), so anything found in the tree can be reported where the user wrote it.
 */
export function answerTree(
  markdown: string,
  identity: AnswerIdentity,
  origin?: AnswerOrigin,
  /** The answer parsed already (answerRoot): its nodes copied, as composing changes the tree it is given. */
  parsed?: Root,
): AnswerNode {
  const root = parsed ? copyNodes(parsed) : answerRoot(markdown, origin);
  if (origin) {
    for (const node of walk(root)) {
      if (node.position)
        node.position = { start: inFile(node.position.start, origin), end: inFile(node.position.end, origin) };
    }
  }
  if (identity.language) markAnswerLanguage(root, identity.language);
  return {
    type: 'answer',
    children: root.children as AnswerNode['children'],
    data: { answer: origin ? { ...identity, file: origin.file } : identity },
    ...(root.position ? { position: root.position } : {}),
  };
}

/** Puts the text of every paragraph, heading and table cell of an answer in a `langSpan` of its language. */
function markAnswerLanguage(node: Nodes, lang: string): void {
  if (!('children' in node)) return;
  if (node.type === 'paragraph' || node.type === 'heading' || node.type === 'tableCell') {
    if (node.children.length) node.children = [{ type: 'langSpan', lang, children: node.children }];
    return;
  }
  for (const child of node.children) markAnswerLanguage(child as Nodes, lang);
}

/** An answer's Markdown parsed (counted: see load/trace.ts), positions in the answer's text. */
export function answerRoot(markdown: string, origin?: AnswerOrigin): Root {
  trace('markdown', () => (origin ? `${origin.file}:${origin.lines[0]?.offset}` : 'unplaced'));
  return parseMarkdown(markdown);
}

/**
 * Gives every answer of a report that has none its tree, so all later steps (and the consolidated
 * report) share them. Ctrl-C is seen between the answers of a long report (see yield-point.ts).
 */
export async function parseAnswers(answers: Iterable<Map<string, Map<string, Answer>>>): Promise<void> {
  for (const goals of answers)
    for (const questions of goals.values())
      for (const [id, answer] of questions)
        if (answer.state === 'answered' && !answer.tree) {
          await yieldPoint();
          questions.set(id, { ...answer, tree: answerRoot(answer.markdown, answer.origin) });
        }
}

function* walk(node: Nodes): Generator<Nodes> {
  yield node;
  if ('children' in node) for (const child of node.children) yield* walk(child as Nodes);
}

/** The answers of a tree, in document order. */
export function answersOf(tree: Root | Nodes): AnswerNode[] {
  return [...walk(tree as Nodes)].filter((n): n is AnswerNode => n.type === 'answer');
}

/** `HTTPS://x` is `https://x`: URL schemes are case-insensitive (RFC 3986), and lower case is the canonical form. */
function canonicalUrl(url: string): string {
  return url.replace(/^[a-z][a-z0-9+.-]*:/i, (scheme) => scheme.toLowerCase());
}

/** A label not yet taken in the report: `official`, else `official-2`, `official-3`… */
function freeLabel(identifier: string, label: string, taken: Set<string>): { identifier: string; label: string } {
  if (!taken.has(identifier)) return { identifier, label };
  let n = 2;
  while (taken.has(`${identifier}-${n}`)) n++;
  return { identifier: `${identifier}-${n}`, label: `${label}-${n}` };
}

/**
 * Makes each answer's labels its own across the whole report: a link definition another answer
 * already uses is renamed (with its references), and footnotes are numbered 1, 2, 3… through the
 * report in the order they are first referenced (definitions nobody references come after those of
 * their answer). Footnote definitions move to the end of their answer, where every format shows
 * them. URL schemes are lower-cased so every format keeps the link. Changes the tree in place.
 */
export function isolateAnswers(tree: Root): void {
  const linkLabels = new Set<string>();
  let footnotes = 0;
  for (const answer of answersOf(tree)) {
    const nodes = [...walk(answer)];
    // Link and image reference definitions.
    const renamed = new Map<string, { identifier: string; label: string }>();
    for (const node of nodes) {
      if (node.type === 'link' || node.type === 'image' || node.type === 'definition')
        node.url = canonicalUrl(node.url);
      if (node.type !== 'definition' || renamed.has(node.identifier)) continue;
      renamed.set(node.identifier, freeLabel(node.identifier, node.label ?? node.identifier, linkLabels));
    }
    for (const { identifier } of renamed.values()) linkLabels.add(identifier);
    for (const node of nodes) {
      if (node.type !== 'definition' && node.type !== 'linkReference' && node.type !== 'imageReference') continue;
      const free = renamed.get(node.identifier);
      if (free === undefined || free.identifier === node.identifier) continue;
      node.identifier = free.identifier;
      node.label = free.label;
      if (node.type !== 'definition') node.referenceType = 'full';
    }
    // Footnotes: numbered through the report, definitions at the end of the answer.
    const numbers = new Map<string, string>();
    const number = (identifier: string) => {
      let n = numbers.get(identifier);
      if (n === undefined) {
        n = String(++footnotes);
        numbers.set(identifier, n);
      }
      return n;
    };
    const definitions = new Map<string, FootnoteDefinition>();
    for (const node of nodes) {
      if (node.type === 'footnoteDefinition' && !definitions.has(node.identifier))
        definitions.set(node.identifier, node);
    }
    for (const node of nodes) {
      if (node.type === 'footnoteReference' && definitions.has(node.identifier)) {
        node.label = number(node.identifier);
        node.identifier = node.label;
      }
    }
    for (const identifier of definitions.keys()) number(identifier);
    removeFootnoteDefinitions(answer);
    for (const [identifier, definition] of definitions) {
      definition.label = numbers.get(identifier) ?? identifier;
      definition.identifier = definition.label;
    }
    answer.children.push(...[...definitions.values()].sort((a, b) => Number(a.identifier) - Number(b.identifier)));
  }
}

function removeFootnoteDefinitions(node: Nodes): void {
  if (!('children' in node)) return;
  const parent = node as Parent;
  const before = parent.children.length;
  parent.children = parent.children.filter((child) => child.type !== 'footnoteDefinition');
  // A list item is spread when blank lines part two or more of its children: one left is not (the
  // Markdown written for it reads back so; found by tests/answer-roundtrip.test.ts).
  if (node.type === 'listItem' && parent.children.length < before && parent.children.length < 2) node.spread = false;
  for (const child of parent.children) removeFootnoteDefinitions(child as Nodes);
}
