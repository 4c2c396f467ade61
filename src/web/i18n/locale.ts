/** The languages of the web app: Dutch by default, English available (persisted in a cookie). */
export const LOCALES = ['nl', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'nl';
export const LOCALE_COOKIE = 'vs_lang';

export function isLocale(v: unknown): v is Locale {
  return v === 'nl' || v === 'en';
}

/** A dictionary per area: the Dutch text is the source, the English one must have the same keys. */
export type Messages<K extends string> = { nl: Record<K, string>; en: Record<K, string> };

/**
 * Defines an area's texts. Each page area keeps its own dictionary beside its pages (no shared
 * file to edit); `{name}` placeholders are filled from `vars`.
 */
export function defineMessages<K extends string>(m: Messages<K>) {
  return (locale: Locale) =>
    (key: K, vars?: Record<string, string | number>): string => {
      const text = m[locale][key] ?? m.nl[key];
      return vars ? text.replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k] ?? `{${k}}`)) : text;
    };
}

const DATE_FMT = { nl: new Intl.DateTimeFormat('nl-NL', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'Europe/Amsterdam' }), en: new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'Europe/Amsterdam' }) };
const DATETIME_FMT = {
  nl: new Intl.DateTimeFormat('nl-NL', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Amsterdam' }),
  en: new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Amsterdam' }),
};
const MONEY_FMT = { nl: new Intl.NumberFormat('nl-NL', { style: 'currency', currency: 'EUR' }), en: new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'EUR' }) };
const NUMBER_FMT = { nl: new Intl.NumberFormat('nl-NL'), en: new Intl.NumberFormat('en-GB') };

/** A calendar date ('2025-03-14' or a Date) for people. */
export function formatDate(locale: Locale, d: string | Date | null | undefined): string {
  if (!d) return '—';
  const date = typeof d === 'string' ? new Date(d.length === 10 ? `${d}T12:00:00Z` : d) : d;
  return DATE_FMT[locale].format(date);
}
export function formatDateTime(locale: Locale, d: string | Date | null | undefined): string {
  if (!d) return '—';
  return DATETIME_FMT[locale].format(typeof d === 'string' ? new Date(d) : d);
}
export function formatMoneyCents(locale: Locale, cents: number | string | null | undefined): string {
  if (cents === null || cents === undefined) return '—';
  return MONEY_FMT[locale].format(Number(cents) / 100);
}
export function formatNumber(locale: Locale, n: number | string): string {
  return NUMBER_FMT[locale].format(Number(n));
}
