import type { Locale } from '../../domain/i18n/index.ts';

// The catalog machinery is shared with the API, refusals and reports (src/domain/i18n); the web app adds its cookie and formats.
export { DEFAULT_LOCALE, isLocale, defineMessages, type Locale, type Messages } from '../../domain/i18n/index.ts';

/** The language a person chose in the web app, persisted in a cookie. */
export const LOCALE_COOKIE = 'vs_lang';

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
