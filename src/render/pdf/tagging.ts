/**
 * Tagging: where drawn text goes in the structure tree (a block's element, and Link elements for
 * its links), and the document outline (bookmarks) built from the headings.
 */
import type { Heading } from 'mdast';
import { plainText } from './inline.js';
import {
  addOutlineItem,
  createStruct,
  type Doc,
  type OutlineItem,
  type StructElement,
  setOutlineDestination,
} from './pdfkit-internals.js';
import type { Line, LinkTarget } from './text.js';

/** Where drawn text is attached in the structure tree. */
export interface TagTarget {
  el: StructElement;
  /** Marked-content tag of the text, normally the element's structure type. */
  tag: string;
  /** Link elements created for links in this block, by link. */
  links: Map<LinkTarget, StructElement>;
}

export function newTarget(el: StructElement, tag: string): TagTarget {
  return { el, tag, links: new Map() };
}

export function endTarget(target: TagTarget): void {
  for (const link of target.links.values()) link.end();
  target.links.clear();
}

/** The Link element of `link` in the block, created on first use. */
export function linkElement(doc: Doc, target: TagTarget, link: LinkTarget): StructElement {
  let linkEl = target.links.get(link);
  if (!linkEl) {
    linkEl = createStruct(doc, 'Link');
    target.el.add(linkEl);
    target.links.set(link, linkEl);
  }
  return linkEl;
}

/**
 * Ends the Link elements whose text does not continue on the next line, while still on the page of
 * their last annotation (PDFKit records the current page in the annotation's OBJR).
 */
export function endLinksBefore(target: TagTarget, next: Line | null): void {
  for (const [link, el] of target.links) {
    if (!next?.pieces.some((piece) => piece.style.link === link)) {
      el.end();
      target.links.delete(link);
    }
  }
}

/** The PDF outline: level-2 headings, with the level-3 headings under them. */
export class Outline {
  private parent: OutlineItem | null = null;

  constructor(private readonly doc: Doc) {}

  add(node: Heading, top: number): void {
    if (node.depth !== 2 && node.depth !== 3) return;
    const title = plainText(node).replace(/\s+/g, ' ').trim();
    if (!title) return;
    const shortTitle = title.length > 200 ? `${title.slice(0, 199)}…` : title;
    if (node.depth === 2) {
      this.parent = addOutlineItem(this.doc.outline, shortTitle, true);
      setOutlineDestination(this.parent, this.doc, top);
    } else {
      const item = addOutlineItem(this.parent ?? this.doc.outline, shortTitle, false);
      setOutlineDestination(item, this.doc, top);
    }
  }
}
