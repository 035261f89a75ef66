/**
 * An SVG logo is published as it is, inside the HTML report (issue 20, item 14). Rather than
 * rewriting it, what could run or reach outside is refused, each finding with its line and column
 * in the SVG: script, event handler attributes (`on…`), <foreignObject> and other embedding
 * elements, references out of the file (an `href` or `url(…)` that is not `#id` or an inline
 * PNG/JPEG/GIF), style sheets that import, `xml-stylesheet`, and a DOCTYPE declaring entities.
 * Read with saxes, a strict streaming XML parser (linear time, positions, no DOM kept; xmldom was
 * quadratic on unclosed elements), never with regular expressions over the markup.
 */
import { SaxesParser } from 'saxes';

export interface SvgFinding {
  line: number;
  column: number;
  message: string;
}

/** At most this many findings are reported for one file; parsing stops there. */
const MAX_FINDINGS = 5;

/** Elements that run code or embed another document. */
const REFUSED_ELEMENTS = new Set(['script', 'foreignobject', 'iframe', 'embed', 'object', 'handler', 'listener']);

/** A reference that stays inside the file: a fragment, or an image inlined as data. */
const LOCAL_REFERENCE = /^\s*(#|data:image\/(png|jpeg|gif);)/i;

/** Every `url(…)` in a CSS or attribute value, unquoted. */
function urlsIn(value: string): string[] {
  return [...value.matchAll(/url\(\s*(['"]?)(.*?)\1\s*\)/gi)].map((m) => m[2] ?? '');
}

const localName = (name: string) => name.slice(name.indexOf(':') + 1);
const outward = (target: string) => `a reference out of the file (\`${target.trim().slice(0, 80)}\`)`;

/** What is wrong with one attribute, if anything. */
function attributeProblems(name: string, value: string): string[] {
  const local = localName(name);
  const problems: string[] = [];
  if (/^on/i.test(local)) problems.push(`an event handler attribute \`${name}\``);
  else if (local.toLowerCase() === 'href' && value.trim() !== '' && !LOCAL_REFERENCE.test(value)) {
    problems.push(outward(value));
  } else if (/^\s*javascript:/i.test(value)) problems.push(outward(value));
  else if (local === 'attributeName' && /^\s*(on|(xlink:)?href\s*$)/i.test(value)) {
    problems.push(`an animation that sets \`${value.trim()}\``);
  }
  for (const url of urlsIn(value)) if (!LOCAL_REFERENCE.test(url)) problems.push(outward(url));
  return problems;
}

class Stop extends Error {}

/** Parses `text` into `findings` (what could run or reach out) and `errors` (what is not XML), stopping at MAX_FINDINGS. */
function scan(text: string, findings: SvgFinding[], errors: SvgFinding[]): void {
  const parser = new SaxesParser({ position: true });
  const add = (list: SvgFinding[], message: string, line = parser.line, column = parser.column + 1) => {
    list.push({ line, column, message });
    if (list.length >= MAX_FINDINGS) throw new Stop();
  };
  let root: string | undefined;
  let tagStart = { line: 1, column: 1 };
  let style: string | undefined;
  parser.on('error', (error) => add(errors, error.message.replace(/^\d+:\d+: /, '').replace(/\.$/, '')));
  parser.on('opentagstart', (tag) => {
    // The event comes after `<name` and the character that ends the name: the tag starts that far back.
    tagStart = { line: parser.line, column: parser.column - tag.name.length - 1 };
    root ??= tag.name;
    const name = localName(tag.name).toLowerCase();
    if (REFUSED_ELEMENTS.has(name)) add(findings, `a <${tag.name}> element`, tagStart.line, tagStart.column);
    if (name === 'style') style = '';
  });
  parser.on('attribute', ({ name, value }) => {
    for (const problem of attributeProblems(name, value)) add(findings, problem);
  });
  const styleText = (text: string) => {
    if (style !== undefined) style += text;
  };
  parser.on('text', styleText);
  parser.on('cdata', styleText);
  parser.on('closetag', (tag) => {
    if (localName(tag.name).toLowerCase() !== 'style' || style === undefined) return;
    if (/@import/i.test(style) || urlsIn(style).some((url) => !LOCAL_REFERENCE.test(url))) {
      add(findings, 'a style sheet that loads from outside the file', tagStart.line, tagStart.column);
    }
    style = undefined;
  });
  parser.on('processinginstruction', ({ target }) => {
    if (/stylesheet/i.test(target)) add(findings, `an \`<?${target}?>\` instruction that loads a style sheet`);
  });
  parser.on('doctype', (doctype) => {
    if (/<!ENTITY/i.test(doctype)) add(findings, 'a DOCTYPE declaring entities');
  });
  parser.write(text).close();
  if (root !== undefined && localName(root) !== 'svg') add(errors, 'the root element is not <svg>', 1, 1);
}

/**
 * What makes an SVG logo unsafe to publish, or malformed; `wellFormed` false when the XML could
 * not be read (then the findings are the parser's errors).
 */
export function checkSvgLogo(text: string): { wellFormed: boolean; findings: SvgFinding[] } {
  const findings: SvgFinding[] = [];
  const errors: SvgFinding[] = [];
  try {
    scan(text, findings, errors);
  } catch (error) {
    if (!(error instanceof Stop)) throw error;
  }
  // A finding of what could run comes first; parse errors matter only when there is none.
  if (findings.length) return { wellFormed: true, findings };
  return { wellFormed: errors.length === 0, findings: errors };
}
