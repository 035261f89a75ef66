/**
 * Kosovo 2014 with the cover's metadata of tests/fixtures/cover: authority, contact, date and a
 * PNG logo (examples), used by the cover, Word and golden-image tests.
 */
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { repoRoot } from './cli.js';

export const coverFixture = (name: string) => join(repoRoot, 'tests', 'fixtures', 'cover', name);

/** Writes the fixture's country.yaml (changed by `edit`) into `dir`'s Kosovo 2014 report, and its logo. */
export async function useCoverFixture(dir: string, edit: (text: string) => string = (t) => t): Promise<void> {
  const kosovo = join(dir, 'reports', '2014', 'kosovo');
  await writeFile(join(kosovo, 'country.yaml'), edit(await readFile(coverFixture('country.yaml'), 'utf8')));
  await mkdir(join(dir, 'assets'), { recursive: true });
  await copyFile(coverFixture('logo.png'), join(dir, 'assets', 'logo.png'));
}
