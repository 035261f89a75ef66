import { join } from 'node:path';
import type { Root } from 'mdast';
import type { AnnouncedNote } from '../compose/announced-note.js';
import { withAnnouncedNotes } from '../compose/announced-note.js';
import type { Part } from '../compose/document.js';
import { composeDocument } from '../compose/document.js';
import { unmarkData } from '../compose/localize.js';
import { smartQuotes } from '../compose/smart-quotes.js';
import { stringsFor } from '../compose/strings.js';
import type { TemplateEngine } from '../compose/template.js';
import { createEngine, renderTemplate } from '../compose/template.js';
import { MAX_TEMPLATE_BYTES } from '../compose/template-fs.js';
import { withoutTitleBlock } from '../compose/title-block.js';
import { isError, location } from '../diagnostics/diagnostics.js';
import { UsageError } from '../diagnostics/errors.js';
import { describeBytes, readRegularFile, UnreadableFileError } from '../load/regular-file.js';
import { yieldPoint } from '../load/yield-point.js';
import { linksOutOf } from '../project/config-paths.js';
import { displayPath, templateDirectories } from '../project/paths.js';
import { checkProjectTemplates } from '../project/templates-link.js';
import type { CoverData } from './cover-content.js';
import { coverPageData } from './cover-content.js';
import { projectFonts } from './font-config.js';
import type { PdfOptions } from './pdf.js';
import { themeCss } from './theme/css.js';
import { loadTheme } from './theme/load.js';
import type { Theme } from './theme/schema.js';

export type BuildFormat = 'md' | 'html' | 'pdf' | 'docx';
export type Paper = PdfOptions['paper'];

/** Template engines and shared assets for a build run, reused across reports. */
export interface Renderer {
  markdown: TemplateEngine;
  html: TemplateEngine;
  css: string;
  /** The look of HTML and PDF (theme.yaml: gareport's own with the project's laid over it). */
  theme: Theme;
  /** The template folders, most specific first (for fingerprints). */
  dirs: string[];
  /** Fonts for characters the built-in ones lack: absolute paths or npm packages (issue 10). */
  fonts: string[];
  /** Where npm font packages are looked up from (the project). */
  cwd: string;
}

async function readTemplateFile(cwd: string, dirs: readonly string[], name: string): Promise<string> {
  for (const dir of dirs) {
    const path = join(dir, name);
    if (await linksOutOf(dir, path))
      throw new UsageError(
        `the template ${displayPath(cwd, path)} is a link to a place outside its templates folder; gareport reads only files inside it`,
        'copy the file into the folder instead of linking to it',
      );
    const bytes = await readRegularFile(path, MAX_TEMPLATE_BYTES).catch((error: unknown) => {
      if (!(error instanceof UnreadableFileError)) return undefined;
      throw new UsageError(
        `the template ${displayPath(cwd, path)} is not read: ${error.message}`,
        `a template is a text file of at most ${describeBytes(MAX_TEMPLATE_BYTES)}; replace it with one`,
      );
    });
    if (bytes !== undefined) return bytes.toString('utf8');
  }
  throw new UsageError(`template \`${name}\` was not found`, `looked in ${dirs.join(', ')}`);
}

export async function createRenderer(options: {
  cwd: string;
  packageRoot: string;
  templates?: string | undefined;
  fonts?: readonly string[] | undefined;
  /** The theme, loaded already (and checked) by the command: not read again. */
  theme?: Theme | undefined;
}): Promise<Renderer> {
  await checkProjectTemplates(options.cwd);
  const dirs = templateDirectories(options);
  const { theme, diagnostics } = options.theme ? { theme: options.theme, diagnostics: [] } : await loadTheme(options);
  if (!theme) {
    // `build` and `validate` report every problem of the theme before this; other commands stop at the first.
    const first = diagnostics.find(isError);
    throw new UsageError(first ? `${location(first)}  ${first.message}` : 'the theme has errors', first?.hint);
  }
  return {
    theme,
    fonts: await projectFonts(options.fonts ?? [], dirs, options.cwd),
    cwd: options.cwd,
    markdown: createEngine(dirs, { escapeHtml: false }),
    html: createEngine(dirs, { escapeHtml: true }),
    css: await readTemplateFile(options.cwd, dirs, 'report.css'),
    dirs,
  };
}

/**
 * One document to render: a Markdown template, its data and the parts its markers stand for
 * (answers, headings' identity), plus what the HTML page and PDF need.
 */
