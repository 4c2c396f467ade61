import { dutchToday } from '../worklist/deadlines.ts';

/**
 * How far a signal date may run ahead of the platform's clock: a sender whose clock is a little
 * ahead, just after midnight, is not refused. An hour covers clock drift and time-zone slips; a day
 * later is a date in the future.
 */
const SIGNAL_DATE_CLOCK_TOLERANCE_MINUTES = 60;

/** The latest signal date that is not in the future at `now`: today in the Netherlands, plus the tolerance. */
export function latestSignalDate(now: Date, toleranceMinutes = SIGNAL_DATE_CLOCK_TOLERANCE_MINUTES): string {
  return dutchToday(new Date(now.getTime() + toleranceMinutes * 60_000));
}
