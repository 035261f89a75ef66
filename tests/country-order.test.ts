/** Issue 9 item 7: one order of countries everywhere, by display name (Intl.Collator), not by folder. */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Root, RootContent } from 'hast';
import rehypeParse from 'rehype-parse';
import { unified } from 'unified';
import { expect, it } from 'vitest';
import { writeCountry } from './helpers/answers.js';
import { runInProcess, withProject } from './helpers/cli.js';

// Folder order would be Côte d'Ivoire, Hrvatska, Κύπρος, Česká republika.
const COUNTRIES = [
  ['cote-d-ivoire', "Côte d'Ivoire"],
  ['croatia', 'Hrvatska'],
  ['cyprus', 'Κύπρος'],
  ['czech-republic', 'Česká republika'],
] as const;
const BY_NAME = ['Česká republika', "Côte d'Ivoire", 'Hrvatska', 'Κύπρος'];

const textOf = (node: Root | RootContent): string =>
  node.type === 'text' ? node.value : 'children' in node ? node.children.map(textOf).join('') : '';
function* rows(node: Root | RootContent): Generator<string> {
  if (node.type === 'element' && node.tagName === 'tr') yield textOf(node);
  else if ('children' in node) for (const child of node.children) yield* rows(child);
}

it('the index page and the consolidated report list countries in the same order, by display name', async () => {
  await withProject({}, async ({ dir }) => {
    for (const [slug, name] of COUNTRIES) await writeCountry(dir, slug, name, [`Answer of ${name}.`]);
    const result = await runInProcess(['build', '2014', '--format', 'md,html'], dir);
    expect(result.exitCode).toBe(0);
    const out = (name: string) => readFile(join(dir, 'out', '2014', name), 'utf8');
    const index = unified()
      .use(rehypeParse)
      .parse(await out('index.html'));
    // Each table of the page (links, completeness) lists the countries in that order.
    const indexOrder = [...rows(index)].flatMap((row) => BY_NAME.filter((name) => row.includes(name)));
    expect(indexOrder.length).toBeGreaterThan(0);
    expect(indexOrder).toEqual(Array.from({ length: indexOrder.length / 4 }, () => BY_NAME).flat());
    const markdown = await out('all-countries.md');
    const consolidatedOrder = [...markdown.matchAll(/^##### (.+)$/gm)].slice(0, 4).map((m) => m[1]);
    expect(consolidatedOrder).toEqual(BY_NAME);
    expect(markdown).toContain(`countries, by policy target, operational goal and question: ${BY_NAME.join(', ')}.`);
  });
}, 60_000);
