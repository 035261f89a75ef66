/**
 * One order of countries everywhere (index page, consolidated report): by display name, compared
 * the way people of the form's language sort names (`Česká` next to `Chile`, not after `Κύπρος`).
 */
export function countryCollator(language: string): Intl.Collator {
  let locale = 'en';
  try {
    locale = Intl.Collator.supportedLocalesOf([language])[0] ?? 'en';
  } catch {
    // Not a valid language tag: English order.
  }
  return new Intl.Collator(locale, { sensitivity: 'base', numeric: true });
}
