/**
 * JSON Schemas of theme.yaml and country.yaml, for editors (`gareport schema --theme`, `--country`):
 * generated from the zod schemas that check the files, committed under schemas/, every field
 * described. An independent validator (ajv) accepts gareport's own theme and the repository's
 * country files, and refuses what gareport refuses.
 */
import { readdir, readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { repoRoot, runInProcess, withProject } from './helpers/cli.js';

const SCHEMAS = [
  { flag: '--theme', file: 'theme.schema.json' },
  { flag: '--country', file: 'country.schema.json' },
] as const;

const committed = (file: string) => readFile(join(repoRoot, 'schemas', file), 'utf8');

async function validator(file: string) {
  // `format: email` is checked by the pattern zod writes beside it; editors know the format.
  const ajv = new Ajv({ allErrors: true, validateFormats: false });
  return ajv.compile(JSON.parse(await committed(file)) as object);
}

/** Paths of the properties (at any depth) that have no description. */
function undescribed(schema: unknown, path = ''): string[] {
  if (typeof schema !== 'object' || schema === null) return [];
  const { properties } = schema as { properties?: Record<string, unknown> };
  if (!properties) return [];
  return Object.entries(properties).flatMap(([key, value]) => {
    const here = path ? `${path}.${key}` : key;
    const described = typeof (value as { description?: unknown }).description === 'string';
    return [...(described ? [] : [here]), ...undescribed(value, here)];
  });
}

/** The schema a file's `# yaml-language-server: $schema=…` first line leads to, as an absolute path. */
async function schemaLineTarget(path: string): Promise<string | undefined> {
  const first = (await readFile(path, 'utf8')).split('\n')[0] ?? '';
  const ref = /^# yaml-language-server: \$schema=(\S+)$/.exec(first)?.[1];
  return ref === undefined ? undefined : resolve(dirname(path), ref);
}

describe('gareport schema --theme and --country', () => {
  // In-process: `schema` prints through the binary in tests/commands.test.ts and tests/schema.test.ts.
  it.each(SCHEMAS)('$flag prints the committed schemas/$file', async ({ flag, file }) => {
    const result = await runInProcess(['schema', flag], repoRoot);
    expect(result.exitCode, result.stderr).toBe(0);
    // Byte for byte: regenerate with `gareport schema <flag> --out schemas/<file>`.
    expect(result.stdout).toBe(await committed(file));
  });

  it.each(SCHEMAS)('$file is draft-07 and describes every field', async ({ file }) => {
    const schema = JSON.parse(await committed(file)) as Record<string, unknown>;
    expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
    expect(schema.additionalProperties).toBe(false);
    expect(undescribed(schema)).toEqual([]);
  });

  it('names the fields users write', async () => {
    const theme = JSON.parse(await committed('theme.schema.json')) as { properties: Record<string, unknown> };
    expect(Object.keys(theme.properties)).toEqual(
      expect.arrayContaining(['cover', 'paper', 'fonts', 'size', 'colours', 'margins', 'headings']),
    );
    const country = JSON.parse(await committed('country.schema.json')) as { properties: Record<string, unknown> };
    expect(Object.keys(country.properties)).toEqual(
      expect.arrayContaining(['name', 'language', 'date', 'authority', 'contact', 'logo']),
    );
  });

  it('prints one schema at a time', async () => {
    const result = await runInProcess(['schema', '--theme', '--country'], repoRoot);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('choose one of --theme, --country');
  });
});

describe('the schemas, read by another validator (ajv)', () => {
  it("accept gareport's own theme.yaml and a project's theme that changes a few keys", async () => {
    const validate = await validator('theme.schema.json');
    const own = parse(await readFile(join(repoRoot, 'templates', 'theme.yaml'), 'utf8')) as unknown;
    expect(validate(own), JSON.stringify(validate.errors)).toBe(true);
    const partial = { fonts: { body: 'DejaVu Serif' }, headings: { goal: { colour: '#8a1c1c', weight: 'normal' } } };
    expect(validate(partial), JSON.stringify(validate.errors)).toBe(true);
  });

  it('refuse in a theme what gareport refuses', async () => {
    const validate = await validator('theme.schema.json');
    for (const wrong of [
      { colors: { text: '#111111' } },
      { colours: { text: '#12345' } },
      { margins: { left: -4 } },
      { fonts: { body: 'Comic Sans' } },
      { headings: { goal: { weight: 'heavy' } } },
    ]) {
      expect(validate(wrong), JSON.stringify(wrong)).toBe(false);
    }
  });

  it("accept the repository's country.yaml files and one with every field", async () => {
    const validate = await validator('country.schema.json');
    const reports = join(repoRoot, 'reports');
    const files: string[] = [];
    for (const year of await readdir(reports)) {
      for (const country of await readdir(join(reports, year)))
        files.push(join(reports, year, country, 'country.yaml'));
    }
    files.push(join(repoRoot, 'tests', 'fixtures', 'cover', 'country.yaml'));
    expect(files.length).toBeGreaterThan(1);
    for (const file of files) {
      const data = parse(await readFile(file, 'utf8')) as unknown;
      expect(validate(data), `${file}: ${JSON.stringify(validate.errors)}`).toBe(true);
    }
  });

  it('refuse in a country file what gareport refuses', async () => {
    const validate = await validator('country.schema.json');
    for (const wrong of [
      {},
      { name: '' },
      { name: 'Kosovo', country: 'Kosovo' },
      { name: 'Kosovo', date: '2 March 2015' },
      { name: 'Kosovo', language: 'English' },
      { name: 'Kosovo', contact: { email: 'office@example.org' } },
      { name: 'Kosovo', contact: { name: 'Office', email: 'not an address' } },
    ]) {
      expect(validate(wrong), JSON.stringify(wrong)).toBe(false);
    }
  });
});

describe('the $schema lines', () => {
  it("templates/theme.yaml and the repository's country.yaml lead to the committed schemas", async () => {
    expect(await schemaLineTarget(join(repoRoot, 'templates', 'theme.yaml'))).toBe(
      join(repoRoot, 'schemas', 'theme.schema.json'),
    );
    expect(await schemaLineTarget(join(repoRoot, 'reports', '2014', 'kosovo', 'country.yaml'))).toBe(
      join(repoRoot, 'schemas', 'country.schema.json'),
    );
  });

  it("`gareport init` writes the line in country.yaml, and the schema into the project's schemas/", async () => {
    await withProject({}, async ({ dir }) => {
      const result = await runInProcess(['init', '2014', 'ukraine'], dir);
      expect(result.exitCode, result.stderr).toBe(0);
      expect(result.stdout).toContain('created schemas/country.schema.json');
      const countryFile = join(dir, 'reports', '2014', 'ukraine', 'country.yaml');
      expect((await readFile(countryFile, 'utf8')).split('\n')[0]).toBe(
        '# yaml-language-server: $schema=../../../schemas/country.schema.json',
      );
      const target = await schemaLineTarget(countryFile);
      expect(target).toBe(join(dir, 'schemas', 'country.schema.json'));
      expect(await readFile(target ?? '', 'utf8')).toBe(await committed('country.schema.json'));
    });
  });
});