export interface DocumentSpec {
  template: string;
  data: { language: string } & Record<string, unknown>;
  parts: readonly Part[];
  /** <title> of the HTML page and the PDF's Title. */
  pageTitle: string;
  description: string;
  pdf: Omit<PdfOptions, 'paper' | 'title' | 'lang' | 'theme' | 'cover'>;
  /** Notes of what was announced the year before, under question A: in the HTML only (issue 12). */
  announced?: readonly AnnouncedNote[] | undefined;
  /** The title page (PDF) and the block at the top of the HTML page, unless the theme turns it off. */
  cover?: CoverData | undefined;
}

/** A document composed: its tree, and the tree with typographic quotes for HTML and PDF. */
export interface Composed {
  tree: Root;
  typeset: Root;
}

/** The compose step: the template's frame with each answer's tree put in its place. */
export async function composeSpec(
  renderer: Renderer,
  spec: DocumentSpec,
  formats: readonly BuildFormat[],
): Promise<Composed> {
  const tree = await composeDocument(renderer.markdown, spec.template, spec.data, spec.parts);
  // HTML and PDF get typographic quotes in the report's language; Markdown and Word keep the text
  // as written (Word is read back by `gareport import`).
  const typeset = formats.includes('html') || formats.includes('pdf') ? smartQuotes(tree, spec.data.language) : tree;
  return { tree, typeset };
}

/** Renders every requested format in memory; nothing is written here. */
export async function renderDocumentFormats(
  renderer: Renderer,
  spec: DocumentSpec,
  formats: readonly BuildFormat[],
  /** `--paper` or the configuration's; the theme's when neither says. */
  chosenPaper: Paper | undefined,
): Promise<Map<BuildFormat, string | Uint8Array>> {
  return renderComposed(renderer, spec, await composeSpec(renderer, spec, formats), formats, chosenPaper);
}

/** The render step: a composed document in every requested format, in memory. */
export async function renderComposed(
  renderer: Renderer,
  spec: DocumentSpec,
  { tree, typeset }: Composed,
  formats: readonly BuildFormat[],
  chosenPaper: Paper | undefined,
): Promise<Map<BuildFormat, string | Uint8Array>> {
  const { theme } = renderer;
  const paper = chosenPaper ?? (theme.paper === 'letter' ? 'LETTER' : 'A4');
  const cover = theme.cover ? spec.cover : undefined;
  const outputs = new Map<BuildFormat, string | Uint8Array>();
  // pdfkit is loaded only when a PDF is asked for (a build worker loads it as it starts).
  const pdf = formats.includes('pdf')
    ? (await import('./pdf.js')).renderPdf(typeset, {
        ...spec.pdf,
        title: spec.pageTitle,
        lang: spec.data.language,
        paper,
        theme,
        cover,
        fonts: renderer.fonts,
        fontsBaseDir: renderer.cwd,
      })
    : undefined;
  const rest = async () => {
    // Each format's code is loaded only when that format is asked for; Ctrl-C is seen between
    // the formats as the PDF is set (see yield-point.ts).
    await yieldPoint();
    if (formats.includes('md')) outputs.set('md', (await import('./markdown.js')).renderMarkdown(tree));
    await yieldPoint();
    if (formats.includes('docx')) {
      // Loaded only when asked for: `docx` is opt-in and the library is large.
      const { renderDocx } = await import('./docx.js');
      outputs.set(
        'docx',
        await renderDocx(tree, { ...spec.pdf, title: spec.pageTitle, lang: spec.data.language, paper, cover }),
      );
    }
    await yieldPoint();
    if (formats.includes('html')) {
      // The year before's announced actions (HTML only) get typographic quotes with the rest.
      const announced = spec.announced ?? [];
      const html = announced.length ? smartQuotes(withAnnouncedNotes(tree, announced), spec.data.language) : typeset;
      const { renderHtmlParts } = await import('./html.js');
      // Under a cover the title block is left out; the rest before the first target is kept.
      const parts = cover
        ? renderHtmlParts(withoutTitleBlock(html), stringsFor(spec.data.language).strings, spec.data.language, {
            underCover: true,
          })
        : renderHtmlParts(html, stringsFor(spec.data.language).strings, spec.data.language);
      const page = {
        // The page template is not composed: its text carries no language marks.
        ...unmarkData(spec.data),
        ...parts,
        css: themeCss(theme, paper) + renderer.css,
        cover: cover ? await coverPageData(cover) : false,
        page_title: spec.pageTitle,
        description: spec.description,
      };
      outputs.set('html', await renderTemplate(renderer.html, 'page.html.liquid', page));
    }
  };
  // Both awaited together, so a failing PDF is never an unhandled rejection while HTML renders.
  const [pdfBytes] = await Promise.all([pdf, rest()]);
  if (pdfBytes) outputs.set('pdf', pdfBytes);
  return outputs;
}
