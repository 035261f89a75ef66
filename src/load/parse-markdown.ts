import type { Root } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';

const parser = unified().use(remarkParse).use(remarkGfm);

/** Parses Markdown as gareport reads it everywhere: CommonMark plus GFM tables, strikethrough, autolinks. */
export function parseMarkdown(markdown: string): Root {
  return parser.parse(markdown);
}

/** Link targets an answer may use; anything else (javascript:, data:, file:) is refused. */
export const SAFE_LINK = /^(?:https?:\/\/|mailto:|#)/i;
