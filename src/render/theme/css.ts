/**
 * The theme as CSS: custom properties (`:root { --ga-… }`) that report.css uses, and the printed
 * page's size and margins (an `@page` rule cannot use custom properties).
 */
import type { FontFamily, HeadingLevel, Theme } from './schema.js';
import { HEADING_LEVELS } from './schema.js';

/** The family first, then what a reader without it has that looks alike. */
const FAMILY_STACKS: Record<FontFamily, string> = {
  'Noto Serif': '"Noto Serif", "DejaVu Serif", Georgia, Cambria, serif',
  'Noto Sans': '"Noto Sans", "DejaVu Sans", "Segoe UI", Roboto, system-ui, sans-serif',
  'DejaVu Sans': '"DejaVu Sans", "Noto Sans", "Segoe UI", Roboto, system-ui, sans-serif',
  'DejaVu Sans Condensed': '"DejaVu Sans Condensed", "DejaVu Sans", "Noto Sans", "Segoe UI", system-ui, sans-serif',
  'DejaVu Serif': '"DejaVu Serif", "Noto Serif", Georgia, Cambria, serif',
  'DejaVu Serif Condensed': '"DejaVu Serif Condensed", "DejaVu Serif", "Noto Serif", Georgia, serif',
};

/** A number without float noise: 1.5, not 1.4999999999. */
function round(value: number): string {
  return String(Math.round(value * 1000) / 1000);
}

/** The custom properties of a theme, one per line. */
export function themeProperties(theme: Theme): [string, string][] {
  const props: [string, string][] = [
    ['--ga-font-body', FAMILY_STACKS[theme.fonts.body]],
    ['--ga-font-heading', FAMILY_STACKS[theme.fonts.heading]],
    ['--ga-size', `${round(theme.size)}pt`],
    ['--ga-leading', round(theme.leading)],
  ];
  for (const [name, value] of Object.entries(theme.colours)) props.push([`--ga-${name}`, value.toLowerCase()]);
  for (const [side, value] of Object.entries(theme.margins)) props.push([`--ga-margin-${side}`, `${round(value)}pt`]);
  for (const level of HEADING_LEVELS) {
    const style = theme.headings[level as HeadingLevel];
    // Relative to the body text, so a heading keeps its proportion on screen (16 px text) and in print.
    props.push(
      [`--ga-${level}-size`, `${round(style.size / theme.size)}em`],
      [`--ga-${level}-weight`, style.weight === 'bold' ? '700' : '400'],
      [`--ga-${level}-colour`, style.colour.toLowerCase()],
    );
  }
  return props;
}

/** The stylesheet put before report.css; `paper` is the build's (`--paper`), else the theme's. */
export function themeCss(theme: Theme, paper?: 'A4' | 'LETTER'): string {
  const lines = themeProperties(theme).map(([name, value]) => `  ${name}: ${value};`);
  const m = theme.margins;
  const page = `@page { size: ${(paper ?? theme.paper.toUpperCase()) === 'LETTER' ? 'letter' : 'A4'}; margin: ${round(m.top)}pt ${round(m.right)}pt ${round(m.bottom)}pt ${round(m.left)}pt; }`;
  return `/* The theme (theme.yaml). */\n:root {\n${lines.join('\n')}\n}\n${page}\n`;
}
