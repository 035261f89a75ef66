/** The year's list of countries, each linked to its preview, with how complete it is. */
import type { Element, ElementContent } from 'hast';
import { toHtml } from 'hast-util-to-html';
import { completeness } from '../model/completeness.js';
import { loadReport } from '../model/report.js';
import type { PreviewSession } from './session.js';

function h(tagName: string, properties: Element['properties'], children: (ElementContent | string)[] = []): Element {
  return {
    type: 'element',
    tagName,
    properties,
    children: children.map((c) => (typeof c === 'string' ? { type: 'text', value: c } : c)),
  };
}

export async function indexPage(session: PreviewSession): Promise<string> {
  const rows: Element[] = [];
  for (const slug of await session.countries()) {
    const loaded = await loadReport(session.settings, session.year, slug);
    const errors = loaded.diagnostics.filter((d) => d.fatal).length;
    const done = loaded.report ? `${completeness(loaded.report.form, loaded.report.answers).percent} % answered` : '';
    rows.push(
      h('li', {}, [
        h('a', { href: `/${slug}/` }, [loaded.name ?? slug]),
        ` ${[done, errors ? `${errors} error${errors === 1 ? '' : 's'}` : ''].filter(Boolean).join(', ')}`,
      ]),
    );
  }
  const body = h('main', {}, [
    h('h1', {}, [`Reports of ${session.year}: preview`]),
    rows.length ? h('ul', {}, rows) : h('p', {}, [`No country has a report for ${session.year} yet.`]),
  ]);
  return `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${session.year} – gareport preview</title></head><body>${toHtml(body)}</body></html>\n`;
}
