/**
 * The `yaml` library's errors, explained for someone who has never heard of YAML: where the mistake
 * really is (often a line or two before where the parser gave up), and what to do about it.
 */
import type { YAMLError } from 'yaml';
import type { SourceText } from './source-text.js';
import { lineText } from './source-text.js';
import type { CstToken } from './yaml-cst.js';
import { quotedAround, unclosedFlow } from './yaml-cst.js';
import type { Explained } from './yaml-lines.js';
import {
  blockAbove,
  blockHint,
  blockHintAt,
  firstNonSpace,
  indentOf,
  isAnswerFile,
  lineAt,
  lineStartOffset,
  specialStart,
  strayAtLineStart,
  tabInIndent,
  valueOnLine,
} from './yaml-lines.js';

/** One parser error and where it is, as each explanation reads it. */
interface ErrorAt {
  source: SourceText;
  error: YAMLError;
  /** The offset the parser reports, within the text. */
  at: number;
  line: number;
  /** The parser's message, first line, without its own position. */
  detail: string;
  /** The CST, parsed again only for the errors that need it. */
  tokens: () => CstToken[];
}

type Explanation = (e: ErrorAt) => Explained | undefined;

function unclosedQuote({ source, error, at, detail, tokens }: ErrorAt): Explained | undefined {
  const quote = /^Missing closing (["'])quote/.exec(detail);
  if (error.code !== 'MISSING_CHAR' || !quote) return undefined;
  const q = quote[1] ?? '"';
  const offset = quotedAround(tokens(), at)?.offset ?? at;
  return {
    offset,
    code: 'yaml-unclosed-quote',
    message: `this text starts with a quote (\`${q}\`) that is never closed`,
    hint: `add the closing \`${q}\` at the end of the text, or ${blockHintAt(source, offset)} (no quotes needed)`,
  };
}

function unclosedBracket({ source, error, at, detail, tokens }: ErrorAt): Explained | undefined {
  const bracket =
    /^Flow (?:sequence|map) in block collection must be sufficiently indented and end with a ([\]}])/.exec(detail);
  // "Block collections are not allowed within flow collections": a `[` or `{` earlier on was never closed.
  const blockInFlow = error.code === 'BLOCK_IN_FLOW' ? unclosedFlow(tokens(), at, undefined) : undefined;
  if (!bracket && !blockInFlow) return undefined;
  const open = blockInFlow?.start?.source ?? (bracket?.[1] === '}' ? '{' : '[');
  const close = open === '[' ? ']' : '}';
  const offset = (blockInFlow ?? unclosedFlow(tokens(), at, open))?.offset ?? at;
  return {
    offset,
    code: 'yaml-unclosed-bracket',
    message: `this \`${open}\` is never closed with \`${close}\``,
    hint: `${isAnswerFile(source) ? 'an answer is text' : 'if this is text'}: ${blockHintAt(source, offset)}`,
  };
}

function tabAsIndent({ source, error, at, line }: ErrorAt): Explained | undefined {
  const tab = tabInIndent(source, line);
  if (error.code !== 'TAB_AS_INDENT' && tab === -1) return undefined;
  return {
    offset: tab === -1 ? at : tab,
    code: 'yaml-tab-as-indent',
    message: 'this line is indented with a tab; YAML needs spaces',
    hint: 'replace the tab at the start of the line with spaces',
  };
}

function stackOverflow({ at, detail }: ErrorAt): Explained | undefined {
  if (!/Maximum call stack/i.test(detail)) return undefined;
  return { offset: at, code: 'yaml-too-deep', message: 'this file is nested too deeply to be read' };
}

/** Errors that a character YAML reads as syntax (`*`, `&`, `!`, `>`… at the start of a value or line) leads to. */
const SPECIAL_CHARACTER_ERRORS = new Set([
  'UNEXPECTED_TOKEN',
  'BAD_SCALAR_START',
  'TAG_RESOLVE_FAILED',
  'BAD_ALIAS',
  'ALIAS_PROPS',
  'BAD_PROP_ORDER',
  'MULTIPLE_ANCHORS',
  'MULTIPLE_TAGS',
  'BLOCK_AS_IMPLICIT_KEY',
  'BLOCK_IN_FLOW',
  'BAD_DIRECTIVE',
  'MISSING_CHAR',
]);

function specialCharacter({ source, error, line }: ErrorAt): Explained | undefined {
  if (!SPECIAL_CHARACTER_ERRORS.has(error.code)) return undefined;
  return specialStart(source, line) ?? strayAtLineStart(source, line);
}

function duplicateKey({ source, at, line }: ErrorAt): Explained {
  const key = lineText(source, line)
    .slice(at - lineStartOffset(source, line))
    .split(':')[0]
    ?.trim();
  return {
    offset: at,
    code: 'yaml-duplicate-key',
    message: `\`${key || 'this key'}\` appears twice at the same level; each goal and each question may appear only once`,
    hint: 'merge the two into one, or delete one of them',
  };
}

function multilineKey({ source, error, line }: ErrorAt): Explained {
  const last = lineAt(source, error.pos[1]);
  if (last > line && indentOf(lineText(source, last)) > indentOf(lineText(source, line))) {
    return {
      offset: firstNonSpace(source, last),
      code: 'yaml-bad-indent',
      message: 'this line is indented further than the line above it, so YAML reads both as one line',
      hint: 'line it up with the keys above it (the same number of spaces in front)',
    };
  }
  const block = blockAbove(source, line);
  return {
    offset: firstNonSpace(source, line),
    code: 'yaml-missing-colon',
    message: 'this line is not a `key: value` line: there is no colon after its first word',
    hint: block
      ? `if it belongs to the ${isAnswerFile(source) ? 'answer' : 'text'} to \`${block.key}\` above, indent it like its other lines (${block.indent} spaces); otherwise add the missing \`:\``
      : isAnswerFile(source)
        ? 'if this line continues the answer above, indent it two spaces more than the question letter; otherwise add the missing `:`'
        : 'each line is `key: value`: add the missing `:` after the key',
  };
}

