/**
 * Calendar arithmetic on 'YYYY-MM-DD' strings, by integer arithmetic on the digits (no Date objects:
 * matching a million signals calls these millions of times), so no time zone can shift a day.
 */
import { dayNumber, isoDate } from '../calendar.ts';
import { dutchHoliday } from '../calendar/dutch-holidays.ts';

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

// Working days and holidays live in the calendar (Algemene termijnenwet; src/domain/calendar).
export { addWorkingDays } from '../calendar/dutch-holidays.ts';

export function isPublicHoliday(d: string): boolean {
  return dutchHoliday(d) !== undefined;
}

export function monthStart(d: string): string {
  return `${d.slice(0, 7)}-01`;
}

export function monthEnd(d: string): string {
  return addDays(addMonths(monthStart(d), 1), -1);
}
