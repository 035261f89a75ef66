/**
 * The logo a country file names: a PNG, JPEG or SVG file inside the project, given relative to the
 * project folder (the one holding `reports/`). Checked when the country file is read, so `validate`
 * reports a missing, misplaced or mislabelled logo at the `logo:` line.
 */
import { open, realpath } from 'node:fs/promises';
import { extname, isAbsolute, relative, resolve, sep } from 'node:path';
import type { Document } from 'yaml';
import type { Diagnostic } from '../diagnostics/diagnostics.js';
import type { SourceText } from '../load/source-text.js';
import { diagnosticAt } from '../load/source-text.js';
import { nodeAtPath, valueOffsetOf } from '../load/yaml-nodes.js';

export type LogoType = 'png' | 'jpeg' | 'svg';

export interface Logo {
  /** Absolute path of the file. */
  path: string;
  type: LogoType;
}

const EXTENSIONS: Record<string, LogoType> = { '.png': 'png', '.jpg': 'jpeg', '.jpeg': 'jpeg', '.svg': 'svg' };

/** What the first bytes of a file say it is. */
function sniff(head: Buffer): LogoType | undefined {
  if (head.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'png';
  if (head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'jpeg';
  if (/<svg[\s>]/.test(head.toString('utf8'))) return 'svg';
  return undefined;
}

async function readHead(path: string): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(1024);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

function outside(dir: string, path: string): boolean {
  const inside = relative(dir, path);
  return inside === '' || inside === '..' || inside.startsWith(`..${sep}`) || isAbsolute(inside);
}

/** Resolves and checks `logo:`; a problem is an error at the value. */
export async function checkLogo(
  written: string,
  projectDir: string,
  source: SourceText,
  doc: Document.Parsed,
): Promise<{ logo?: Logo; diagnostics: Diagnostic[] }> {
  const at = valueOffsetOf(nodeAtPath(doc, ['logo']));
  const fail = (message: string, hint?: string) => ({
    diagnostics: [diagnosticAt(source, at, 'error', 'invalid-logo', message, hint)],
  });
  const type = EXTENSIONS[extname(written).toLowerCase()];
  if (!type) return fail('the logo must be a .png, .jpg, .jpeg or .svg file');
  if (isAbsolute(written) || /^[A-Za-z]:/.test(written)) {
    return fail('the logo must be given relative to the project folder', 'e.g. `logo: assets/logo.png`');
  }
  const path = resolve(projectDir, written);
  if (outside(projectDir, path)) return fail('the logo must be a file inside the project folder');
  let real: string;
  try {
    real = await realpath(path);
  } catch {
    return fail(
      `there is no file \`${written}\` in the project folder`,
      'the path is relative to the folder holding reports/',
    );
  }
  // A link inside the project may still point out of it.
  if (outside(await realpath(projectDir), real)) return fail('the logo must be a file inside the project folder');
  let head: Buffer;
  try {
    head = await readHead(real);
  } catch {
    return fail(`\`${written}\` cannot be read as a file`);
  }
  const found = sniff(head);
  if (found !== type) {
    return fail(
      found
        ? `\`${written}\` is a ${found.toUpperCase()} file, not what its name says`
        : `\`${written}\` is not a ${type.toUpperCase()} image`,
    );
  }
  // PDFKit draws PNG and JPEG only; the HTML shows an SVG logo as it is.
  const svgInPdf =
    type === 'svg'
      ? [
          diagnosticAt(
            source,
            at,
            'warning',
            'svg-logo',
            'an SVG logo is shown in the HTML report only: the PDF cover cannot draw SVG',
            'give a PNG or JPEG logo (e.g. exported from the SVG at 600 pixels wide) to have it in the PDF too',
          ),
        ]
      : [];
  return { logo: { path: real, type }, diagnostics: svgInPdf };
}
