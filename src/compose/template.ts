import { Context, Liquid, LiquidError, toPromise, UndefinedVariableError } from 'liquidjs';
import { UsageError } from '../diagnostics/errors.js';
import { closest } from '../diagnostics/suggest.js';
import { fill } from './strings.js';
import { templateFs } from './template-fs.js';

/**
 * Plain text as Markdown that reads back as that text, wherever a template puts it on a line (at
 * its start, after a paragraph line, after a label, in a heading): every character that could start
 * Markdown syntax is backslash-escaped. Line breaks are the caller's to refuse (country.yaml's fields
 * are one line); leading and trailing spaces and tabs, which Markdown drops or reads as code or a
 * line break, are left out.
 */
export function markdownEscape(text: unknown): string {
  return (
    String(text ?? '')
      .replace(/^[ \t]+|[ \t]+$/gm, '')
      .replace(/[\\`*_[\]<>|~]/g, (c) => `\\${c}`)
      // An entity (`&amp;`, `&#35;`) would be read as the character it names.
      .replace(/&(?=#?[A-Za-z0-9]+;)/g, '\\&')
      // `#` runs open a heading at a line's start and close one at its end (`# Title #` loses its `#`).
      .replace(
        /(^|[ \t])(#+)(?=[ \t]|$)/gm,
        (_, before: string, hashes: string) => `${before}${hashes.replace(/#/g, '\\#')}`,
      )
      // At a line's start: setext underlines and thematic breaks (`===`, `---`), list markers (`+ `, `1. `).
      .replace(/^([=+-])/gm, '\\$1')
      .replace(/^(\d+)([.)])(?=[ \t]|$)/gm, '$1\\$2')
  );
}

/** Templates are Liquid files: a sandboxed language (no code runs from a template). */
export type TemplateEngine = Liquid;

/**
 * An engine for one build (a renderer: render-outputs.ts createRenderer): it reads and parses each
 * template once, on first use, and keeps it for the build's other reports; the next build (`build
 * --watch`, the preview) makes engines afresh, so an edited template is seen. After the process's
 * first, an engine costs well under a millisecond to make.
 */
export function createEngine(dirs: string[], options: { escapeHtml: boolean }): TemplateEngine {
  const engine = new Liquid({
    cache: true,
    root: dirs,
    partials: dirs,
    layouts: dirs,
    extname: '.liquid',
    // Regular files within a size limit, inside the template folders (template-fs.ts).
    fs: templateFs,
    strictFilters: true,
    // A misspelt or unknown variable is an error, not an empty string (templates/README.md lists them).
    strictVariables: true,
    // …except where a template asks whether one is there: `{% if row.problem %}`, `| default: …`.
    lenientIf: true,
    ownPropertyOnly: true,
    outputEscape: options.escapeHtml ? 'escape' : undefined,
    // Templates are small; a runaway loop in a custom template must not hang a batch build or fill
    // memory (issue 20, item 4): 10 s of rendering, 1 MB of template text, and 8 M units of
    // liquidjs's allocations (a range's length, array lengths, strings made or escaped by filters),
    // so `(1..10000000)` fails at once; the output itself is capped by CappedEmitter below.
    renderLimit: 10_000,
    parseLimit: 1_000_000,
    memoryLimit: 8 * 1024 * 1024,
  });
  engine.registerFilter('md_escape', markdownEscape);
  // `{{ strings.policy_target | fill: 'number', target.number }}`: placeholders filled by name/value pairs.
  // Plural forms (`{changed, plural, one {…} other {…}}`) follow the template's `language`.
  engine.registerFilter('fill', function (this: { context: Context }, template: unknown, ...pairs: unknown[]) {
    const values: Record<string, string | number> = {};
    for (let i = 0; i + 1 < pairs.length; i += 2) values[String(pairs[i])] = String(pairs[i + 1] ?? '');
    return fill(String(template ?? ''), values, templateLanguage(this));
  });
  return engine;
}

/** A template may write this much more than the text it is given (issue 20, item 4): no report comes near. */
export const MAX_TEMPLATE_OUTPUT = 8 * 1024 * 1024;

class OutputTooLarge extends Error {}

/** liquidjs's emitter with a cap: throws as soon as the output passes `limit` characters. */
class CappedEmitter {
  buffer = '';
  constructor(private readonly limit: number) {}
  write(html: unknown): void {
    this.buffer += typeof html === 'string' ? html : String(html ?? '');
    if (this.buffer.length > this.limit) throw new OutputTooLarge();
  }
}

/** The characters of all strings in `data` (the text a template is given, which it may write out). */
function textLength(data: unknown): number {
  let total = 0;
  const seen = new Set<object>();
  const stack: unknown[] = [data];
  while (stack.length) {
    const value = stack.pop();
    if (typeof value === 'string') total += value.length;
    else if (value && typeof value === 'object' && !seen.has(value)) {
      seen.add(value);
      stack.push(...(Array.isArray(value) ? value : Object.values(value)));
    }
  }
  return total;
}

/**
 * Renders a template file. A mistake in a (project's own) template is the user's to fix, so it is a
 * usage error naming the template and the place, not an internal error.
 */
export async function renderTemplate(engine: TemplateEngine, name: string, data: object): Promise<string> {
  try {
    const templates = await engine.parseFile(name);
    const emitter = new CappedEmitter(MAX_TEMPLATE_OUTPUT + textLength(data));
    await toPromise(
      engine.renderer.renderTemplates(templates, new Context(data, engine.options, {}, { liquid: engine }), emitter),
    );
    return emitter.buffer;
  } catch (error) {
    throw templateError(name, error, data);
  }
}

function templateError(name: string, error: unknown, data: object): unknown {
  if (error instanceof UndefinedVariableError) {
    const [line, column] = error.token.getPosition();
    const variable = /undefined variable: ([^,]+)/.exec(error.message)?.[1] ?? error.token.getText();
    return new UsageError(
      `${name}:${line}:${column}  the template uses \`${variable}\`, which is not a variable templates can use`,
      [variableMeant(variable, data), 'templates/README.md lists every variable; check the spelling']
        .filter(Boolean)
        .join(' '),
    );
  }
  if (error instanceof LiquidError && (error as { originalError?: unknown }).originalError instanceof OutputTooLarge) {
    const [line, column] = error.token.getPosition();
    return new UsageError(
      `the template \`${name}\` writes more than ${MAX_TEMPLATE_OUTPUT / 1024 / 1024} MiB beyond the text it is given, at line:${line}, col:${column}`,
      'a loop (`for`, `tablerow`) runs far too often: check its range',
    );
  }
  if (error instanceof LiquidError) {
    return new UsageError(
      `the template \`${name}\` has an error: ${error.message.split('\n')[0]}`,
      "fix the template, or remove it from your templates/ folder to use gareport's own",
    );
  }
  return error;
}

/** `country.nmae` → "did you mean `country.name`?": the last name corrected among the keys where it is looked up. */
function variableMeant(variable: string, data: object): string | undefined {
  const path = variable.trim().split('.');
  const last = path.pop() ?? '';
  let at: unknown = data;
  for (const key of path) at = typeof at === 'object' && at !== null ? (at as Record<string, unknown>)[key] : undefined;
  if (typeof at !== 'object' || at === null) return undefined;
  const meant = closest(last, Object.keys(at));
  return meant === undefined ? undefined : `did you mean \`${[...path, meant].join('.')}\`?`;
}

/** The `language` variable of the template being rendered, `en` when it has none. */
function templateLanguage(filter: { context: Context }): string {
  try {
    const language = filter.context.getSync(['language']);
    return typeof language === 'string' && language !== '' ? language : 'en';
  } catch {
    return 'en';
  }
}
