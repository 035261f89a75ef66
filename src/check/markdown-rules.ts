import type { Nodes, Root } from 'mdast';
import type { Scalar } from 'yaml';
import type { Diagnostic, Severity } from '../diagnostics/diagnostics.js';
import { scalarSourceOffsets } from '../load/scalars.js';
import type { SourceText } from '../load/source-text.js';
import { diagnosticAt } from '../load/source-text.js';
import { trace } from '../load/trace.js';

interface Finding {
  /** Index into the answer text. */
  offset: number;
  line: number;
  severity: Severity;
  code: string;
  message: string;
  hint?: string;
}

function walk(node: Nodes, visit: (n: Nodes) => void): void {
  visit(node);
  if ('children' in node) for (const child of node.children) walk(child as Nodes, visit);
}

/**
 * Could this text hold a heading, HTML, a link or an image? Most answers are prose
 * and lists; they skip the Markdown parser (and its start-up cost) entirely.
 */
const MAY_NEED_PARSING = /^ {0,3}#|<|\]\(|\]:|!\[|^ {0,3}(?:=+|-+) *$|```|~~~/m;

/** A fenced code block with no closing fence runs to the end of its container (issue 9 item 1). */
function unclosedFence(markdown: string, node: Nodes): boolean {
  const { start, end } = node.position ?? {};
  if (start?.offset === undefined || end?.offset === undefined) return false;
  const lines = markdown.slice(start.offset, end.offset).split('\n');
  const fence = /^\s*(`{3,}|~{3,})/.exec(lines[0] ?? '')?.[1];
  if (!fence) return false; // indented code
  const closing = new RegExp(`^\\s*\\${fence[0]}{${fence.length},}\\s*$`);
  // A container's prefix (`> `, list indentation) may stand before the closing fence.
  const last = (lines.at(-1) ?? '').replace(/^(?:\s*>)*/, '');
  return lines.length < 2 || !closing.test(last);
}

/** Lists and quotes inside one another: far more than any answer needs, far less than what breaks. */
export const MAX_MARKDOWN_NESTING = 32;

const CONTAINER_MARKER = /^(?:>|[-*+]|\d{1,9}[.)])(?=[ \t]|$)[ \t]?/;

/**
 * How deeply the lines of an answer nest lists and quotes, estimated without parsing (a parser and
 * the renderers recurse over such nesting: 1,000 levels overflowed the stack): the markers at the
 * start of a line (`> > -`), plus the indentation in front of a list item, two spaces a level.
 */
function nestingBeyondLimit(markdown: string): { offset: number; line: number } | undefined {
  let lineStart = 0;
  let line = 1;
  while (lineStart <= markdown.length) {
    const end = markdown.indexOf('\n', lineStart);
    const text = markdown.slice(lineStart, end === -1 ? undefined : end);
    const indent = text.length - text.trimStart().length;
    let rest = text.slice(indent);
    let depth = 0;
    for (let m = CONTAINER_MARKER.exec(rest); m && depth <= MAX_MARKDOWN_NESTING; m = CONTAINER_MARKER.exec(rest)) {
      depth++;
      rest = rest.slice(m[0].length).trimStart();
    }
    if (depth > 0) depth += Math.floor(indent / 2);
    if (depth > MAX_MARKDOWN_NESTING) return { offset: lineStart + indent, line };
    if (end === -1) break;
    lineStart = end + 1;
    line++;
  }
  return undefined;
}

/**
 * How many characters the answers of one file may hold together: about 22,000 words, far more than
 * a policy target's answers need. Parsing grows faster than the text (GFM took 5 s on 1 MiB of
 * prose), so the cap keeps a build of any file inside its budget (README, Performance).
 */
export const MAX_ANSWER_CHARACTERS = 150_000;

function tooLong(markdown: string, allowed: number): Finding | undefined {
  if (markdown.length <= allowed) return undefined;
  let line = 1;
  for (let i = markdown.indexOf('\n'); i !== -1 && i < allowed; i = markdown.indexOf('\n', i + 1)) line++;
  const limit = MAX_ANSWER_CHARACTERS.toLocaleString('en');
  return {
    offset: allowed,
    line,
    severity: 'error',
    code: 'answers-too-long',
    message: `the answers of this file pass ${limit} characters here (the limit for the answers of one file)`,
    hint: 'shorten them, or put the detail in an annex and link to it',
  };
}

/** What in an answer's Markdown would break or silently change the report. */
async function findProblems(
  markdown: string,
  allowed: number,
  traced: () => string,
): Promise<{ findings: Finding[]; tree?: Root }> {
  const deep = nestingBeyondLimit(markdown);
  if (deep) {
    // Not parsed at all: the parser's and renderers' cost grows with the nesting.
    return {
      findings: [
        {
          ...deep,
          severity: 'error',
          code: 'answer-too-deep',
          message: `lists and quotes are nested here more than ${MAX_MARKDOWN_NESTING} levels deep (the limit is ${MAX_MARKDOWN_NESTING})`,
          hint: 'a report answer needs a few levels at most; start the line at the margin of the answer',
        },
      ],
    };
  }
  const long = tooLong(markdown, allowed);
  if (long) return { findings: [long] }; // not parsed at all: the parser's cost is what the limit bounds
  if (!MAY_NEED_PARSING.test(markdown)) return { findings: [] };
  const { parseMarkdown, SAFE_LINK } = await import('../load/parse-markdown.js');
  const findings: Finding[] = [];
  trace('markdown', traced);
  const tree = parseMarkdown(markdown);
  walk(tree, (node) => {
    const start = node.position?.start;
    if (!start || start.offset === undefined) return;
    const at = { offset: start.offset, line: start.line };
    if (node.type === 'heading') {
      const end = node.position?.end;
      const setext = !markdown.split('\n')[start.line - 1]?.trimStart().startsWith('#');
      if (setext && end && end.line > start.line) {
        // `text` with `---` or `===` under it: the underline is the mistake, point at it.
        const lines = markdown.split('\n');
        const underline = lines[end.line - 1] ?? '';
        const lineStart = lines.slice(0, end.line - 1).reduce((n, l) => n + l.length + 1, 0);
        const rule = underline.trim().slice(0, 20);
        findings.push({
          offset: lineStart + (underline.length - underline.trimStart().length),
          line: end.line,
          severity: 'error',
          code: 'heading-in-answer',
          message: `this \`${rule}\` line makes the text above it a heading; headings are not allowed inside an answer`,
          hint: 'leave a blank line above it to draw a separator line instead, or delete it; for "nothing to report", write `--` as the whole answer',
        });
        return;
      }
      findings.push({
        ...at,
        severity: 'error',
        code: 'heading-in-answer',
        message: "headings are not allowed inside an answer; they would break the report's outline",
        hint: 'use **bold text** on its own line for a sub-title',
      });
    } else if (node.type === 'html') {
      // `<b>bold</b>` is one mistake, not two.
      if (findings.some((f) => f.code === 'html-in-answer' && f.line === start.line)) return;
      findings.push({
        ...at,
        severity: 'error',
        code: 'html-in-answer',
        message: 'HTML is not allowed in answers; it would not appear in the report',
        hint: 'write Markdown instead: *italic*, **bold**, [text](https://example.org)',
      });
    } else if ((node.type === 'link' || node.type === 'definition') && !SAFE_LINK.test(node.url)) {
      findings.push({
        ...at,
        severity: 'error',
        code: 'unsafe-link',
        message: `links must start with https://, http:// or mailto: (found \`${node.url.slice(0, 40)}\`)`,
      });
    } else if (node.type === 'code' && unclosedFence(markdown, node)) {
      findings.push({
        ...at,
        severity: 'warning',
        code: 'unclosed-fence',
        message: 'this code block is never closed; it ends where the answer ends',
        hint: 'close it with a line holding the same fence (``` or ~~~), or delete the fence if it is not meant as code',
      });
    } else if (node.type === 'image' || node.type === 'imageReference') {
      findings.push({
        ...at,
        severity: 'warning',
        code: 'image-in-answer',
        message: 'images are not included in reports; only their description is shown',
      });
    }
  });
  return { findings, tree };
}

/**
 * `allowed`: how many characters the file's answers may still hold (MAX_ANSWER_CHARACTERS in all).
 * The tree, when the answer had to be parsed, is kept for the report (each answer is parsed once).
 */
export async function checkAnswerMarkdown(
  source: SourceText,
  node: Scalar,
  markdown: string,
  allowed = MAX_ANSWER_CHARACTERS,
): Promise<{ diagnostics: Diagnostic[]; tree?: Root | undefined }> {
  const traced = () => `${source.file}:${scalarSourceOffsets(source, node)(0)}`;
  const { findings, tree } = await findProblems(markdown, allowed, traced);
  if (findings.length === 0) return { diagnostics: [], tree };
  const offsetOf = scalarSourceOffsets(source, node);
  const diagnostics = findings.map((f) =>
    diagnosticAt(source, offsetOf(f.offset), f.severity, f.code, f.message, f.hint),
  );
  return { diagnostics, tree };
}
