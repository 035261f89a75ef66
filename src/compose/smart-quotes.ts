/**
 * Typographic quotes and apostrophes for the HTML and PDF (issue 11, part 3), the way the report's
 * language writes them: “English” and it’s; « français » with narrow no-break spaces inside;
 * „Deutsch“; «русский»; «español». retext-smartypants decides which quote opens and which closes,
 * over the text of a whole paragraph, heading or table cell (so quotes pair across emphasis and
 * links), never inside code. The Markdown output is left as written, and so is Word's, which
 * `gareport import` must read back to the same answers.
 *
 * remark-smartypants does the same over the whole document as one string, which takes time
 * superlinear in its length (13 s for 600,000 characters); here each block is done on its own, in
 * slices cut at spaces, and blocks without a straight quote are passed over.
 */
import type { Nodes, Root } from 'mdast';
import { retext } from 'retext';
import smartypants from 'retext-smartypants';
import { copyNodes } from './copy-nodes.js';

interface QuoteStyle {
  double: [open: string, close: string];
  /** Single quotes; the closing one is also the apostrophe. */
  single: [open: string, close: string];
  /** Narrow no-break space inside guillemets (French). */
  spaced?: boolean;
}

/**
 * Double quotes follow the language's first-level quotes. Single quotes stay ‘ ’ except in German:
 * a straight `'` is far more often an apostrophe (l'enfant, д'Артаньян) than a nested quote, and
 * the apostrophe must be ’, which smartypants writes as the closing single quote.
 */
const STYLES: Record<string, QuoteStyle> = {
  en: { double: ['“', '”'], single: ['‘', '’'] },
  fr: { double: ['«', '»'], single: ['‘', '’'], spaced: true },
  es: { double: ['«', '»'], single: ['‘', '’'] },
  de: { double: ['„', '“'], single: ['‚', '‘'] },
  ru: { double: ['«', '»'], single: ['‘', '’'] },
};

/** Every character this module writes for a quote, with the straight ones it replaces. */
export const QUOTE_CHARACTERS = '"\'“”‘’«»„‚';

const NARROW_NBSP = '\u202F';

function styleFor(language: string): { key: string; style: QuoteStyle } {
  const key = (language.split('-')[0] ?? language).toLowerCase();
  const style = STYLES[key];
  return style ? { key, style } : { key: 'en', style: STYLES.en as QuoteStyle };
}

type Educate = (text: string) => string;
const educators = new Map<string, Educate>();

function educatorFor(key: string, style: QuoteStyle): Educate {
  let educate = educators.get(key);
  if (!educate) {
    const processor = retext().use(smartypants, {
      quotes: true,
      openingQuotes: { double: style.double[0], single: style.single[0] },
      closingQuotes: { double: style.double[1], single: style.single[1] },
      // Only quotes: dashes, ellipses and backticks are the author's.
      dashes: false,
      ellipses: false,
      backticks: false,
    });
    educate = (text) => String(processor.processSync(text));
    educators.set(key, educate);
  }
  return educate;
}

/** Blocks whose text is one run of prose. */
const BLOCKS = new Set(['paragraph', 'heading', 'tableCell']);
/** Characters processed at a time: the parser takes time superlinear in the length of its input. */
const SLICE = 2000;

/**
 * `text` with its quotes educated, a slice at a time. Slices are cut before a space, so every
 * quote sees the same neighbours (the word or space before it, the two tokens after) as in the
 * whole text; only a run of 4,000 characters without a space is cut inside. Quotes are replaced
 * one character for one, so the result has the length of `text`.
 */
function educateText(text: string, educate: Educate): string {
  let out = '';
  let start = 0;
  while (start < text.length) {
    let end = Math.min(text.length, start + SLICE);
    if (end < text.length) {
      // A space within the next slice, else (a hostile run of one "word") cut where the slice ends.
      const space = text.slice(end, end + SLICE).search(/\s/);
      end = space === -1 ? Math.min(text.length, end + SLICE) : end + space;
    }
    out += educate(text.slice(start, end));
    start = end;
  }
  return out;
}

/** The literal nodes of a block, in order: text is educated, anything else holds its place. */
function literals(node: Nodes, out: Nodes[]): Nodes[] {
  if ('value' in node && typeof node.value === 'string') out.push(node);
  else if ('children' in node) for (const child of node.children) literals(child as Nodes, out);
  return out;
}

function educateBlock(block: Nodes, educate: Educate): void {
  const nodes = literals(block, []);
  if (!nodes.some((n) => n.type === 'text' && /["']/.test(n.value))) return;
  // Code and the like stand in as letters of the same length ("`x`" pairs around code), as
  // remark-smartypants does; only text nodes take the result.
  const text = nodes
    .map((n) => (n.type === 'text' ? n.value : 'A'.repeat((n as { value: string }).value.length)))
    .join('');
  const educated = educateText(text, educate);
  if (educated.length !== text.length) return; // never expected: quotes are replaced one for one
  let offset = 0;
  for (const n of nodes) {
    const length = (n as { value: string }).value.length;
    if (n.type === 'text') n.value = educated.slice(offset, offset + length);
    offset += length;
  }
}

/** An answer in another language than `key`'s (in the consolidated report): quoted its own way. */
function foreignAnswer(node: Nodes, key: string): string | undefined {
  const language = node.type === 'answer' ? node.data.answer.language : undefined;
  return language !== undefined && styleFor(language).key !== key ? language : undefined;
}

function educateTree(node: Nodes, educate: Educate, key: string, foreign: Nodes[]): void {
  if (foreignAnswer(node, key)) foreign.push(node);
  else if (BLOCKS.has(node.type)) educateBlock(node, educate);
  else if ('children' in node) for (const child of node.children) educateTree(child as Nodes, educate, key, foreign);
}

/** Applies `edit` to the value of every text node (not code, not HTML), answers in another language aside. */
function editText(node: Nodes, edit: (value: string) => string, key: string): void {
  if (foreignAnswer(node, key)) return;
  if (node.type === 'text') node.value = edit(node.value);
  if ('children' in node) for (const child of node.children) editText(child as Nodes, edit, key);
}

/**
 * A copy of `tree` with typographic quotes in `language`; `tree` itself is not changed. An answer
 * marked as written in another language (`data.answer.language`) gets that language's quotes.
 */
export function smartQuotes(tree: Root, language: string): Root {
  const copy = copyNodes(tree);
  typeset(copy, language);
  return copy;
}

function typeset(node: Nodes, language: string): void {
  const { key, style } = styleFor(language);
  const foreign: Nodes[] = [];
  educateTree(node, educatorFor(key, style), key, foreign);
  if (key === 'de') {
    // ‘ between letters is an apostrophe (geht’s), not a closing quote.
    editText(node, (value) => value.replace(/(?<=\p{L})‘(?=\p{L})/gu, '’'), key);
  }
  if (style.spaced) {
    // « texte » : a narrow no-break space inside guillemets, in place of a space written there.
    editText(
      node,
      (value) =>
        value.replace(/«[ \u00A0\u202F]?/g, `«${NARROW_NBSP}`).replace(/[ \u00A0\u202F]?»/g, `${NARROW_NBSP}»`),
      key,
    );
  }
  for (const answer of foreign) {
    const own = foreignAnswer(answer, key) ?? language;
    if ('children' in answer) for (const child of answer.children) typeset(child as Nodes, own);
  }
}
