/**
 * The settings a command runs with: flags, environment, the configuration's values and defaults,
 * in that order. Loads neither YAML nor zod (config.ts reads the file), so a project without a
 * configuration file starts without them (issue 19). Reads no `process`.
 */
import { existsSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { UsageError } from '../diagnostics/errors.js';
import type { RuleSettings } from '../diagnostics/rules.js';
import { didYouMean } from '../diagnostics/suggest.js';
import type { Project } from './locate.js';
import { CONFIG_FILE, PAPER_SIZES, resolveProjectPath } from './locate.js';

export const OUTPUT_FORMATS = ['md', 'html', 'pdf', 'docx'] as const;
/** What `build` writes unless told otherwise: Word output is opt-in. */
export const DEFAULT_FORMATS = ['md', 'html', 'pdf'] as const;

/** The values a configuration file gives (checked by config.ts). */
export interface ConfiguredValues {
  out?: string | undefined;
  formats?: string[] | undefined;
  paper?: string | undefined;
  templates?: string | undefined;
  fonts?: string[] | undefined;
  strict?: boolean | undefined;
  rules?: RuleSettings | undefined;
}

/** A configuration file read: its values, the file as shown, and where in it a value is written. */
export interface ConfiguredSettings {
  config?: ConfiguredValues | undefined;
  shownFile: string;
  /** Line and column of the value at `path` (for `--verbose`). */
  positionOf?: ((path: readonly string[]) => { line: number; column: number }) | undefined;
}

/** Whether a `fonts:` entry names a file or folder (else it names an npm package). */
export function isFontPathEntry(entry: string): boolean {
  return (
    isAbsolute(entry) ||
    entry.startsWith('.') ||
    /\.(?:ttf|otf|ttc|otc|woff2?)$/i.test(entry) ||
    (/[\\/]/.test(entry) && !entry.startsWith('@'))
  );
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
  config?: ConfiguredSettings | undefined;
}

/** Precedence: command-line flag > environment (GAREPORT_*) > config file > default. */
export function resolveSettings(inputs: SettingInputs): Settings {
  const { flags, env, project, cwd } = inputs;
  const loaded = inputs.config;
  const config = loaded?.config;
  const root = project.root;
  const configOrigin = (key: keyof ConfiguredValues): SettingOrigin => {
    const file = loaded?.shownFile ?? CONFIG_FILE;
    if (!loaded?.positionOf) return { kind: 'config', file, line: 0, column: 0 };
    const path = file.endsWith('package.json') ? ['gareport', key] : [key];
    return { kind: 'config', file, ...loaded.positionOf(path) };
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
    if (fromConfig !== undefined) return { value: fromConfig, origin: configOrigin(key as keyof ConfiguredValues) };
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
