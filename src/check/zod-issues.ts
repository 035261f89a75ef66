/**
 * Schema problems (zod issues) in words rather than in the schema library's terms, at the YAML node
 * concerned: the key for an unknown or missing key, the value for a wrong value. One translator for
 * every file; a file type may word its own cases (answer files speak of goals and questions).
 */
import type { Document } from 'yaml';
import { isScalar } from 'yaml';
import * as z from 'zod';
import type { Diagnostic } from '../diagnostics/diagnostics.js';
import { didYouMean } from '../diagnostics/suggest.js';
import type { SourceText } from '../load/source-text.js';
import { diagnosticAt } from '../load/source-text.js';
import type { NodeAt } from '../load/yaml-nodes.js';
import { nodeAtPath, offsetOf, valueOffsetOf } from '../load/yaml-nodes.js';

export type ZodIssue = z.core.$ZodIssue;

/** One problem of an issue, located in the YAML (an issue about unknown keys has one per key). */
export interface IssueSite {
  issue: ZodIssue;
  /** The path of the key or value concerned; for an unknown key, the key's own path. */
  path: readonly PropertyKey[];
  /** The key that is not in the schema, for an `unrecognized_keys` issue. */
  unknownKey?: string;
  /** The deepest node of `path` in the file. */
  at: NodeAt & { depth: number };
  /** The path stops short in the file: the key is not there. */
  missing: boolean;
}

/** What to say about a site, and whether to point at its key (the default) or at its value. */
export interface Wording {
  code: string;
  message: string;
  hint?: string | undefined;
  point?: 'key' | 'value';
  /** What would be right (the keys or values allowed), for machine readers (vfile's `expected`). */
  expected?: string[] | undefined;
}

export type WordIssue = (site: IssueSite) => Wording;

export function issueSites(doc: Document.Parsed, issue: ZodIssue): IssueSite[] {
  const located = (path: readonly PropertyKey[], unknownKey?: string): IssueSite => {
    const at = nodeAtPath(doc, path);
    return { issue, path, unknownKey, at, missing: at.depth < path.length };
  };
  if (issue.code === 'unrecognized_keys') return issue.keys.map((key) => located([...issue.path, key], key));
  return [located(issue.path)];
}

/** The diagnostics of zod issues, worded by `word`. */
export function zodIssueDiagnostics(
  source: SourceText,
  doc: Document.Parsed,
  issues: readonly ZodIssue[],
  word: WordIssue,
): Diagnostic[] {
  return issues.flatMap((issue) =>
    issueSites(doc, issue).map((site) => {
      const { code, message, hint, point, expected } = word(site);
      const offset = point === 'value' ? valueOffsetOf(site.at) : offsetOf(site.at);
      const d = diagnosticAt(source, offset, 'error', code, message, hint);
      if (expected) d.expected = expected;
      if (site.unknownKey !== undefined) d.actual = site.unknownKey;
      return d;
    }),
  );
}

const TYPE_WORDS: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list (lines starting with `- `)',
  object: 'a set of `key: value` lines',
  record: 'a set of `key: value` lines',
};

/** `item 2 of \`countries\``, `` `title` ``, `the file`. */
export function describeKey(path: readonly PropertyKey[]): string {
  const last = path.at(-1);
  if (typeof last === 'number') {
    const parent = path.at(-2);
    return `item ${last + 1}${typeof parent === 'string' ? ` of \`${parent}\`` : ''}`;
  }
  return last === undefined ? 'the file' : `\`${String(last)}\``;
}

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** What is wrong with a value that is there, in words. */
function wrongValue(issue: ZodIssue, at: IssueSite['at'], name: string): string {
  const Name = capital(name);
  switch (issue.code) {
    case 'invalid_type': {
      const expected = TYPE_WORDS[issue.expected] ?? issue.expected;
      if (at.node === null || (isScalar(at.node) && at.node.value === null))
        return `${Name} is empty; it must be ${expected}`;
      return `${Name} must be ${expected}`;
    }
    case 'too_small':
      if (issue.origin === 'string') return `${Name} must not be empty`;
      if (issue.origin === 'array')
        return `${Name} must have at least ${issue.minimum} item${issue.minimum === 1 ? '' : 's'}`;
      return `${Name} must be at least ${issue.minimum}`;
    case 'too_big':
      if (issue.origin === 'string') return `${Name} is too long (at most ${issue.maximum} characters)`;
      if (issue.origin === 'array') return `${Name} has too many items (at most ${issue.maximum})`;
      return `${Name} must be at most ${issue.maximum}`;
    case 'invalid_format':
      return issue.message.startsWith('Invalid') ? `${Name} is not written correctly` : `${Name} ${issue.message}`;
    case 'invalid_value':
      return `${Name} must be ${issue.values.map((v) => `\`${String(v)}\``).join(' or ')}`;
    case 'invalid_key':
      return `${Name} has a key that is not allowed${issue.issues[0] ? `: keys ${issue.issues[0].message}` : ''}`;
    default:
      return `${Name}: ${issue.message}`;
  }
}

/** The general wording, for files with no words of their own (forms, countries, the project settings). */
export function genericMessage(site: IssueSite): Pick<Wording, 'message' | 'point' | 'expected'> {
  const { issue, path, unknownKey, at } = site;
  if (unknownKey !== undefined) return { message: `unknown key \`${unknownKey}\``, point: 'key' };
  if (issue.code === 'invalid_type' && site.missing) {
    const where = at.depth === path.length - 1 && path.length > 1 ? ` in ${describeKey(path.slice(0, -1))}` : '';
    return { message: `${describeKey(path)} is missing${where}`, point: 'key' };
  }
  const expected = issue.code === 'invalid_value' ? issue.values.map(String) : undefined;
  return { message: wrongValue(issue, at, describeKey(path)), point: 'value', expected };
}

/**
 * Diagnostics of zod issues in the general wording, all with one code and hint; with `keysAt` (the
 * keys allowed in the object at a path), an unknown key close to one of them gets "did you mean".
 */
export function schemaIssueDiagnostics(
  source: SourceText,
  doc: Document.Parsed,
  issue: ZodIssue,
  code: string,
  hint?: string,
  keysAt?: (path: readonly PropertyKey[]) => readonly string[],
): Diagnostic[] {
  return zodIssueDiagnostics(source, doc, [issue], (site) => {
    const meant =
      site.unknownKey !== undefined && keysAt ? didYouMean(site.unknownKey, keysAt(site.path.slice(0, -1))) : undefined;
    return { code, hint: meant && hint ? `${meant} ${hint}` : (meant ?? hint), ...genericMessage(site) };
  });
}

/** The keys a zod object schema allows at a path inside it (none where it is not an object). */
export function objectKeysAt(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  let at: z.ZodType = schema;
  for (const segment of path) {
    const inner = unwrap(at);
    if (!(inner instanceof z.ZodObject)) return [];
    const next = (inner.shape as Record<string, z.ZodType>)[String(segment)];
    if (!next) return [];
    at = next;
  }
  const inner = unwrap(at);
  return inner instanceof z.ZodObject ? Object.keys(inner.shape) : [];
}

/** An optional, nullable or defaulted schema's own schema. */
function unwrap(schema: z.ZodType): z.ZodType {
  let at = schema;
  while (at instanceof z.ZodOptional || at instanceof z.ZodNullable || at instanceof z.ZodDefault)
    at = at.unwrap() as z.ZodType;
  return at;
}
