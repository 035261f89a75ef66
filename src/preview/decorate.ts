/**
 * The preview page: the HTML report with, on top of it, a bar (how complete, what is wrong,
 * downloads) and each problem next to its question, as `validate` prints it. Everything added
 * is built as a tree and serialised, so no text from a file reaches the page unescaped.
 */
import type { Element, ElementContent } from 'hast';
import { toHtml } from 'hast-util-to-html';
import type { CountryPage, PlacedDiagnostic } from './country-page.js';

export interface PageFrame {
  year: number;
  /** Links of the bar: the year's list of countries, when there is more than one. */
  index?: string | undefined;
  /** The script's nonce (the page's Content-Security-Policy lets only it run). */
  nonce: string;
  /** The version of the answers this page shows (the script asks for newer ones). */
  version: number;
}

type Child = ElementContent | string;

function h(tagName: string, properties: Element['properties'], children: Child[] = []): Element {
  return {
    type: 'element',
    tagName,
    properties,
    children: children.map((c) => (typeof c === 'string' ? { type: 'text', value: c } : c)),
  };
}

const where = (d: PlacedDiagnostic) => (d.line ? `${d.file}:${d.line}:${d.column}` : d.file);

function problem(d: PlacedDiagnostic, link: boolean): Element {
  const text: Child[] = [
    h('code', {}, [where(d)]),
    ' ',
    h('strong', {}, [d.severity === 'error' ? 'error' : 'warning']),
    ` ${d.message}`,
  ];
  if (d.hint) text.push(h('br', {}), `hint: ${d.hint}`);
  if (link && d.anchor) text.push(' ', h('a', { href: `#${d.anchor}` }, ['↓']));
  return h('li', { className: [`gp-${d.severity === 'error' ? 'error' : 'warning'}`] }, text);
}

function summary(page: CountryPage): Element[] {
  const c = page.completeness;
  if (!c) return [];
  const done = c.answered + c.nothingToReport;
  const total = done + c.unanswered;
  return [
    h('p', { className: ['gp-total'] }, [`${done} of ${total} questions answered (${c.percent} %)`]),
    h(
      'ol',
      { className: ['gp-goals'], ariaLabel: 'answered questions per goal' },
      c.goals.map((g) => {
        const answered = g.answered + g.nothingToReport;
        const all = g.questions.length;
        return h('li', { className: answered < all ? ['gp-open'] : [] }, [
          h('a', { href: `#${g.goal}` }, [g.number]),
          ` ${answered}/${all}`,
        ]);
      }),
    ),
  ];
}

/** The bar at the top of the page. */
function bar(page: CountryPage, frame: PageFrame): Element {
  const errors = page.diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = page.diagnostics.length - errors;
  const status =
    page.html === undefined
      ? 'The answers have errors: fix them to see the report.'
      : page.stale
        ? 'Some files have errors: their answers are shown as they were last without errors (or as not answered).'
        : errors + warnings === 0
          ? 'No problems.'
          : `${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}.`;
  const links: Child[] = [
    h('a', { href: `/${page.slug}/report.pdf`, download: `${page.slug}.pdf` }, ['PDF']),
    ' ',
    h('a', { href: `/${page.slug}/report.docx`, download: `${page.slug}.docx` }, ['Word']),
  ];
  if (frame.index) links.push(' ', h('a', { href: frame.index }, ['All countries']));
  return h('section', { id: 'gareport-preview', ariaLabel: 'gareport preview', dataVersion: String(frame.version) }, [
    h('p', { className: ['gp-head'] }, [h('strong', {}, [`${page.name} ${frame.year}`]), ' · preview · ', ...links]),
    h('p', { className: [page.stale || page.html === undefined ? 'gp-stale' : 'gp-status'], role: 'status' }, [status]),
    ...summary(page),
    ...(page.diagnostics.length
      ? [
          h(
            'ul',
            { className: ['gp-problems'] },
            page.diagnostics.map((d) => problem(d, true)),
          ),
        ]
      : []),
  ]);
}

/** Inserts `html` after the heading whose id is `anchor` (the report's own headings). */
function afterHeading(page: string, anchor: string, html: string): string {
  const open = new RegExp(`<h([1-6])[^>]*\\sid="${anchor.replace(/[^a-z0-9-]/g, '')}"[^>]*>`).exec(page);
  if (!open) return page;
  const close = page.indexOf(`</h${open[1]}>`, open.index);
  if (close < 0) return page;
  const at = close + `</h${open[1]}>`.length;
  return page.slice(0, at) + html + page.slice(at);
}

/** The preview page of a country: its report (or a placeholder) with the bar and the problems in place. */
export function decoratePage(page: CountryPage, frame: PageFrame, style: string, script: string): string {
  let html =
    page.html ??
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${page.slug}</title></head><body><main></main></body></html>`;
  const byAnchor = new Map<string, PlacedDiagnostic[]>();
  const marked = new Set(page.unanswered.map((u) => u.anchor));
  for (const d of page.diagnostics) {
    // A question's "unanswered" warning is what its marker says already.
    if (!d.anchor || (d.code === 'unanswered' && marked.has(d.anchor))) continue;
    byAnchor.set(d.anchor, [...(byAnchor.get(d.anchor) ?? []), d]);
  }
  for (const { anchor, file } of page.unanswered) {
    const [goal, question] = [anchor.slice(0, -2), anchor.slice(-1).toUpperCase()];
    const marker = h('p', { className: ['gp-unanswered'] }, [
      'To answer in ',
      h('code', {}, [file]),
      ` under ${goal}, ${question}`,
    ]);
    html = afterHeading(html, anchor, toHtml(marker));
  }
  for (const [anchor, list] of byAnchor) {
    const aside = h('aside', { className: ['gp-inline'], ariaLabel: 'problems' }, [
      h(
        'ul',
        {},
        list.map((d) => problem(d, false)),
      ),
    ]);
    html = afterHeading(html, anchor, toHtml(aside));
  }
  html = html.replace('</head>', () => `<style>${style}</style>\n</head>`);
  // Inside <main>, after the skip link: the script swaps <main> whole when the answers change.
  html = html.replace(/<main[^>]*>/, (main) => `${main}\n${toHtml(bar(page, frame))}`);
  return html.replace('</body>', () => `<script nonce="${frame.nonce}">${script}</script>\n</body>`);
}
