/**
 * The logo a country file names: a PNG, JPEG or SVG file inside the project, given relative to the
 * project folder (the one holding `reports/`). Checked when the country file is read, so `validate`
 * reports a missing, misplaced, mislabelled, oversized, damaged or unsafe logo at the `logo:` line,
 * having checked all that the build reads (logo-content.ts, svg-logo.ts; issue 20).
 */
import { realpath } from 'node:fs/promises';
import { extname, isAbsolute, relative, resolve } from 'node:path';
import type { Document } from 'yaml';
import type { Diagnostic } from '../diagnostics/diagnostics.js';
import { readRegularFile, UnreadableFileError } from '../load/regular-file.js';
import type { SourceText } from '../load/source-text.js';
import { diagnosticAt } from '../load/source-text.js';
import { nodeAtPath, valueOffsetOf } from '../load/yaml-nodes.js';
import { isInside } from '../project/inside.js';
import { checkRasterLogo, LOGO_LIMITS, type LogoProblem } from './logo-content.js';

export type LogoType = 'png' | 'jpeg' | 'svg';

/** The SVG check and its XML parser, loaded only for an SVG logo (most countries have none). */
const svgLogo = () => import('./svg-logo.js');

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

/**
 * Reads a logo: opened without blocking (a FIFO would wait for a writer forever) and refused unless
 * a regular file of at most LOGO_LIMITS.bytes, so a device, a folder or a huge file is never read.
 */
export async function readLogoFile(path: string): Promise<Buffer | LogoProblem> {
  try {
    return await readRegularFile(path, LOGO_LIMITS.bytes);
  } catch (error) {
    if (!(error instanceof UnreadableFileError)) throw error;
    return error.reason === 'too-large'
      ? tooLarge(error.size)
      : { message: 'is not a regular file', hint: 'a logo must be an image file' };
  }
}

const MiB = 1024 * 1024;
const tooLarge = (size: number): LogoProblem => ({
  message: `is ${(size / MiB).toFixed(1)} MiB: a logo may be at most ${LOGO_LIMITS.bytes / MiB} MiB`,
  hint: 'save it smaller: 600 pixels wide is plenty for the cover',
});

/**
 * Logos found fit, by the hash of their bytes and type: a build reads a logo when loading the
 * country and again for each format, and a big PNG's check inflates up to 64 MiB (per thread).
 */
const fitLogos = new Set<string>();
const MAX_REMEMBERED = 64;

function fitKey(bytes: Buffer, type: LogoType): string {
  // crypto is loaded for a logo, not by every validate.
  const { createHash } = process.getBuiltinModule('node:crypto');
  return `${type}:${createHash('sha256').update(bytes).digest('hex')}`;
}

function rememberFit(key: string): void {
  if (fitLogos.size >= MAX_REMEMBERED) fitLogos.clear();
  fitLogos.add(key);
}

/** The logo's bytes for a renderer, checked again (the file may have changed since it was loaded); undefined when not fit. */
export async function readLogo(logo: Logo): Promise<Buffer | undefined> {
  try {
    const bytes = await readLogoFile(logo.path);
    if (!Buffer.isBuffer(bytes)) return undefined;
    const key = fitKey(bytes, logo.type);
    if (fitLogos.has(key)) return bytes;
    const unfit =
      logo.type === 'svg'
        ? (await svgLogo()).checkSvgLogo(bytes.toString('utf8')).findings.length > 0
        : checkRasterLogo(bytes, logo.type);
    if (unfit) return undefined;
    rememberFit(key);
    return bytes;
  } catch {
    return undefined;
  }
}

/** The project folder itself is no logo: outside as much as a path that leads out. */
function outside(dir: string, path: string): boolean {
  return relative(dir, path) === '' || !isInside(dir, path);
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
  let bytes: Buffer | LogoProblem;
  try {
    bytes = await readLogoFile(real);
  } catch {
    return fail(`\`${written}\` cannot be read as a file`);
  }
  if (!Buffer.isBuffer(bytes)) return fail(`\`${written}\` ${bytes.message}`, bytes.hint);
  const found = sniff(bytes.subarray(0, 1024));
  if (found !== type) {
    return fail(
      found
        ? `\`${written}\` is a ${found.toUpperCase()} file, not what its name says`
        : `\`${written}\` is not a ${type.toUpperCase()} image`,
    );
  }
  const problems = await contentProblems(written, bytes, type);
  if (problems.length)
    return { diagnostics: problems.map((p) => diagnosticAt(source, at, 'error', 'invalid-logo', p.message, p.hint)) };
  rememberFit(fitKey(bytes, type));
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

/** What is wrong inside the logo, each message naming the file (and for an SVG the place in it). */
async function contentProblems(written: string, bytes: Buffer, type: LogoType): Promise<LogoProblem[]> {
  if (type !== 'svg') {
    const problem = checkRasterLogo(bytes, type);
    return problem ? [{ ...problem, message: `\`${written}\` ${problem.message}` }] : [];
  }
  const { wellFormed, findings } = (await svgLogo()).checkSvgLogo(bytes.toString('utf8'));
  if (!wellFormed) {
    return findings.map((f) => ({
      message: `\`${written}\` is not well-formed XML: ${f.message} at line ${f.line}, column ${f.column}`,
      hint: 'open it in a vector editor and save it again as plain SVG',
    }));
  }
  return findings.map((f) => ({
    message: `\`${written}\` line ${f.line}, column ${f.column}: ${f.message} is not allowed in a logo`,
    hint: 'the SVG is published with the report: export it again as plain SVG without scripts, links or embedded content',
  }));
}
