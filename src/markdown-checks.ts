import type { Nodes } from 'mdast';
import type { Scalar } from 'yaml';
import type { Diagnostic, Severity } from './diagnostics.js';
import type { SourceText } from './source.js';
import { diagnosticAt, positionAt } from './source.js';

interface Finding {
  line: number;
  column: number;
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
const MAY_NEED_PARSING = /^ {0,3}#|<|\]\(|\]:|!\[|^ {0,3}(?:=+|-+) *$/m;

/** What in an answer's Markdown would break or silently change the report. */
async function findProblems(markdown: string): Promise<Finding[]> {
  if (!MAY_NEED_PARSING.test(markdown)) return [];
  const { parseMarkdown, SAFE_LINK } = await import('./markdown.js');
  const findings: Finding[] = [];
  walk(parseMarkdown(markdown), (node) => {
    const start = node.position?.start;
    if (!start) return;
    const at = { line: start.line, column: start.column };
    if (node.type === 'heading') {
      findings.push({
        ...at,
        severity: 'error',
        code: 'heading-in-answer',
        message: "headings are not allowed inside an answer; they would break the report's outline",
        hint:
          node.depth <= 2 && !markdown.split('\n')[start.line - 1]?.trimStart().startsWith('#')
            ? 'a line of `---` or `===` under text makes it a heading; leave a blank line before it, or write `--` alone for "nothing to report"'
            : 'use **bold text** on its own line for a sub-title',
      });
    } else if (node.type === 'html') {
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
    } else if (node.type === 'image' || node.type === 'imageReference') {
      findings.push({
        ...at,
        severity: 'warning',
        code: 'image-in-answer',
        message: 'images are not included in reports; only their description is shown',
      });
    }
  });
  return findings;
}

/** Maps a line/column inside the answer text back to the YAML file. */
function sourceOffset(source: SourceText, node: Scalar, markdown: string, line: number, column: number): number {
  const range = node.range;
  if (!range) return 0;
  if (node.type === 'BLOCK_LITERAL') {
    // Content starts on the line after the `|` indicator, indented uniformly.
    const headerLine = positionAt(source, range[0]).line;
    const firstContent = source.text
      .slice(source.lineStarts[headerLine] ?? range[1], range[1])
      .split('\n')
      .find((l) => l.trim() !== '');
    const indent = firstContent ? firstContent.length - firstContent.trimStart().length : 0;
    const lineStart = source.lineStarts[headerLine + line - 1];
    if (lineStart !== undefined) return lineStart + indent + column - 1;
  }
  // Folded and flow scalars rewrap lines: find the text itself in the source.
  const snippet = (markdown.split('\n')[line - 1] ?? '')
    .slice(column - 1)
    .trim()
    .slice(0, 24);
  if (snippet) {
    const found = source.text.indexOf(snippet, range[0]);
    if (found !== -1 && found < range[1]) return found;
  }
  return range[0];
}

export async function checkAnswerMarkdown(source: SourceText, node: Scalar, markdown: string): Promise<Diagnostic[]> {
  return (await findProblems(markdown)).map((f) =>
    diagnosticAt(source, sourceOffset(source, node, markdown, f.line, f.column), f.severity, f.code, f.message, f.hint),
  );
}
