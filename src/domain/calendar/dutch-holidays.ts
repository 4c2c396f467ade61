import { dayNumber, isoDate, parseIsoDate } from '../calendar.ts';

/**
 * Dutch public holidays and working days, the calendar every deadline of the platform counts in.
 *
 * Which days: the "algemeen erkende feestdagen" of art. 3 Algemene termijnenwet — Nieuwjaarsdag,
 * Tweede Paasdag, Hemelvaartsdag, Tweede Pinksterdag, Eerste en Tweede Kerstdag, Koningsdag and
 * "de vijfde mei" (Bevrijdingsdag, every year, not only every fifth). Statutory terms such as the
 * three working days of art. 4 Wgs in a crisis are counted under that act, so its list decides.
 * Eerste Paasdag and Eerste Pinksterdag are listed too (they are Sundays and never change a count).
 *
 * Goede Vrijdag is NOT a holiday here: the Algemene termijnenwet does not name it, and the CAO
 * Gemeenten (art. 6.6, 2023) gives municipal staff eight paid holidays — the weekday ones above —
 * without it; offices are open. It is exported by name (goodFriday) for a municipal calendar.
 * Bevrijdingsdag is a day off for municipal staff every year since 2024 (CAO Gemeenten 2023,
 * art. 6.6; before, the local employer decided) and for central government since the cabinet's
 * decision of 12 March 1982 (source: gemeente.nu, "Bevrijdingsdag een betaalde vrije dag", 2024;
 * ambitie.nl quoting minister Plasterk) — and for statutory terms every year under the Atw.
 *
 * Easter by the Anonymous Gregorian algorithm (Meeus/Jones/Butcher); no library: the rule is
 * fifteen lines, fixed since 1583, and date-holidays (the maintained option) brings a YAML rule
 * engine and regional/observance variants for one country's eight days.
 */
export type DutchHoliday =
  | 'nieuwjaarsdag'
  | 'eerstePaasdag'
  | 'tweedePaasdag'
  | 'koningsdag'
  | 'bevrijdingsdag'
  | 'hemelvaartsdag'
  | 'eerstePinksterdag'
  | 'tweedePinksterdag'
  | 'eersteKerstdag'
  | 'tweedeKerstdag';

/** Easter Sunday as a day number (Anonymous Gregorian algorithm). */
function easterSunday(year: number): number {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return dayNumber(year, month, day);
}

/** 0 = Sunday … 6 = Saturday (1970-01-01, day 0, was a Thursday). */
function weekday(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

export function goodFriday(year: number): string {
  return isoDate(easterSunday(year) - 2);
}

/** The public holidays of a year, 'YYYY-MM-DD' → which one, in date order. */
export function dutchPublicHolidays(year: number): Map<string, DutchHoliday> {
  const easter = easterSunday(year);
  // Koningsdag moves to the 26th when the 27th is a Sunday (the rule since the first Koningsdag, 2014).
  const kings = weekday(dayNumber(year, 4, 27)) === 0 ? dayNumber(year, 4, 26) : dayNumber(year, 4, 27);
  const days: Array<[number, DutchHoliday]> = [
    [dayNumber(year, 1, 1), 'nieuwjaarsdag'],
    [easter, 'eerstePaasdag'],
    [easter + 1, 'tweedePaasdag'],
    [kings, 'koningsdag'],
    [dayNumber(year, 5, 5), 'bevrijdingsdag'],
    [easter + 39, 'hemelvaartsdag'],
    [easter + 49, 'eerstePinksterdag'],
    [easter + 50, 'tweedePinksterdag'],
    [dayNumber(year, 12, 25), 'eersteKerstdag'],
    [dayNumber(year, 12, 26), 'tweedeKerstdag'],
  ];
  days.sort((x, y) => x[0] - y[0]);
  return new Map(days.map(([d, name]) => [isoDate(d), name]));
}

const byYear = new Map<number, Map<string, DutchHoliday>>();

export function dutchHoliday(date: string): DutchHoliday | undefined {
  const year = Number(date.slice(0, 4));
  let set = byYear.get(year);
  if (!set) {
    set = dutchPublicHolidays(year);
    byYear.set(year, set);
  }
  return set.get(date);
}

/** Monday to Friday, and not a public holiday. */
export function isWorkingDay(date: string): boolean {
  const wd = weekday(parseIsoDate(date));
  return wd !== 0 && wd !== 6 && dutchHoliday(date) === undefined;
}

/** The date `n` working days after `date` (n ≥ 0; 0: the date itself). */
export function addWorkingDays(date: string, n: number): string {
  let d = parseIsoDate(date);
  let left = n;
  while (left > 0) {
    d++;
    if (isWorkingDay(isoDate(d))) left--;
  }
  return isoDate(d);
}

/** The last working day before `date`. */
export function previousWorkingDay(date: string): string {
  let d = parseIsoDate(date) - 1;
  while (!isWorkingDay(isoDate(d))) d--;
  return isoDate(d);
}

/**
 * Working days from `from` to `to`: the working days after `from` up to and including `to`
 * (Friday → Monday is 1; the same day is 0), negative when `to` is earlier.
 */
export function workingDaysBetween(from: string, to: string): number {
  const a = parseIsoDate(from);
  const b = parseIsoDate(to);
  if (a === b) return 0;
  const [lo, hi, sign] = a < b ? [a, b, 1] : [b, a, -1];
  let n = 0;
  for (let d = lo + 1; d <= hi; d++) if (isWorkingDay(isoDate(d))) n++;
  return sign * n;
}
