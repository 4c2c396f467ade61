import { addWorkingDays } from '../matching/dates.ts';
import { keyToDate } from './input-checks.ts';

/**
 * The date key `days` working days (Algemene termijnenwet: no weekends, no general holidays) after
 * `key`. Only on the path of signals whose designation has a term in working days, so the string
 * round trip does not matter.
 */
export function addWorkingDaysToKey(key: number, days: number): number {
  return Number(addWorkingDays(keyToDate(key), days).replaceAll('-', ''));
}
