/** country.yaml's report metadata: authority, contact, date and logo, each checked with its position. */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadReport } from '../src/model/report.js';
import { repoRoot, runInProcess, withProject } from './helpers/cli.js';
import { validPng } from './helpers/logo-bytes.js';

const COUNTRY = 'reports/2014/kosovo/country.yaml';
/** A small valid PNG (the check reads it all: issue 20). */
const PNG = validPng(2, 2);

async function validateWith(country: string, files: Record<string, string | Buffer> = {}) {
  return withProject({ withKosovo: true }, async ({ dir }) => {
    await writeFile(join(dir, COUNTRY), country);
    for (const [name, content] of Object.entries(files)) {
      await mkdir(join(dir, name, '..'), { recursive: true });
      await writeFile(join(dir, name), content);
    }
    const result = await runInProcess(['validate', '2014', 'kosovo'], dir);
    const loaded = await loadReport({ cwd: dir, packageRoot: repoRoot }, 2014, 'kosovo');
    return { ...result, country: loaded.report?.country, dir };
  });
}

describe('country.yaml metadata', () => {
  it('reads authority, contact, date and a logo inside the project', async () => {
    const result = await validateWith(
      [
        'name: Kosovo',
        'language: en',
        'date: 2015-03-02',
        'authority: Ministry of Justice',
        'contact:',
        '  name: Arta Krasniqi',
        '  email: arta.krasniqi@example.org',
        'logo: assets/ministry.png',
        '',
      ].join('\n'),
      { 'assets/ministry.png': PNG },
    );
    expect(result.exitCode, result.stdout).toBe(0);
    expect(result.stdout).not.toContain('country.yaml');
    expect(result.country).toMatchObject({
      date: '2015-03-02',
      authority: 'Ministry of Justice',
      contact: { name: 'Arta Krasniqi', email: 'arta.krasniqi@example.org' },
      logo: { type: 'png' },
    });
    expect(result.country?.logo?.path.endsWith(join('assets', 'ministry.png'))).toBe(true);
  });

  it.each([
    {
      what: 'an e-mail address that is not one',
      yaml: 'name: Kosovo\ncontact:\n  name: Arta\n  email: arta at example\n',
      at: '4:10',
      message: 'e-mail address',
    },
    {
      what: 'an unknown contact key',
      yaml: 'name: Kosovo\ncontact:\n  name: Arta\n  phone: 1\n',
      at: '4:3',
      message: 'unknown key `phone`',
    },
    {
      what: 'a contact without a name',
      yaml: 'name: Kosovo\ncontact:\n  email: a@example.org\n',
      at: '2:1',
      message: '`name` is missing',
    },
    { what: 'an empty authority', yaml: 'name: Kosovo\nauthority: "  "\n', at: '2:12', message: 'must not be empty' },
    {
      what: 'a logo of another kind',
      yaml: 'name: Kosovo\nlogo: logo.gif\n',
      at: '2:7',
      message: '.png, .jpg, .jpeg or .svg',
    },
    {
      what: 'a logo that is not there',
      yaml: 'name: Kosovo\nlogo: assets/none.png\n',
      at: '2:7',
      message: 'there is no file',
    },
    {
      what: 'a logo outside the project',
      yaml: 'name: Kosovo\nlogo: ../logo.png\n',
      at: '2:7',
      message: 'inside the project',
    },
    {
      what: 'an absolute logo path',
      yaml: 'name: Kosovo\nlogo: /etc/logo.png\n',
      at: '2:7',
      message: 'relative to the project folder',
    },
    {
      what: 'a logo whose content is not its kind',
      yaml: 'name: Kosovo\nlogo: fake.png\n',
      at: '2:7',
      message: 'is not a PNG image',
    },
    { what: 'a JPEG named .svg', yaml: 'name: Kosovo\nlogo: photo.svg\n', at: '2:7', message: 'is a JPEG file' },
  ])('reports $what at its place', async ({ yaml, at, message }) => {
    const result = await validateWith(yaml, {
      'fake.png': 'not an image',
      'photo.svg': Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0]),
    });
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toContain(`${COUNTRY}:${at}  error  `);
    expect(result.stdout).toContain(message);
    expect(result.stdout).not.toMatch(/\n\s+at /);
  });

  it.each([
    ['2015-3-2', 'must be a date written YYYY-MM-DD'],
    ['02.03.2015', 'must be a date written YYYY-MM-DD'],
    ['2015-03-02T10:00:00Z', 'must be a date written YYYY-MM-DD'],
    ['2015-02-30', 'no such day in the calendar'],
  ])('reports the date %s with one error, at its place', async (date, message) => {
    const result = await validateWith(`name: Kosovo\ndate: "${date}"\n`, {});
    expect(result.exitCode).toBe(1);
    const errors = result.stdout.split('\n').filter((line) => line.startsWith(`${COUNTRY}:`));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain(`${COUNTRY}:2:7  error  `);
    expect(errors[0]).toContain(message);
  });
});