function colonInText({ source, at, line }: ErrorAt): Explained {
  const colon = lineText(source, line)
    .slice(at - lineStartOffset(source, line))
    .search(/:(?:[ \t]|$)/);
  return {
    offset: colon === -1 ? at : at + colon,
    code: 'yaml-colon-in-text',
    message: 'this text contains a colon followed by a space (`: `), which YAML reads as the start of a new key',
    hint: blockHintAt(source, at),
  };
}

function missingCharacter({ source, error, at, line, detail }: ErrorAt): Explained | undefined {
  if (/^Comments must be separated from other tokens/.test(detail)) {
    const hash = source.text.indexOf('#', at);
    return {
      offset: hash !== -1 && lineAt(source, hash) === line ? hash : at,
      code: 'yaml-comment-without-space',
      message: 'a `#` that starts a comment needs a space before it',
      hint: `if the \`#\` belongs to the text, ${blockHintAt(source, at)}`,
    };
  }
  if (/^Implicit map keys need to be followed by map values/.test(detail)) {
    const key = source.text.slice(error.pos[0], error.pos[1]).split('\n')[0]?.trim();
    return {
      offset: at,
      code: 'yaml-missing-colon',
      message: `a colon (\`:\`) is missing after \`${key || 'this key'}\``,
      hint: 'each line starts with a key and a colon, e.g. `A: text`',
    };
  }
  return undefined;
}

function textAfterQuote({ source, at, line }: ErrorAt): Explained | undefined {
  const value = valueOnLine(source, line);
  if (!value || (value.char !== '"' && value.char !== "'") || at <= value.offset) return undefined;
  return {
    offset: value.offset,
    code: 'yaml-text-after-quote',
    message: `this text starts with a quote (\`${value.char}\`), so it must end at the matching closing quote; more text follows it`,
    hint: blockHint(value.key),
  };
}

/** A line not lined up: a line of text of a block (`C: |`) is told the indent of the block's other lines. */
function badIndent({ source, line: reported }: ErrorAt): Explained {
  // The parser may point at a blank line before the line that is out of place.
  let line = reported;
  while (line < source.lineStarts.length && lineText(source, line).trim() === '') line++;
  const block = blockAbove(source, line);
  const offset = firstNonSpace(source, line);
  if (block && indentOf(lineText(source, line)) < block.indent) {
    return {
      offset,
      code: 'yaml-bad-indent',
      message: `this line is indented less than the text of \`${block.key}\` above it`,
      hint: `if it belongs to the ${isAnswerFile(source) ? 'answer' : 'text'} to \`${block.key}\`, indent it like its other lines (${block.indent} spaces)`,
    };
  }
  return {
    offset,
    code: 'yaml-bad-indent',
    message: 'this line is not lined up with the lines around it',
    hint: 'keys at the same level need the same number of spaces in front of them',
  };
}

/** Explanations by the parser's error code, tried after those that apply to any code. */
const BY_CODE: Record<string, Explanation> = {
  DUPLICATE_KEY: duplicateKey,
  MULTIPLE_DOCS: ({ source, line }) => ({
    offset: firstNonSpace(source, line),
    code: 'yaml-multiple-docs',
    message: 'a `---` line at the left margin ends the YAML document; nothing may follow it',
    hint: isAnswerFile(source)
      ? 'inside an answer written as a block (`A: |`), indent `---` like the rest of the answer, or delete it'
      : 'delete the `---` line',
  }),
  MULTILINE_IMPLICIT_KEY: multilineKey,
  BLOCK_AS_IMPLICIT_KEY: colonInText,
  BAD_INDENT: badIndent,
  MISSING_CHAR: missingCharacter,
  BAD_DQ_ESCAPE: ({ source, at }) => ({
    offset: at,
    code: 'yaml-bad-escape',
    message: 'inside double quotes a backslash (`\\`) must be written twice (`\\\\`)',
    hint: `or ${blockHintAt(source, at)}; in a block a backslash is ordinary text`,
  }),
  UNEXPECTED_TOKEN: textAfterQuote,
};

/** In order: the first that applies explains the error. */
const EXPLANATIONS: readonly Explanation[] = [
  unclosedQuote,
  unclosedBracket,
  tabAsIndent,
  stackOverflow,
  specialCharacter,
  (e) => BY_CODE[e.error.code]?.(e),
];

/** A parser error explained; the parser's own words, with a general hint, when no explanation applies. */
export function explainYamlError(source: SourceText, error: YAMLError, tokens: () => CstToken[]): Explained {
  const at = Math.min(error.pos[0], source.text.length);
  const detail = error.message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '') ?? error.code;
  const e: ErrorAt = { source, error, at, line: lineAt(source, at), detail, tokens };
  for (const explain of EXPLANATIONS) {
    const explained = explain(e);
    if (explained) return explained;
  }
  return {
    offset: at,
    code: `yaml-${error.code.toLowerCase().replace(/_/g, '-')}`,
    message: `the YAML cannot be read: ${detail}`,
    hint: isAnswerFile(source)
      ? 'long answers are easiest written as a block: `A: |` followed by lines indented by two more spaces'
      : 'text with special characters is easiest written as a block: `key: |` followed by lines indented by two more spaces',
  };
}
