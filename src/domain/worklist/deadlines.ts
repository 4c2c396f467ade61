import { addDays } from '../matching/dates.ts';
import { workingDaysBetween } from '../calendar/dutch-holidays.ts';
import type { CaseStatus } from '../cases/case-status.ts';

/**
 * When a case must be acted on. The legal deadline (offer of a first conversation: 4 weeks, 3
 * working days in a crisis; art. 4 Wgs) is set by matching on the case. A municipality may set
 * its own, stricter target ("contact within 14 days"), counted from the matching date. The case
 * is due at whichever comes first; once picked up (a first contact attempt) the clock stops.
 * The own target counts calendar days (as the setting says, and as the stored due_date the
 * worklist sorts by); the "due soon" warning counts working days (Monday–Friday without Dutch
 * public holidays): three days before a deadline after Easter Monday or Christmas is not three
 * calendar days.
 */
export type DeadlineState = 'done' | 'overdue' | 'over_target' | 'due_soon' | 'on_time';

export interface DeadlineFacts {
  status: CaseStatus;
  legalDeadline: string;
  matchingDate: string;
}

export interface CaseDeadline {
  legalDeadline: string;
  /** The municipality's own target date, when it has one. */
  targetDate: string | null;
  /** The earlier of the two. */
  due: string;
  state: DeadlineState;
  /** Calendar days from today to `due` (negative: late). */
  daysLeft: number;
  /** Working days from today to `due` (negative: late). */
  workingDaysLeft: number;
}

const DUE_SOON_DAYS = 3;

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export function targetDate(matchingDate: string, contactTargetDays: number | null): string | null {
  return contactTargetDays ? addDays(matchingDate, contactTargetDays) : null;
}

export function caseDeadline(c: DeadlineFacts, contactTargetDays: number | null, today: string, dueSoonDays = DUE_SOON_DAYS): CaseDeadline {
  const target = targetDate(c.matchingDate, contactTargetDays);
  const due = target && target < c.legalDeadline ? target : c.legalDeadline;
  const daysLeft = daysBetween(today, due);
  const workingDaysLeft = workingDaysBetween(today, due);
  let state: DeadlineState;
  if (c.status !== 'open') state = 'done';
  else if (today > c.legalDeadline) state = 'overdue';
  else if (target && today > target) state = 'over_target';
  else if (workingDaysLeft <= dueSoonDays) state = 'due_soon';
  else state = 'on_time';
  return { legalDeadline: c.legalDeadline, targetDate: target, due, state, daysLeft, workingDaysLeft };
}

// One formatter for the process: making one costs a millisecond or so, and intake asks the date for every signal.
const DUTCH_DATE = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit' });

// The date only changes on a whole minute (Dutch offsets are whole hours), and intake asks per
// signal: the last minute's answer is kept.
let lastMinute = Number.NaN;
let lastDate = '';

/** Today as 'YYYY-MM-DD' in the Netherlands (deadlines are Dutch calendar days). */
export function dutchToday(now: Date): string {
  const minute = Math.floor(now.getTime() / 60_000);
  if (minute !== lastMinute) {
    lastDate = DUTCH_DATE.format(now);
    lastMinute = minute;
  }
  return lastDate;
}
