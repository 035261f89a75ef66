/**
 * What a preview serves: each country's page, rendered when first asked for and again when its
 * files change, and a version number that the open pages are told about. Every rendering takes
 * the one route (report-pipeline.ts) with the session's one renderer (templates, theme, Liquid
 * engines), made again only when the templates, the theme or the configuration change.
 */

import { isSlug, listCountries } from '../project/paths.js';
import type { BuildFormat, Renderer } from '../render/render-outputs.js';
import { createRenderer } from '../render/render-outputs.js';
import type { CountryPage, PreviewRoute, PreviewSettings } from './country-page.js';
import { renderCountryPage, runPreviewReport } from './country-page.js';

export interface Rendered {
  country: string;
  ms: number;
  errors: number;
  warnings: number;
}

export class PreviewSession {
  version = 0;
  private readonly pages = new Map<string, Promise<CountryPage>>();
  private readonly dirty = new Set<string>();
  private madeRenderer: Promise<Renderer> | undefined;

  constructor(
    public settings: PreviewSettings,
    readonly year: number,
    private readonly onRendered: (rendered: Rendered) => void = () => {},
  ) {}

  /** The session's renderer, made at its first use after a change of templates, theme or configuration. */
  private renderer = (): Promise<Renderer> => {
    if (!this.madeRenderer) {
      const made = createRenderer(this.settings);
      this.madeRenderer = made;
      // A template or theme with a mistake: the next rendering tries again (and names it again).
      made.catch(() => {
        if (this.madeRenderer === made) this.madeRenderer = undefined;
      });
    }
    return this.madeRenderer;
  };

  private route(): PreviewRoute {
    return { settings: this.settings, renderer: this.renderer };
  }

  /** The year's countries (folders with a valid name). */
  async countries(): Promise<string[]> {
    return (await listCountries(this.settings.cwd, this.year).catch((): string[] => [])).filter(isSlug);
  }

  /** A country's page, rendered anew when its files changed since. */
  page(slug: string): Promise<CountryPage> {
    const cached = this.pages.get(slug);
    if (cached && !this.dirty.has(slug)) return cached;
    this.dirty.delete(slug);
    const started = performance.now();
    const next = (async () => {
      const last = await cached?.catch(() => undefined);
      const page = await renderCountryPage(this.route(), this.year, slug, last);
      const errors = page.diagnostics.filter((d) => d.severity === 'error').length;
      this.onRendered({
        country: slug,
        ms: performance.now() - started,
        errors,
        warnings: page.diagnostics.length - errors,
      });
      return page;
    })();
    this.pages.set(slug, next);
    return next;
  }

  /**
   * Files changed (paths relative to the project): the countries whose pages they affect are
   * rendered again now (a form or template affects every page shown so far). Resolves to the
   * countries rendered again.
   */
  async changed(files: readonly string[]): Promise<string[]> {
    const prefix = `reports/${this.year}/`;
    const all = files.some((f) => !f.startsWith(prefix));
    const touched = new Set(
      files.filter((f) => f.startsWith(prefix)).map((f) => f.slice(prefix.length).split('/')[0] ?? ''),
    );
    // A file outside the year's reports (a template, the theme, a logo, the form): a new renderer.
    if (all) this.madeRenderer = undefined;
    const again = [...this.pages.keys()].filter((slug) => all || touched.has(slug));
    for (const slug of again) this.dirty.add(slug);
    await Promise.all(again.map((slug) => this.page(slug).catch(() => undefined)));
    this.version++;
    return again;
  }

  /** New settings (the configuration was saved): every page shown so far is rendered with them from now on. */
  reconfigure(settings: PreviewSettings): void {
    this.settings = settings;
    this.madeRenderer = undefined;
    for (const slug of this.pages.keys()) this.dirty.add(slug);
  }

  /** A download (PDF or Word) of the answers as they are now; undefined when they have errors. */
  async download(slug: string, format: BuildFormat): Promise<Uint8Array | string | undefined> {
    const { carrier, failure } = await runPreviewReport(this.route(), this.year, slug, [format]);
    if (failure !== undefined) throw failure;
    return carrier.outputs?.get(format);
  }
}
