/**
 * The matching period (DDAS *matchingperiode*): the span of signal dates one matching takes
 * together, chosen per municipality as the commercial platforms offer it. Continuous matching
 * matches every signal as it arrives and reports per calendar month; weekly matching takes an ISO
 * week (Monday to Sunday) once it is over; monthly matching a calendar month once it is over (RIS
 * practice).
 */
import { dayNumber } from '../calendar.ts';
import { addDays, monthEnd, monthStart } from './dates.ts';

export const MATCHING_MODES = ['continuous', 'weekly', 'monthly'] as const;
export type MatchingMode = (typeof MATCHING_MODES)[number];

export const isMatchingMode = (s: string): s is MatchingMode => (MATCHING_MODES as readonly string[]).includes(s);

export interface MatchingPeriod {
  start: string;
  end: string;
}

/** 0 for Monday … 6 for Sunday (day 0 of the epoch, 1970-01-01, was a Thursday). */
function isoWeekday(d: string): number {
  const n = dayNumber(Number(d.slice(0, 4)), Number(d.slice(5, 7)), Number(d.slice(8, 10)));
  return (((n + 3) % 7) + 7) % 7;
}

/** The Monday of the ISO week a date falls in. */
export function weekStart(d: string): string {
  return addDays(d, -isoWeekday(d));
}

/** The first day of the period a signal date falls in (matching asks this for every signal: no end computed). */
export function periodStartOf(mode: MatchingMode, signalDate: string): string {
  return mode === 'weekly' ? weekStart(signalDate) : monthStart(signalDate);
}

/** The period a signal date falls in: its ISO week in weekly mode, its calendar month otherwise. */
export function matchingPeriodOf(mode: MatchingMode, signalDate: string): MatchingPeriod {
  const start = periodStartOf(mode, signalDate);
  return { start, end: mode === 'weekly' ? addDays(start, 6) : monthEnd(start) };
}

/**
 * The last signal date a matching on `today` takes in: every date when continuous, otherwise the
 * end of the last period that is over (later signals are taken in and held back until theirs is).
 */
export function matchedUntil(mode: MatchingMode, today: string): string {
  if (mode === 'weekly') return addDays(weekStart(today), -1);
  if (mode === 'monthly') return addDays(monthStart(today), -1);
  return '9999-12-31';
}
