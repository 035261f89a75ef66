/**
 * What a country announced the year before, under question A (issue 12, part 2): in the HTML
 * country report, a collapsible note after each goal's question A with the country's answer to
 * question C of the year before. Only the HTML has it (the Markdown, PDF and Word files are the
 * report as answered), so the notes go into the HTML's own copy of the composed tree.
 */
import type { Data, Nodes, Parent, Root } from 'mdast';
import { ANNOUNCED, REPORTED } from '../model/announced-actions.js';
import type { AnswerOrigin } from '../model/answer-origin.js';
import type { AnswerNode } from './answer-tree.js';
import { answerTree, isolateAnswers } from './answer-tree.js';

/** One goal's note; plain data, so it goes with a document spec to a worker thread. */
export interface AnnouncedNote {
  target: number;
  goal: string;
  /** "Announced in 2014", in the report's language. */
  summary: string;
  /** The answer to C of the year before, or the words for "nothing to report". */
  markdown: string;
  origin?: AnswerOrigin | undefined;
}

/** The note in the tree: the HTML renderer shows it as `<details>` with `summary` as its `<summary>`. */
export interface AnnouncedNode extends Parent {
  type: 'announced';
  children: AnswerNode[];
  data: AnnouncedData;
}

export interface AnnouncedData extends Data {
  summary: string;
}

const key = (target: number, goal: string) => `${target}\u0000${goal}`;

function noteNode(note: AnnouncedNote): AnnouncedNode {
  const identity = { target: note.target, goal: note.goal, question: ANNOUNCED };
  return {
    type: 'announced',
    children: [answerTree(note.markdown, identity, note.origin)],
    data: { summary: note.summary },
  };
}

/** Puts each note at the end of its goal's question A: before the next heading, or at the end. */
function insertNotes(parent: Parent, notes: ReadonlyMap<string, AnnouncedNote>): void {
  const out: Nodes[] = [];
  let pending: AnnouncedNote | undefined;
  for (const child of parent.children as Nodes[]) {
    if (child.type === 'heading') {
      if (pending) out.push(noteNode(pending) as unknown as Nodes);
      const section = child.data?.section;
      pending =
        section?.kind === 'question' && section.question === REPORTED
          ? notes.get(key(section.target, section.goal))
          : undefined;
    }
    out.push(child);
  }
  if (pending) out.push(noteNode(pending) as unknown as Nodes);
  parent.children = out as Parent['children'];
}

/**
 * The composed report with the notes under question A, as a new tree (the one given is shared
 * with the other formats and stays as it is). Footnotes are numbered again through the report,
 * so a note's footnotes do not take the numbers of the answers'.
 */
export function withAnnouncedNotes(tree: Root, notes: readonly AnnouncedNote[]): Root {
  if (notes.length === 0) return tree;
  const copy = structuredClone(tree);
  insertNotes(copy, new Map(notes.map((note) => [key(note.target, note.goal), note])));
  isolateAnswers(copy);
  return copy;
}
