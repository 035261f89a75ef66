import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './cli.js';

/** The 2014 form as Kosovo filled it in: the source the Kosovo answer files were transcribed from. */
export const seedPath = join(repoRoot, 'examples', '2014-kosovo-form.txt');

export function readSeed(): string {
  return readFileSync(seedPath, 'utf8');
}

/**
 * Words of a text, lower-cased, without Markdown markup or punctuation; punctuation-only tokens
 * dropped. Slashes and hyphens separate words too, as a PDF line may break after them.
 */
export function wordsOf(text: string): string[] {
  return text
    .normalize('NFC')
    .toLowerCase()
    .split(/[\s/\-–]+/)
    .map((w) => w.replace(/[^\p{L}\p{N}]+/gu, ''))
    .filter(Boolean);
}

/**
 * The first source word that cannot be found, in order, in the output; undefined if all are there.
 * Returns context so a failure says where the text was lost.
 */
export function firstMissingWord(source: string, output: string): string | undefined {
  const want = wordsOf(source);
  const have = wordsOf(output);
  let j = 0;
  for (let i = 0; i < want.length; i++) {
    const word = want[i];
    while (j < have.length && have[j] !== word) j++;
    if (j === have.length) return `word ${i} "${word}" (after: ${want.slice(Math.max(0, i - 8), i).join(' ')})`;
    j++;
  }
  return undefined;
}

/** The seed without list markers (`1.`, `-`): in HTML they are markup, not text. */
export function withoutListMarkers(text: string): string {
  return text.replace(/^\s*(?:\d+[.)]|[-*•])\s+/gm, '');
}
