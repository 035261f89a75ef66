// HTML direction of right-to-left answers (issue 10 item 7): blocks holding Hebrew or Arabic get
// dir="auto", read back with an HTML parser.
import type { Element, Root as HastRoot, RootContent } from 'hast';
import rehypeParse from 'rehype-parse';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import { renderHtmlParts } from '../src/render/html.js';

function elements(node: HastRoot | Element, out: Element[] = []): Element[] {
  for (const child of node.children as RootContent[]) {
    if (child.type === 'element') {
      out.push(child);
      elements(child, out);
    }
  }
  return out;
}

const text = (node: Element): string =>
  node.children.map((c) => (c.type === 'text' ? c.value : c.type === 'element' ? text(c) : '')).join('');

describe('renderHtmlParts: right-to-left text', () => {
  const markdown = [
    '## Target',
    'An English paragraph.',
    'המשטרה הקימה יחידה מיוחדת בשנת 2014.',
    '- وحدة حماية الطفل',
    '- an English item',
    '| name | note |\n| --- | --- |\n| משרד המשפטים | Ministry of Justice |',
  ].join('\n\n');
  const tree = unified().use(remarkParse).use(remarkGfm).parse(markdown);
  const html = renderHtmlParts(tree).body;
  const all = elements(unified().use(rehypeParse, { fragment: true }).parse(html));
  const find = (tag: string, fragment: string) => all.find((e) => e.tagName === tag && text(e).includes(fragment));

  it('marks paragraphs, list items and table cells with Hebrew or Arabic text dir="auto"', () => {
    expect(find('p', 'המשטרה')?.properties.dir).toBe('auto');
    expect(find('li', 'وحدة')?.properties.dir).toBe('auto');
    expect(find('td', 'משרד')?.properties.dir).toBe('auto');
  });

  it('leaves left-to-right blocks as they were', () => {
    expect(find('p', 'An English paragraph')?.properties.dir).toBeUndefined();
    expect(find('li', 'an English item')?.properties.dir).toBeUndefined();
    expect(find('td', 'Ministry of Justice')?.properties.dir).toBeUndefined();
    expect(find('h2', 'Target')?.properties.dir).toBeUndefined();
  });
});

describe('renderHtmlParts: answers in another language or script (issue 22)', () => {
  const markdown = [
    '## Target',
    'An English paragraph.',
    'המשטרה הקימה יחידה מיוחדת.',
    'สำนักงานตำรวจแห่งชาติ',
    '- 警察庁サイバー犯罪対策課',
    '- Кіберполіція України',
    '| name | note |\n| --- | --- |\n| ក្រសួងមហាផ្ទៃ | Ministry |',
  ].join('\n\n');
  const tree = unified().use(remarkParse).use(remarkGfm).parse(markdown);
  const parse = (html: string) => elements(unified().use(rehypeParse, { fragment: true }).parse(html));
  const all = parse(renderHtmlParts(tree, undefined, 'en').body);
  const find = (tag: string, fragment: string) => all.find((e) => e.tagName === tag && text(e).includes(fragment));

  it('gives blocks in another script the language it is written for, with dir on right-to-left ones', () => {
    expect(find('p', 'המשטרה')?.properties).toMatchObject({ lang: 'he', dir: 'auto' });
    expect(find('p', 'สำนักงาน')?.properties.lang).toBe('th');
    expect(find('li', '警察庁')?.properties.lang).toBe('ja');
    expect(find('td', 'ក្រសួង')?.properties.lang).toBe('km');
  });

  it('says nothing of text in the page language, nor of Latin or Cyrillic text (in many languages)', () => {
    expect(find('p', 'An English paragraph')?.properties.lang).toBeUndefined();
    expect(find('li', 'Кіберполіція')?.properties.lang).toBeUndefined();
    expect(find('td', 'Ministry')?.properties.lang).toBeUndefined();
  });

  it('leaves text in the page language’s own script alone (a Hebrew page)', () => {
    const hebrew = parse(renderHtmlParts(tree, undefined, 'he').body);
    expect(hebrew.find((e) => e.tagName === 'p' && text(e).includes('המשטרה'))?.properties.lang).toBeUndefined();
  });
});
