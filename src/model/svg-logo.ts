/**
 * An SVG logo is published as it is, inside the HTML report (issue 20, item 14). Rather than
 * rewriting it, what could run or reach outside is refused, each finding with its line and column
 * in the SVG: script, event handler attributes (`on…`), <foreignObject> and other embedding
 * elements, references out of the file (an `href` or `url(…)` that is not `#id` or an inline
 * PNG/JPEG/GIF), style sheets that import, `xml-stylesheet`, and a DOCTYPE declaring entities.
 * Parsed with @xmldom/xmldom (with positions), never with regular expressions over the markup.
 */
import { DOMParser } from '@xmldom/xmldom';

export interface SvgFinding {
  line: number;
  column: number;
  message: string;
}

/** At most this many findings are reported for one file. */
const MAX_FINDINGS = 5;

/** Elements that run code or embed another document. */
const REFUSED_ELEMENTS = new Set(['script', 'foreignobject', 'iframe', 'embed', 'object', 'handler', 'listener']);

/** A reference that stays inside the file: a fragment, or an image inlined as data. */
const LOCAL_REFERENCE = /^\s*(#|data:image\/(png|jpeg|gif);)/i;

/** Every `url(…)` in a CSS or attribute value, unquoted. */
function urlsIn(value: string): string[] {
  return [...value.matchAll(/url\(\s*(['"]?)(.*?)\1\s*\)/gi)].map((m) => m[2] ?? '');
}

interface Located {
  lineNumber?: number;
  columnNumber?: number;
}

function at(node: Located, message: string): SvgFinding {
  return { line: node.lineNumber ?? 1, column: node.columnNumber ?? 1, message };
}

const outward = (target: string) => `a reference out of the file (\`${target.slice(0, 80)}\`)`;

/** Findings of one attribute. */
function checkAttribute(attr: Attr & Located, findings: SvgFinding[]): void {
  const name = attr.localName ?? attr.name;
  if (/^on/i.test(name)) findings.push(at(attr, `an event handler attribute \`${attr.name}\``));
  else if (name.toLowerCase() === 'href' && !LOCAL_REFERENCE.test(attr.value) && attr.value.trim() !== '') {
    findings.push(at(attr, outward(attr.value.trim())));
  } else if (/^\s*javascript:/i.test(attr.value)) findings.push(at(attr, outward(attr.value.trim())));
  else if (name === 'attributeName' && /^(on|(xlink:)?href$)/i.test(attr.value.trim())) {
    findings.push(at(attr, `an animation that sets \`${attr.value.trim()}\``));
  }
  for (const url of urlsIn(attr.value)) if (!LOCAL_REFERENCE.test(url)) findings.push(at(attr, outward(url)));
}

/** Findings of one element (not its children). */
function checkElement(element: Element & Located, findings: SvgFinding[]): void {
  const name = (element.localName ?? element.nodeName).toLowerCase();
  if (REFUSED_ELEMENTS.has(name)) {
    findings.push(at(element, `a <${element.localName ?? element.nodeName}> element`));
    return;
  }
  if (name === 'style') {
    const css = element.textContent ?? '';
    if (/@import/i.test(css) || urlsIn(css).some((url) => !LOCAL_REFERENCE.test(url))) {
      findings.push(at(element, 'a style sheet that loads from outside the file'));
    }
  }
  for (const attr of Array.from(element.attributes)) checkAttribute(attr as Attr & Located, findings);
}

/** Walks the document without recursion (an SVG may nest deeply). */
function walk(doc: Document, findings: SvgFinding[]): void {
  const stack: Node[] = [doc];
  while (stack.length && findings.length < MAX_FINDINGS) {
    const node = stack.pop() as Node & Located;
    if (node.nodeType === 1) checkElement(node as unknown as Element & Located, findings);
    else if (node.nodeType === 7 && /stylesheet/i.test(node.nodeName)) {
      findings.push(at(node, `an \`<?${node.nodeName}?>\` instruction that loads a style sheet`));
    }
    const children = Array.from(node.childNodes ?? []);
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i] as Node);
  }
}

/** Parse errors with their place ("…@#[line:6,col:48]" at the end of xmldom's message). */
function parseError(message: string): SvgFinding {
  const place = /@#\[line:(\d+),col:(\d+)\]/.exec(message);
  const text = message
    .replace(/\[xmldom \w+\]\s*/, '')
    .replace(/\s*@#\[.*$/s, '')
    .trim();
  return { line: Number(place?.[1] ?? 1), column: Number(place?.[2] ?? 1), message: text };
}

/**
 * What makes an SVG logo unsafe to publish, or malformed; `wellFormed` false when the XML could
 * not be read (then the findings are the parser's errors).
 */
export function checkSvgLogo(text: string): { wellFormed: boolean; findings: SvgFinding[] } {
  const errors: SvgFinding[] = [];
  const onError = (message: string) => errors.push(parseError(message));
  // xmldom 0.8 keeps no internal subset on the DocumentType node: entities are found in the text.
  const entity = /<!DOCTYPE[^>[]*\[[^\]]*<!ENTITY/i.exec(text);
  if (entity) {
    const before = text.slice(0, entity.index).split('\n');
    const line = before.length;
    const column = (before[before.length - 1]?.length ?? 0) + 1;
    return { wellFormed: true, findings: [{ line, column, message: 'a DOCTYPE declaring entities' }] };
  }
  const doc = new DOMParser({
    locator: {},
    // xmldom only warns about an element left open ("unclosed xml attribute"): a browser shows no image.
    errorHandler: {
      warning: (message: string) => {
        if (/unclosed/.test(message)) errors.push({ ...parseError(message), message: 'an element is not closed' });
      },
      error: onError,
      fatalError: onError,
    },
  }).parseFromString(text, 'image/svg+xml');
  if (errors.length) return { wellFormed: false, findings: errors.slice(0, MAX_FINDINGS) };
  const root = doc.documentElement;
  if (root?.localName !== 'svg') {
    return { wellFormed: false, findings: [{ line: 1, column: 1, message: 'the root element is not <svg>' }] };
  }
  const findings: SvgFinding[] = [];
  walk(doc, findings);
  return { wellFormed: true, findings: findings.slice(0, MAX_FINDINGS) };
}
