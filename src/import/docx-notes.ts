/**
 * Word footnotes and endnotes, as mammoth writes them: a reference `<sup><a href="#footnote-7">`
 * where the note is, and every note in one list at the end of the document
 * (`<li id="footnote-7">… <a href="#footnote-ref-7">↑</a></li>`). Issue 21 item 1: read as text,
 * they became `[7]` and a list appended to the last answer. Here each note goes back to the answer
 * whose text refers to it, as a Markdown footnote: `[^1]` where it was, and its definition at the
 * end of that answer, numbered from 1 in each answer in the order they are referred to (as
 * gareport's own .docx numbers them, and as the Markdown of an answer reads best).
 */

import type { Element } from './docx-html.js';

const NOTE_ID = /^(?:footnote|endnote)-\d+$/;
const NOTE_REFERENCE = /^#((?:footnote|endnote)-\d+)$/;
const BACK_LINK = /^#(?:footnote|endnote)-ref-\d+$/;

/** Whether `element` is mammoth's list of notes: an `<ol>` whose items all have a note's id. */
function isNoteList(element: Element): boolean {
  const items = element.children.filter((n): n is Element => typeof n !== 'string');
  return (
    element.tag === 'ol' && items.length > 0 && items.every((i) => i.tag === 'li' && NOTE_ID.test(i.attrs.id ?? ''))
  );
}

/** The notes of one document, taken out of its tree, and the numbering of the answer being read. */
export class DocxNotes {
  private readonly definitions = new Map<string, Element>();
  /** Note id → its number in the answer being read, in the order first referred to. */
  private numbers = new Map<string, number>();
  private writing = false;

  /** Takes mammoth's lists of notes out of `root` (they are put back answer by answer). */
  constructor(root: Element) {
    root.children = root.children.filter((node) => {
      if (typeof node === 'string' || !isNoteList(node)) return true;
      for (const item of node.children)
        if (typeof item !== 'string' && item.attrs.id) this.definitions.set(item.attrs.id, item);
      return false;
    });
  }

  /** `[^n]` for a link to a note of the document, undefined for any other link. */
  reference(href: string): string | undefined {
    const id = NOTE_REFERENCE.exec(href)?.[1];
    if (this.writing || !id || !this.definitions.has(id)) return undefined;
    let number = this.numbers.get(id);
    if (number === undefined) {
      number = this.numbers.size + 1;
      this.numbers.set(id, number);
    }
    return `[^${number}]`;
  }

  /** Whether a link is a note's way back to its reference (`↑`), which has no place in an answer. */
  isBackLink(href: string): boolean {
    return BACK_LINK.test(href);
  }

  /** Whether notes were referred to since the answer began. */
  get pending(): boolean {
    return this.numbers.size > 0;
  }

  /**
   * The definitions of the notes referred to since the answer began, as Markdown blocks (`[^1]: …`,
   * further paragraphs indented), and a new numbering for the next answer. `toBlocks` converts a
   * note's content as the rest of the document is.
   */
  take(toBlocks: (element: Element) => string[]): string[] {
    const out: string[] = [];
    this.writing = true;
    for (const [id, number] of this.numbers) {
      const definition = this.definitions.get(id);
      if (!definition) continue;
      const [first = '', ...rest] = toBlocks(definition);
      out.push(
        [`[^${number}]: ${first}`, ...rest]
          .join('\n\n')
          .split('\n')
          .map((line, i) => (i === 0 || line === '' ? line : `    ${line}`))
          .join('\n'),
      );
    }
    this.writing = false;
    this.numbers = new Map();
    return out;
  }
}
