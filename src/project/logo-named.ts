/**
 * Whether a country.yaml could name a logo, without parsing it: most name none, and a build's plan
 * asks this of every country (a parse each was a third of a no-op build of 54 countries, issue 19).
 */

/**
 * False when the text can hold no key `logo`: such a key is spelt out in the text (plain, quoted,
 * in a flow mapping or under an anchor) or escaped in double quotes (`"l\x6fgo"`).
 */
export function mayNameLogo(text: string): boolean {
  return text.includes('logo') || text.includes('\\');
}
