/**
 * The shape of src/ (issue 13): folders are the pipeline's steps, in this order, and a module may
 * import only from its own folder or one earlier in the list. The README's Architecture section
 * says the same in prose; this test keeps the two honest.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const LAYERS = [
  'diagnostics',
  'load',
  'check',
  'project',
  'model',
  'compose',
  'render',
  'batch',
  'cycle',
  'import',
  'preview',
  'commands',
  'cli',
] as const;

const srcRoot = resolve(import.meta.dirname, '..', 'src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

const files = sourceFiles(srcRoot);
const IMPORT = /(?:\bfrom\s*|\bimport\s*\(\s*|^\s*import\s+)['"](\.{1,2}\/[^'"]+)['"]/gm;

/** Relative imports of a module, as absolute paths of .ts files. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(IMPORT)].map((m) => resolve(dirname(file), (m[1] as string).replace(/\.js$/, '.ts')));
}

/**
 * Cycles that were there when this test came (issue 13); all are taken apart now, and the list may
 * only shrink: a new cycle fails (type-only imports count too).
 */
const KNOWN_CYCLES: string[] = [];

const layerOf = (file: string): string => relative(srcRoot, file).split('/')[0] as string;
const graph = new Map(files.map((file) => [file, importsOf(file)]));

describe('the folders of src/', () => {
  it('are the pipeline steps, and nothing lives loose in src/', () => {
    for (const file of files) expect(LAYERS as readonly string[], relative(srcRoot, file)).toContain(layerOf(file));
  });

  it('import only from the same step or an earlier one', () => {
    const upward: string[] = [];
    for (const [file, imports] of graph) {
      for (const target of imports) {
        const from = LAYERS.indexOf(layerOf(file) as (typeof LAYERS)[number]);
        const to = LAYERS.indexOf(layerOf(target) as (typeof LAYERS)[number]);
        if (to > from) upward.push(`${relative(srcRoot, file)} → ${relative(srcRoot, target)}`);
      }
    }
    expect(upward).toEqual([]);
  });

  it('have no import cycles', () => {
    const cycles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const visit = (file: string, path: string[]): void => {
      if (state.get(file) === 'done') return;
      if (state.get(file) === 'open') {
        cycles.push([...path.slice(path.indexOf(file)), file].map((f) => relative(srcRoot, f)).join(' → '));
        return;
      }
      state.set(file, 'open');
      for (const target of graph.get(file) ?? []) visit(target, [...path, file]);
      state.set(file, 'done');
    };
    for (const file of files) visit(file, []);
    // A cycle is found from whichever of its files the walk reaches first (and once per import
    // statement): compare each as a set of the same rotation, starting at its first file by name.
    const canonical = (cycle: string): string => {
      const members = cycle.split(' → ').slice(0, -1);
      const start = members.indexOf([...members].sort()[0] as string);
      const rotated = [...members.slice(start), ...members.slice(0, start)];
      return [...rotated, rotated[0]].join(' → ');
    };
    expect([...new Set(cycles.map(canonical))].sort()).toEqual([...new Set(KNOWN_CYCLES.map(canonical))].sort());
  });

  it('never import a command from anywhere but the CLI', () => {
    const offenders = [...graph]
      .filter(([file]) => layerOf(file) !== 'cli')
      .flatMap(([file, imports]) =>
        imports
          .filter((t) => layerOf(t) === 'commands')
          .map((t) => `${relative(srcRoot, file)} → ${relative(srcRoot, t)}`),
      );
    expect(offenders).toEqual([]);
  });

  it('give every module a name of its own', () => {
    const byName = new Map<string, string[]>();
    for (const file of files)
      byName.set(basename(file), [...(byName.get(basename(file)) ?? []), relative(srcRoot, file)]);
    expect([...byName.values()].filter((paths) => paths.length > 1)).toEqual([]);
  });
});
