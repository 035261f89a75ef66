/**
 * The cover (issue 11, part 1): what the PDF's title page and the top of the HTML page show. Made
 * once from the report, in its language, and drawn by each format; the theme's `cover: false`
 * turns it off in both.
 */
import { type Logo, readLogo } from '../model/country-logo.js';

export interface CoverLine {
  /** "Issued by", "Date", "Contact", in the report's language. */
  label: string;
  text: string;
}

export interface CoverData {
  /** The form's title. */
  title: string;
  /** The title's language when it is not the report's (an untranslated form). */
  titleLang?: string | undefined;
  /** The country, in large type. */
  country: string;
  /** "Reporting year 2014", in the report's language. */
  year: string;
  /** Authority, date and contact, those the country file gives. */
  lines: CoverLine[];
  logo?: Logo | undefined;
}

const MEDIA_TYPES = { png: 'image/png', jpeg: 'image/jpeg', svg: 'image/svg+xml' } as const;

/**
 * The logo as a `data:` URL, so the HTML page stays one file with no outside requests. Read checked
 * (at most 2 MiB, an SVG without script or outside references: issue 20); a logo that is no longer
 * fit since it was loaded is left out.
 */
export async function logoDataUrl(logo: Logo | undefined): Promise<string> {
  const bytes = logo && (await readLogo(logo));
  if (!logo || !bytes) return '';
  return `data:${MEDIA_TYPES[logo.type]};base64,${bytes.toString('base64')}`;
}

/** What page.html.liquid gets as `cover`: the cover's text, and the logo as a `data:` URL. */
export async function coverPageData(cover: CoverData): Promise<Record<string, unknown>> {
  return {
    title: cover.title,
    title_lang: cover.titleLang ?? '',
    country: cover.country,
    year: cover.year,
    lines: cover.lines.map((l) => ({ label: l.label, text: l.text })),
    logo: await logoDataUrl(cover.logo),
  };
}
