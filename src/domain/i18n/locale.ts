/**
 * The languages of the platform: Dutch by default, English available. One list for the web app,
 * the API's problems, refusals and reports, so a new language is added in one place.
 */
export const LOCALES = ['nl', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'nl';

export function isLocale(v: unknown): v is Locale {
  return v === 'nl' || v === 'en';
}
