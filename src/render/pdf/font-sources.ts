/**
 * Where fallback fonts come from (issue 10), in this order: the fonts named in the project (file
 * paths, folders or installed npm font packages), then the system's fonts, found through
 * fontconfig (`fc-match`) where it exists, else by looking through the usual font folders of
 * Linux, macOS and Windows. Only files are listed here; fallback.ts opens them with fontkit.
 *
 * Results are cached for the process. Everything is sorted, so the same fonts installed give the
 * same choice and the same PDF bytes.
 */
import { existsSync, statSync } from 'node:fs';
import { homedir, platform } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import { fontFilesIn, installedPackage } from '../../project/config-paths.js';

/** A font in a file; `index` is the face's position in a collection (.ttc), else 0. */
export interface FontFile {
  readonly path: string;
  readonly index: number;
}

const FONT_FILE = /\.(?:ttf|otf|ttc|otc)$/i;

/** Whether a `fonts:` entry names a file or folder (else it names an npm package). */
export function isFontPath(entry: string): boolean {
  return (
    isAbsolute(entry) ||
    entry.startsWith('.') ||
    FONT_FILE.test(entry) ||
    (/[\\/]/.test(entry) && !entry.startsWith('@'))
  );
}

export interface FontEntryProblem {
  entry: string;
  /** The file or folder it names, resolved; undefined for an npm package. */
  path?: string | undefined;
  kind: 'missing' | 'not-installed' | 'no-fonts';
  reason: string;
}

export interface ProjectFonts {
  readonly files: readonly string[];
  /** Entries that named no font file, with the reason: nothing there, a package not installed, no font in it. */
  readonly problems: ReadonlyArray<FontEntryProblem>;
}

/**
 * The font files a `fonts:` list names: paths relative to `baseDir` (a file, or a folder whose
 * font files are all used) or npm packages installed for the project (all font files they hold).
 */
export function projectFontFiles(entries: readonly string[], baseDir: string): ProjectFonts {
  const files: string[] = [];
  const problems: FontEntryProblem[] = [];
  for (const entry of entries) {
    if (isFontPath(entry)) {
      const path = resolve(baseDir, entry);
      if (!existsSync(path)) problems.push({ entry, path, kind: 'missing', reason: `no file or folder at ${path}` });
      else if (statSync(path).isDirectory()) {
        const found = fontFilesIn(path);
        if (found.length === 0)
          problems.push({ entry, path, kind: 'no-fonts', reason: 'the folder holds no .ttf, .otf or .ttc file' });
        files.push(...found);
      } else files.push(path);
      continue;
    }
    const folder = installedPackage(baseDir, entry);
    if (folder === undefined) {
      problems.push({ entry, kind: 'not-installed', reason: 'this npm font package is not installed in the project' });
      continue;
    }
    const found = fontFilesIn(folder);
    if (found.length === 0)
      problems.push({ entry, kind: 'no-fonts', reason: 'this npm package holds no .ttf, .otf or .ttc file' });
    files.push(...found);
  }
  return { files, problems };
}

let hasFontconfig: boolean | undefined;
const fcCache = new Map<string, FontFile | null>();

/** fontconfig's best font for a code point (it may still lack the character: callers check). */
function fcMatch(codePoint: number, bold: boolean): FontFile | null {
  const pattern = `sans-serif${bold ? ':bold' : ''}:charset=${codePoint.toString(16)}`;
  const cached = fcCache.get(pattern);
  if (cached !== undefined) return cached;
  let found: FontFile | null = null;
  try {
    // Loaded here, not at start: most runs never ask fontconfig (validate loads this module).
    const { execFileSync } = process.getBuiltinModule('node:child_process');
    const out = execFileSync('fc-match', ['-f', '%{file}\\t%{index}', pattern], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      timeout: 5000,
    });
    const [path, index] = out.split('\t');
    if (path && FONT_FILE.test(path)) found = { path, index: Number(index) || 0 };
    hasFontconfig = true;
  } catch {
    hasFontconfig ??= false;
  }
  fcCache.set(pattern, found);
  return found;
}

/** The usual font folders of the platform. */
function fontFolders(): string[] {
  const home = homedir();
  switch (platform()) {
    case 'darwin':
      return ['/System/Library/Fonts', '/Library/Fonts', join(home, 'Library/Fonts')];
    case 'win32':
      return ['C:\\Windows\\Fonts', join(home, 'AppData/Local/Microsoft/Windows/Fonts')];
    default:
      return ['/usr/share/fonts', '/usr/local/share/fonts', join(home, '.local/share/fonts'), join(home, '.fonts')];
  }
}

let folderFonts: string[] | undefined;

/**
 * System fonts to try for a code point, best first: fontconfig's match when fontconfig is there,
 * else every font file of the usual folders (sorted; the caller opens them lazily and checks).
 */
export function systemFontCandidates(codePoint: number, bold: boolean): FontFile[] {
  if (hasFontconfig !== false) {
    const match = fcMatch(codePoint, bold);
    if (hasFontconfig) return match ? [match] : [];
  }
  folderFonts ??= fontFolders().flatMap((folder) => fontFilesIn(folder));
  return folderFonts.map((path) => ({ path, index: 0 }));
}
