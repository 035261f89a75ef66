/**
 * The project's configuration (gareport.config.yaml, or the `gareport` key of package.json):
 * validated with positions; settings.ts merges it with flags, environment and defaults. Reads no `process`.
 */
import { dirname } from 'node:path';
import type { Document } from 'yaml';
import * as z from 'zod';
import { objectKeysAt, schemaIssueDiagnostics } from '../check/zod-issues.js';
import type { Diagnostic } from '../diagnostics/diagnostics.js';
import { hasErrors } from '../diagnostics/diagnostics.js';
import { RULE_LEVELS, WARNING_RULES } from '../diagnostics/rules.js';
import { didYouMean } from '../diagnostics/suggest.js';
import { readSourceText } from '../load/encoding.js';
import { parseYaml } from '../load/parse-yaml.js';
import type { SourceText } from '../load/source-text.js';
import { diagnosticAt, positionAt } from '../load/source-text.js';
import { nodeAtPath, offsetOf, valueOffsetOf } from '../load/yaml-nodes.js';
import { configPathDiagnostics } from './config-paths.js';
import { CONFIG_FILE, PAPER_SIZES } from './locate.js';
import type { ConfiguredSettings } from './settings.js';
import { OUTPUT_FORMATS } from './settings.js';

export const configFileSchema = z
  .object({
    $schema: z.string().optional().describe('the JSON Schema of this file, for editors'),
    out: z.string().min(1).optional().describe('output folder, relative to the project root (default `out`)'),
    formats: z
      .array(z.enum(OUTPUT_FORMATS))
      .min(1)
      .optional()
      .describe('which formats `build` writes (default md, html and pdf; docx is opt-in)'),
    paper: z.enum(PAPER_SIZES).optional().describe('PDF paper size (default a4)'),
    templates: z
      .string()
      .min(1)
      .optional()
      .describe("templates folder that overrides the project's templates/ and gareport's own"),
    fonts: z
      .array(z.string().min(1))
      .optional()
      .describe(
        'font files (relative to the project root) or npm font packages, tried for characters the built-in fonts lack',
      ),
    strict: z.boolean().optional().describe('treat font warnings of `build` as errors'),
    rules: z
      .record(z.string(), z.enum(RULE_LEVELS))
      .optional()
      .describe('warnings by rule id (e.g. `unanswered`), each `off`, `warning` or `error`'),
  })
  .strict();

export type ConfigFile = z.infer<typeof configFileSchema>;

/** JSON Schema (draft-07) of gareport.config.yaml, as text with a trailing newline. */
export function configJsonSchema(): string {
  const schema = {
    ...(z.toJSONSchema(configFileSchema, { target: 'draft-7', io: 'input' }) as Record<string, unknown>),
    title: 'gareport project configuration (gareport.config.yaml, or the `gareport` key of package.json)',
  };
  return `${JSON.stringify(schema, null, 2)}\n`;
}

const CONFIG_HINT = `${CONFIG_FILE} may hold out, formats, paper, templates, fonts, strict and rules; see \`gareport schema --config\``;

/** Lower-cases the names users may write in any case (`PDF`, `A4`), as the command line does. */
function normaliseCase(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  const copy: Record<string, unknown> = { ...value };
  if (typeof copy.paper === 'string') copy.paper = copy.paper.toLowerCase();
  if (typeof copy.rules === 'object' && copy.rules !== null && !Array.isArray(copy.rules))
    copy.rules = Object.fromEntries(
      Object.entries(copy.rules).map(([id, level]) => [id, typeof level === 'string' ? level.toLowerCase() : level]),
    );
  if (Array.isArray(copy.formats))
    copy.formats = copy.formats.map((f: unknown) => (typeof f === 'string' ? f.toLowerCase() : f));
  return copy;
}

export interface LoadedConfig extends ConfiguredSettings {
  config?: ConfigFile;
  /** The file as shown to the user, its text and YAML tree: for positions in `--verbose`. */
  shownFile: string;
  source?: SourceText;
  doc?: Document.Parsed;
  diagnostics: Diagnostic[];
}

/** Reads and validates the project's configuration, with positions; `{}` when there is none. */
export async function loadConfig(configFile: string, shownFile: string): Promise<LoadedConfig> {
  const read = await readSourceText(configFile, shownFile);
  if (!read.source) return { shownFile, diagnostics: read.diagnostics };
  const parsed = parseYaml(read.source);
  const diagnostics = [...read.diagnostics, ...parsed.diagnostics];
  const { doc } = parsed;
  if (!doc) return { shownFile, source: read.source, diagnostics };
  const source = read.source;
  const positionOf = (path: readonly string[]) => positionAt(source, valueOffsetOf(nodeAtPath(doc, [...path])));
  // In package.json only the `gareport` key is ours; positions still point into the whole file.
  const inPackage = configFile.endsWith('package.json');
  const prefix = inPackage ? ['gareport'] : [];
  const whole = doc.toJS() as Record<string, unknown> | null;
  const value = inPackage ? whole?.gareport : (whole ?? {});
  const result = configFileSchema.safeParse(normaliseCase(value));
  if (!result.success) {
    for (const issue of result.error.issues) {
      const shifted = { ...issue, path: [...prefix, ...issue.path] } as typeof issue;
      const keysAt = (path: readonly PropertyKey[]) => objectKeysAt(configFileSchema, path.slice(prefix.length));
      diagnostics.push(...schemaIssueDiagnostics(read.source, doc, shifted, 'invalid-config', CONFIG_HINT, keysAt));
    }
    return { shownFile, source: read.source, doc, positionOf, diagnostics };
  }
  diagnostics.push(...unknownRules(read.source, doc, prefix, result.data.rules));
  // Paths stay inside the project, after links are followed (issue 20, item 1).
  const where = { source: read.source, doc, prefix };
  diagnostics.push(...(await configPathDiagnostics(dirname(configFile), result.data, where)));
  if (hasErrors(diagnostics)) return { shownFile, source: read.source, doc, positionOf, diagnostics };
  return { config: result.data, shownFile, source: read.source, doc, positionOf, diagnostics };
}

/** Rule names under `rules:` that are not the id of a warning, each at its place with "did you mean". */
function unknownRules(
  source: SourceText,
  doc: Document.Parsed,
  prefix: readonly string[],
  rules: Record<string, string> | undefined,
): Diagnostic[] {
  const known = Object.keys(WARNING_RULES);
  return Object.keys(rules ?? {})
    .filter((id) => !known.includes(id))
    .map((id) => {
      const at = nodeAtPath(doc, [...prefix, 'rules', id]);
      const meant = didYouMean(id, known);
      const list = `the rules that can be set are ${known.map((k) => `\`${k}\``).join(', ')}`;
      const hint = meant ? `${meant} ${list}` : list;
      return diagnosticAt(source, offsetOf(at), 'error', 'invalid-config', `unknown rule \`${id}\``, hint);
    });
}

export * from './settings.js';
