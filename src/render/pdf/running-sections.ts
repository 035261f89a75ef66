/**
 * The running header's section titles: which target (and, in deeper documents, which goal) each
 * page belongs to, derived from the document's own heading levels (issue 11 part 3).
 *
 * The section levels are the headings at the root of the document (not those inside answers),
 * from the shallowest level used more than once (under a title used once) down to two levels
 * above the deepest: a country's report (title, target, goal, question) names the target; the
 * consolidated report (…, question, country) names the target and the goal. A page is named by the
 * sections in force at its first line.
 */
import type { Heading, Root } from 'mdast';
import { plainText } from './inline.js';

export class RunningSections {
  /** The root-level headings that open a section named in the header. */
  private readonly sectionHeadings = new Set<Heading>();
  private readonly firstDepth: number;
  /** Titles of the open sections, shallowest first. */
  private current: string[] = [];
  /** Titles in force at the first line of each page, by page index. */
  private readonly pages: string[][] = [];

  constructor(tree: Root) {
    const headings = tree.children.filter((node): node is Heading => node.type === 'heading');
    const counts = new Map<number, number>();
    for (const heading of headings) counts.set(heading.depth, (counts.get(heading.depth) ?? 0) + 1);
    const depths = [...counts.keys()].sort((a, b) => a - b);
    this.firstDepth = depths.find((depth) => (counts.get(depth) ?? 0) > 1) ?? 7;
    const deepest = depths[depths.length - 1] ?? 0;
    const lastDepth = Math.max(this.firstDepth, deepest - 2);
    for (const heading of headings) {
      if (heading.depth >= this.firstDepth && heading.depth <= lastDepth) this.sectionHeadings.add(heading);
    }
  }

  /** A heading is about to be placed: it opens a section (and closes the deeper ones) if it names one. */
  enter(node: Heading): void {
    if (!this.sectionHeadings.has(node)) return;
    const title = plainText(node).replace(/\s+/g, ' ').trim();
    this.current = [...this.current.slice(0, node.depth - this.firstDepth), title];
  }

  /** Content is placed on page `index`: the first content of a page fixes its sections. */
  placed(index: number): void {
    if (!this.pages[index]) this.pages[index] = this.current;
  }

  /** The section titles of page `index` (a page without content takes the previous page's). */
  titlesOf(index: number): string[] {
    for (let i = index; i >= 0; i--) {
      const titles = this.pages[i];
      if (titles) return titles;
    }
    return [];
  }
}
