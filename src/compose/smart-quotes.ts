/**
 * Typographic quotes and apostrophes for the HTML and PDF (issue 11, part 3), the way the report's
 * language writes them: “English” and it’s; « français » with narrow no-break spaces inside;
 * „Deutsch“; «русский»; «español». remark-smartypants decides which quote opens and which closes
 * (across emphasis and links, never inside code). The Markdown output is left as written, and so is
 * Word's, which `gareport import` must read back to the same answers.
 */
import type { Nodes, Root } from 'mdast';
import remarkSmartypants from 'remark-smartypants';
import type { Processor } from 'unified';
import { unified } from 'unified';

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

const processors = new Map<string, Processor<Root, Root, Root>>();

function processorFor(key: string, style: QuoteStyle): Processor<Root, Root, Root> {
  let processor = processors.get(key);
  if (!processor) {
    processor = unified().use(remarkSmartypants, {
      quotes: true,
      openingQuotes: { double: style.double[0], single: style.single[0] },
      closingQuotes: { double: style.double[1], single: style.single[1] },
      // Only quotes: dashes, ellipses and backticks are the author's.
      dashes: false,
      ellipses: false,
      backticks: false,
    }) as unknown as Processor<Root, Root, Root>;
    processors.set(key, processor);
  }
  return processor;
}

/** Applies `edit` to the value of every text node (not code, not HTML). */
function editText(node: Nodes, edit: (value: string) => string): void {
  if (node.type === 'text') node.value = edit(node.value);
  if ('children' in node) for (const child of node.children) editText(child as Nodes, edit);
}

/** A copy of `tree` with typographic quotes in `language`; `tree` itself is not changed. */
export function smartQuotes(tree: Root, language: string): Root {
  const copy = structuredClone(tree);
  const { key, style } = styleFor(language);
  processorFor(key, style).runSync(copy);
  if (key === 'de') {
    // ‘ between letters is an apostrophe (geht’s), not a closing quote.
    editText(copy, (value) => value.replace(/(?<=\p{L})‘(?=\p{L})/gu, '’'));
  }
  if (style.spaced) {
    // « texte » : a narrow no-break space inside guillemets, in place of a space written there.
    editText(copy, (value) =>
      value.replace(/«[ \u00A0\u202F]?/g, `«${NARROW_NBSP}`).replace(/[ \u00A0\u202F]?»/g, `${NARROW_NBSP}»`),
    );
  }
  return copy;
}
