/**
 * Test helper: the text two independent readers get back from a PDF, for checking that copying,
 * searching and screen readers get the characters as written (issue 22):
 *
 * - `popplerText`: poppler's `pdftotext` (honours /ActualText), run on a scratch file;
 * - `pdfjsText`: pdf.js `getTextContent` (reads glyphs through ToUnicode, reorders RTL itself),
 *   without artifacts (running header, page number).
 *
 * `readBackNormal` puts both in the form compared with the answer: NFC, and whitespace at line
 * ends collapsed into one space (a line may wrap anywhere a space was).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

/** Whether `pdftotext` (poppler-utils) can be run here. */
export function hasPdftotext(): boolean {
  try {
    execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** pdftotext's text of pages `first`..`last` (its default reading order: words placed by position, lines reordered by its own bidi rule). */
export function popplerText(bytes: Uint8Array, first = 1, last = first): string {
  const dir = mkdtempSync(join(tmpdir(), 'gareport-readback-'));
  try {
    const file = join(dir, 'in.pdf');
    writeFileSync(file, bytes);
    return execFileSync('pdftotext', ['-q', '-enc', 'UTF-8', '-f', String(first), '-l', String(last), file, '-'], {
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', LANG: 'C.UTF-8' },
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** pdf.js's text of page `page`, artifacts left out, a line break after each line. */
export async function pdfjsText(bytes: Uint8Array, page = 1): Promise<string> {
  const doc = await getDocument({ data: bytes.slice(), useSystemFonts: false, disableFontFace: true, verbosity: 0 })
    .promise;
  try {
    const content = await (await doc.getPage(page)).getTextContent({ includeMarkedContent: true });
    let text = '';
    let artifact = 0;
    const stack: boolean[] = [];
    for (const item of content.items) {
      if (!('str' in item)) {
        const marked = item as { type: string; tag?: string };
        if (marked.type === 'endMarkedContent') artifact -= stack.pop() ? 1 : 0;
        else {
          const isArtifact = marked.tag === 'Artifact';
          stack.push(isArtifact);
          if (isArtifact) artifact++;
        }
        continue;
      }
      if (artifact > 0) continue;
      text += item.hasEOL ? `${item.str}\n` : item.str;
    }
    return text;
  } finally {
    await doc.destroy();
  }
}

/**
 * NFC, with each run of whitespace holding a line break (a wrap) made one space, trimmed; and
 * without the bidi embedding controls (U+202A–U+202E) poppler wraps around right-to-left text
 * (and left-to-right text inside it) so that a terminal shows it in the right order: they are
 * poppler's, not the PDF's.
 */
export function readBackNormal(text: string): string {
  return text
    .replace(/[\u202a-\u202e]/g, '')
    .normalize('NFC')
    .replace(/\f/g, '\n')
    .replace(/[ \t]*\n\s*/g, ' ')
    .trim();
}
