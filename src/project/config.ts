/**
 * The project's configuration (gareport.config.yaml, or the `gareport` key of package.json):
 * validated with positions, and merged with flags, environment and defaults. Reads no `process`.
 */
import { existsSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import type { Document } from 'yaml';
import * as z from 'zod';
import { objectKeysAt, schemaIssueDiagnostics } from '../check/zod-issues.js';
import type { Diagnostic } from '../diagnostics/diagnostics.js';
import { hasErrors } from '../diagnostics/diagnostics.js';
import { UsageError } from '../diagnostics/errors.js';
import type { RuleSettings } from '../diagnostics/rules.js';
import { RULE_LEVELS, WARNING_RULES } from '../diagnostics/rules.js';
import { didYouMean } from '../diagnostics/suggest.js';
import { readSourceText } from '../load/encoding.js';
import { parseYaml } from '../load/parse-yaml.js';
import type { SourceText } from '../load/source-text.js';
import { diagnosticAt, positionAt } from '../load/source-text.js';
import { nodeAtPath, offsetOf, valueOffsetOf } from '../load/yaml-nodes.js';
import { configPathDiagnostics, isFontPathEntry } from './config-paths.js';
import type { Project } from './locate.js';
import { CONFIG_FILE, PAPER_SIZES, resolveProjectPath } from './locate.js';

export const OUTPUT_FORMATS = ['md', 'html', 'pdf', 'docx'] as const;
/** What `build` writes unless told otherwise: Word output is opt-in. */
export const DEFAULT_FORMATS = ['md', 'html', 'pdf'] as const;

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

export interface LoadedConfig {
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
    return { shownFile, source: read.source, doc, diagnostics };
  }
  diagnostics.push(...unknownRules(read.source, doc, prefix, result.data.rules));
  // Paths stay inside the project, after links are followed (issue 20, item 1).
  const where = { source: read.source, doc, prefix };
  diagnostics.push(...(await configPathDiagnostics(dirname(configFile), result.data, where)));
  if (hasErrors(diagnostics)) return { shownFile, source: read.source, doc, diagnostics };
  return { config: result.data, shownFile, source: read.source, doc, diagnostics };
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

/** Where a setting's value came from, as `--verbose` prints it. */
export type SettingOrigin =
  | { kind: 'flag'; name: string }
  | { kind: 'environment'; name: string }
  | { kind: 'config'; file: string; line: number; column: number }
  | { kind: 'default' };

export interface Setting<T> {
  value: T;
  origin: SettingOrigin;
}

export interface Settings {
  out: Setting<string>;
  formats: Setting<string[]>;
  paper: Setting<string>;
  templates: Setting<string | undefined>;
  fonts: Setting<string[]>;
  strict: Setting<boolean>;
  /** The configuration's `rules:` (warnings set off, warning or error); none without a configuration. */
  rules?: RuleSettings | undefined;
}

/** The values given on the command line, as text; undefined when the flag was not given. */
export interface SettingFlags {
  out?: string | undefined;
  format?: string | undefined;
  paper?: string | undefined;
  templates?: string | undefined;
  fonts?: string | undefined;
  strict?: boolean | undefined;
}

export const ENVIRONMENT = {
  out: 'GAREPORT_OUT',
  formats: 'GAREPORT_FORMATS',
  paper: 'GAREPORT_PAPER',
  templates: 'GAREPORT_TEMPLATES',
  fonts: 'GAREPORT_FONTS',
  strict: 'GAREPORT_STRICT',
} as const;

const FLAG = {
  out: '--out',
  formats: '--format',
  paper: '--paper',
  templates: '--templates',
  fonts: '--fonts',
  strict: '--strict',
} as const;

/** `md,HTML` → ['md', 'html']; an unknown name is a usage error naming where it was written. */
export function parseFormatList(input: string, where: string): string[] {
  const wanted = input
    .split(',')
    .map((f) => f.trim().toLowerCase())
    .filter(Boolean);
  const unknown = wanted.filter((f) => !(OUTPUT_FORMATS as readonly string[]).includes(f));
  if (unknown.length || wanted.length === 0)
    throw new UsageError(
      `unknown output format \`${unknown.join(', ') || input}\` in ${where}`,
      [
        unknown.length === 1 ? didYouMean(unknown[0] ?? '', OUTPUT_FORMATS) : undefined,
        `choose from ${OUTPUT_FORMATS.join(', ')}`,
      ]
        .filter(Boolean)
        .join(' '),
    );
  return [...new Set(wanted)];
}

export function parsePaper(input: string, where: string): string {
  const paper = input.trim().toLowerCase();
  if (!(PAPER_SIZES as readonly string[]).includes(paper))
    throw new UsageError(`unknown paper size \`${input}\` in ${where}`, `choose from ${PAPER_SIZES.join(', ')}`);
  return paper;
}

function parseBoolean(input: string, where: string): boolean {
  const v = input.trim().toLowerCase();
  if (['1', 'true', 'yes', 'on'].includes(v)) return true;
  if (['0', 'false', 'no', 'off', ''].includes(v)) return false;
  throw new UsageError(`\`${input}\` in ${where} is not true or false`, 'write 1 or 0 (or true or false)');
}

/** Font lists on the command line and in GAREPORT_FONTS are separated by commas. */
function parseList(input: string): string[] {
  return input
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

export interface SettingInputs {
  project: Project;
  /** The folder gareport was started in. */
  cwd: string;
  flags: SettingFlags;
  env: Record<string, string | undefined>;
  config?: LoadedConfig | undefined;
}

/** Precedence: command-line flag > environment (GAREPORT_*) > config file > default. */
export function resolveSettings(inputs: SettingInputs): Settings {
  const { flags, env, project, cwd } = inputs;
  const loaded = inputs.config;
  const config = loaded?.config;
  const root = project.root;
  const configOrigin = (key: keyof ConfigFile): SettingOrigin => {
    const file = loaded?.shownFile ?? CONFIG_FILE;
    if (!loaded?.doc || !loaded.source) return { kind: 'config', file, line: 0, column: 0 };
    const path = file.endsWith('package.json') ? ['gareport', key] : [key];
    const { line, column } = positionAt(loaded.source, valueOffsetOf(nodeAtPath(loaded.doc, path)));
    return { kind: 'config', file, line, column };
  };
  function pick<T>(
    key: keyof typeof FLAG,
    flag: string | boolean | undefined,
    fromText: (text: string, where: string) => T,
    fromConfig: T | undefined,
    fallback: T,
  ): Setting<T> {
    if (flag !== undefined)
      return {
        value: typeof flag === 'boolean' ? (flag as T) : fromText(flag, `${FLAG[key]}`),
        origin: { kind: 'flag', name: FLAG[key] },
      };
    const fromEnv = env[ENVIRONMENT[key]];
    if (fromEnv !== undefined && fromEnv !== '')
      return { value: fromText(fromEnv, ENVIRONMENT[key]), origin: { kind: 'environment', name: ENVIRONMENT[key] } };
    if (fromConfig !== undefined) return { value: fromConfig, origin: configOrigin(key as keyof ConfigFile) };
    return { value: fallback, origin: { kind: 'default' } };
  }
  const userPath = (what: string) => (text: string) => resolveProjectPath(root, cwd, text, what);
  const configPath = (input: string | undefined, what: string) =>
    input === undefined ? undefined : resolveProjectPath(root, root, input, what);
  return {
    out: pick('out', flags.out, userPath('output folder'), configPath(config?.out, 'output folder'), join(root, 'out')),
    formats: pick('formats', flags.format, parseFormatList, config?.formats, [...DEFAULT_FORMATS]),
    paper: pick('paper', flags.paper, parsePaper, config?.paper, 'a4'),
    templates: pick<string | undefined>(
      'templates',
      flags.templates,
      userPath('templates folder'),
      configPath(config?.templates, 'templates folder'),
      undefined,
    ),
    fonts: pick(
      'fonts',
      flags.fonts,
      (text) => parseList(text).map((f) => (isFontPath(f, cwd) ? resolve(cwd, f) : f)),
      config?.fonts?.map((f) => (isFontPath(f, root) ? resolve(root, f) : f)),
      [],
    ),
    strict: pick('strict', flags.strict, parseBoolean, config?.strict, false),
    rules: config?.rules,
  };
}

/**
 * A font entry is a file path when it looks like one or a file or folder of that name is there
 * (`fonts: [myfonts]`); otherwise it names an npm font package.
 */
function isFontPath(entry: string, base: string): boolean {
  return isFontPathEntry(entry) || existsSync(join(base, entry));
}

/** One line per setting: `paper = letter  (gareport.config.yaml:3:8)`. */
export function describeSettings(settings: Settings, shown: (path: string) => string): string[] {
  const text = (key: keyof Settings, value: unknown): string => {
    if (value === undefined) return '(none)';
    if (Array.isArray(value))
      return value.length ? value.map((v) => (key === 'fonts' && isAbsolute(v) ? shown(v) : v)).join(',') : '(none)';
    if (key === 'out' || key === 'templates') return shown(String(value));
    return String(value);
  };
  const keys = (Object.keys(settings) as (keyof Settings)[]).filter(
    (key): key is Exclude<keyof Settings, 'rules'> => key !== 'rules',
  );
  return keys.map((key) => {
    const { value, origin } = settings[key];
    const from =
      origin.kind === 'flag'
        ? `flag ${origin.name}`
        : origin.kind === 'environment'
          ? `environment ${origin.name}`
          : origin.kind === 'config'
            ? `${origin.file}${origin.line ? `:${origin.line}:${origin.column}` : ''}`
            : 'default';
    return `${key} = ${text(key, value)}  (${from})`;
  });
}
