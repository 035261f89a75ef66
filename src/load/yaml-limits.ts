/**
 * Limits checked before a YAML file is parsed, so that the cost of reading any file stays bounded
 * (issue 8): the `yaml` library's parser takes seconds and hundreds of MB on 1 MiB of `[[[…]]]` or
 * of `- a` lines, and far longer on deep nesting. Real files are small: the 2014 form has 333
 * tokens, Kosovo's longest answer file 78 (a block of text is one token, however long).
 * The lexer is linear and is stopped as soon as a limit is passed.
 */
import { Lexer } from 'yaml';

/** Deeper than any form, answer or country file. */
export const MAX_YAML_DEPTH = 32;

/** Keys, values, list items and YAML punctuation of one file; a hundred times what a form has. */
export const MAX_YAML_TOKENS = 20_000;

export interface LimitExceeded {
  offset: number;
  code: 'yaml-too-deep' | 'yaml-too-many-parts';
  message: string;
  hint: string;
}

/**
 * The text's lexical tokens, lexed once: the parser is given these (parse-yaml.ts), not the text;
 * or the first limit passed, and no tokens.
 */
export function lexYaml(text: string): { lexemes: string[]; limit?: LimitExceeded } {
  const lexemes: string[] = [];
  const limit = withinLimits(text, lexemes);
  return limit ? { lexemes: [], limit } : { lexemes };
}

function withinLimits(text: string, lexemes: string[]): LimitExceeded | undefined {
  let offset = 0;
  let tokens = 0;
  let depth = 0;
  for (const token of new Lexer().lex(text)) {
    lexemes.push(token);
    // The lexer marks where a document or a scalar starts with a control character of no width.
    if (token.length === 1 && token < ' ' && token !== '\n' && token !== '\t') continue;
    const at = offset;
    offset += token.length;
    if (token === '[' || token === '{') {
      depth++;
      if (depth > MAX_YAML_DEPTH) {
        return {
          offset: at,
          code: 'yaml-too-deep',
          message: `this file is nested more than ${MAX_YAML_DEPTH} levels deep (the limit is ${MAX_YAML_DEPTH})`,
          hint: 'answer files have goals, then questions, then text',
        };
      }
    } else if (token === ']' || token === '}') depth = Math.max(0, depth - 1);
    // Spaces and line breaks cost nothing to parse; everything else is a part of the document.
    if (/^[ \t\n]*$/.test(token)) continue;
    if (++tokens > MAX_YAML_TOKENS) {
      return {
        offset: at,
        code: 'yaml-too-many-parts',
        message: `this file has more than ${MAX_YAML_TOKENS.toLocaleString('en-US')} keys, values, list items and comments (the limit is ${MAX_YAML_TOKENS.toLocaleString('en-US')}); an answer file has a few dozen`,
        hint: 'write each answer as one block of text (`A: |`), not as a YAML list or set of keys',
      };
    }
  }
  return undefined;
}
