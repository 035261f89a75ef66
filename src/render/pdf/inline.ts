/** mdast phrasing content -> styled inline runs. */
import type { Nodes, PhrasingContent } from 'mdast';
import { isFontkitFace } from './fallback.js';
import { FAMILY_FACES, type FontKey } from './fonts.js';
import { HARD_BREAK, type Inline, type LinkTarget, type TextStyle } from './text.js';
import { CODE, COLORS, type PdfLook } from './theme.js';

type Variant = 'bold' | 'italic' | 'code' | 'strike';

const variantCache = new WeakMap<TextStyle, Map<Variant, TextStyle>>();

/** Each face's italic and bold counterparts, in its own family. */
const ITALIC = new Map<FontKey, FontKey>([['mono', 'mono']]);
const BOLD = new Map<FontKey, FontKey>([['mono', 'mono']]);
for (const f of Object.values(FAMILY_FACES)) {
  for (const [from, italic, bold] of [
    [f.regular, f.italic, f.bold],
    [f.bold, f.boldItalic, f.bold],
    [f.italic, f.italic, f.boldItalic],
    [f.boldItalic, f.boldItalic, f.boldItalic],
  ] as const) {
    ITALIC.set(from, italic);
    BOLD.set(from, bold);
  }
}

/** A derived style, cached so equal derivations share one object (pieces merge by identity). */
export function variant(style: TextStyle, kind: Variant, colors: InlineColors = COLORS): TextStyle {
  let perStyle = variantCache.get(style);
  if (!perStyle) {
    perStyle = new Map();
    variantCache.set(style, perStyle);
  }
  let derived = perStyle.get(kind);
  if (!derived) {
    switch (kind) {
      case 'bold':
        derived = isFontkitFace(style.font) ? style : { ...style, font: BOLD.get(style.font) ?? style.font };
        break;
      case 'italic':
        derived = isFontkitFace(style.font) ? style : { ...style, font: ITALIC.get(style.font) ?? style.font };
        break;
      case 'strike':
        derived = { ...style, strike: true };
        break;
      case 'code':
        derived =
          style.font === 'mono'
            ? style
            : {
                ...style,
                font: 'mono',
                size: style.size * CODE.inlineScale,
                color: style.link ? style.color : colors.codeText,
                background: colors.inlineCodeBackground,
              };
        break;
    }
    perStyle.set(kind, derived);
  }
  return derived;
}

const langCache = new WeakMap<TextStyle, Map<string, TextStyle>>();

/** `style` for text in `lang` (cached, so pieces of one language merge by identity). */
function inLanguage(style: TextStyle, lang: string): TextStyle {
  let perStyle = langCache.get(style);
  if (!perStyle) {
    perStyle = new Map();
    langCache.set(style, perStyle);
  }
  let derived = perStyle.get(lang);
  if (!derived) {
    derived = { ...style, lang };
    perStyle.set(lang, derived);
  }
  return derived;
}

const CLICKABLE_URL = /^(?:https?|mailto|ftp|tel):/i;

function linkStyle(style: TextStyle, url: string, description: string, colors: InlineColors): TextStyle {
  const clickable = CLICKABLE_URL.test(url.trim());
  if (!clickable) return style;
  const link: LinkTarget = { url: url.trim(), clickable, description };
  return { ...style, link, color: colors.link, underline: true };
}

/** Plain text of a node (for outline titles, link descriptions, alt texts). */
export function plainText(node: Nodes | Nodes[]): string {
  if (Array.isArray(node)) return node.map(plainText).join('');
  switch (node.type) {
    case 'text':
    case 'inlineCode':
    case 'code':
      return node.value;
    case 'html':
      return stripHtml(node.value);
    case 'break':
      return ' ';
    case 'image':
    case 'imageReference':
      return node.alt ?? '';
    case 'footnoteReference':
      return `[${node.label ?? node.identifier}]`;
    default:
      if ('children' in node && Array.isArray(node.children)) return plainText(node.children as Nodes[]);
      if ('value' in node && typeof node.value === 'string') return node.value;
      return '';
  }
}

/** Text content of a fragment of HTML: comments, tags and entities of markup removed. */
export function stripHtml(html: string): string {
  return html
    .replace(/<!--[\s\S]*?(?:-->|$)/g, '')
    .replace(/<(script|style)\b[\s\S]*?(?:<\/\1\s*>|$)/gi, '')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/?[a-zA-Z][^>]*>/g, '')
    .replace(/&nbsp;/g, '\u00a0')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

/** The theme's colours of links and inline code. */
export type InlineColors = Pick<PdfLook['colors'], 'link' | 'codeText' | 'inlineCodeBackground'>;

export interface InlineContext {
  /** Link reference definitions of the document: identifier (lower-case) -> URL. */
  definitions: ReadonlyMap<string, string>;
  /** gareport's own when absent. */
  colors?: InlineColors | undefined;
}

/** Converts phrasing content to inline runs in `style`. Unknown nodes contribute their text. */
export function toInlines(nodes: readonly Nodes[], style: TextStyle, ctx: InlineContext, out: Inline[] = []): Inline[] {
  for (const node of nodes) {
    switch (node.type) {
      case 'text':
        out.push({ text: node.value, style });
        break;
      case 'emphasis':
        toInlines(node.children, variant(style, 'italic'), ctx, out);
        break;
      case 'strong':
        toInlines(node.children, variant(style, 'bold'), ctx, out);
        break;
      case 'delete':
        toInlines(node.children, variant(style, 'strike'), ctx, out);
        break;
      case 'langSpan':
        toInlines(node.children, inLanguage(style, node.lang), ctx, out);
        break;
      case 'inlineCode':
        out.push({ text: node.value, style: variant(style, 'code', ctx.colors) });
        break;
      case 'break':
        out.push(HARD_BREAK);
        break;
      case 'link':
        toInlines(
          node.children,
          linkStyle(style, node.url, plainText(node.children) || node.url, ctx.colors ?? COLORS),
          ctx,
          out,
        );
        break;
      case 'linkReference': {
        const url = ctx.definitions.get(node.identifier.toLowerCase());
        const inner = url ? linkStyle(style, url, plainText(node.children) || url, ctx.colors ?? COLORS) : style;
        toInlines(node.children, inner, ctx, out);
        break;
      }
      case 'image':
      case 'imageReference':
        if (node.alt) out.push({ text: node.alt, style: variant(style, 'italic') });
        break;
      case 'footnoteReference':
        out.push({ text: `[${node.label ?? node.identifier}]`, style });
        break;
      case 'html': {
        const text = stripHtml(node.value.replace(/\s*\n\s*/g, ' '));
        const parts = text.split('\n');
        parts.forEach((part, index) => {
          if (index > 0) out.push(HARD_BREAK);
          if (part) out.push({ text: part, style });
        });
        break;
      }
      default:
        if ('children' in node && Array.isArray(node.children)) {
          toInlines(node.children as PhrasingContent[], style, ctx, out);
        } else if ('value' in node && typeof node.value === 'string') {
          out.push({ text: node.value, style });
        }
    }
  }
  return out;
}
