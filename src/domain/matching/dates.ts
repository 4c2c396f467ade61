/**
 * Calendar arithmetic on 'YYYY-MM-DD' strings, by integer arithmetic on the digits (no Date objects:
 * matching a million signals calls these millions of times), so no time zone can shift a day.
 */
import { dayNumber, isoDate } from '../calendar.ts';

function toDate(d: string): Date {
  return new Date(`${d}T00:00:00Z`);
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));
const format = (y: number, m: number, day: number) => `${y < 1000 ? String(y).padStart(4, '0') : y}-${pad2(m)}-${pad2(day)}`;

const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const daysInMonth = (y: number, m: number) => (m === 2 && isLeap(y) ? 29 : MONTH_DAYS[m - 1]!);

const year = (d: string) => Number(d.slice(0, 4));
const month = (d: string) => Number(d.slice(5, 7));
const day = (d: string) => Number(d.slice(8, 10));

export function addDays(d: string, days: number): string {
  return isoDate(dayNumber(year(d), month(d), day(d)) + days);
}

/** Adds months, clamping to the month's last day (31 Jan + 1 month = 28/29 Feb). */
export function addMonths(d: string, months: number): string {
  const total = year(d) * 12 + month(d) - 1 + months;
  const y = Math.floor(total / 12);
  const m = total - y * 12 + 1;
  return format(y, m, Math.min(day(d), daysInMonth(y, m)));
}

/**
 * Working days: Monday to Friday, skipping the Dutch national public holidays that fall on a
 * weekday (Algemene termijnenwet lists them; Easter-dependent ones are computed).
 */
export function addWorkingDays(d: string, days: number): string {
  let x = d;
  let left = days;
  while (left > 0) {
    x = addDays(x, 1);
    if (isWorkingDay(x)) left--;
  }
  return x;
}

function isWorkingDay(d: string): boolean {
  const wd = toDate(d).getUTCDay();
  return wd !== 0 && wd !== 6 && !isPublicHoliday(d);
}

function easterSunday(year: number): string {
  // Anonymous Gregorian algorithm (Meeus/Jones/Butcher).
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
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

const holidayCache = new Map<number, Set<string>>();

/**
 * The general holidays of art. 3 Algemene termijnenwet: New Year's Day, Easter Monday, King's Day,
 * 5 May, Ascension Day, Whit Monday and both Christmas days.
 */
export function isPublicHoliday(d: string): boolean {
  const year = Number(d.slice(0, 4));
  let set = holidayCache.get(year);
  if (!set) {
    const easter = easterSunday(year);
    const kingsDay = `${year}-04-27`;
    // Koningsdag moves to the 26th when the 27th is a Sunday.
    const kings = toDate(kingsDay).getUTCDay() === 0 ? `${year}-04-26` : kingsDay;
    set = new Set([
      `${year}-01-01`,
      addDays(easter, 1),
      kings,
      `${year}-05-05`,
      addDays(easter, 39),
      addDays(easter, 50),
      `${year}-12-25`,
      `${year}-12-26`,
    ]);
    holidayCache.set(year, set);
  }
  return set.has(d);
}

export function monthStart(d: string): string {
  return `${d.slice(0, 7)}-01`;
}

export function monthEnd(d: string): string {
  return addDays(addMonths(monthStart(d), 1), -1);
}
