/** The language of each piece of text in an HTML page, as a screen reader would switch voices. */
import type { Element, Root as HastRoot, RootContent } from 'hast';

/** Every text node of a hast tree with the nearest `lang` around it. */
export function textsWithLang(
  node: HastRoot | Element,
  lang: string,
  out: { text: string; lang: string }[] = [],
): { text: string; lang: string }[] {
  for (const child of node.children as RootContent[]) {
    if (child.type === 'text') out.push({ text: child.value, lang });
    else if (child.type === 'element') {
      const own = child.properties.lang;
      textsWithLang(child, typeof own === 'string' ? own : lang, out);
    }
  }
  return out;
}
