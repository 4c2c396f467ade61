/**
 * "Multiple" (meervoudig), one definition for matching, the worklist, the evaluation tables and
 * the simulation's calibration: the Divosa monitor's — a case (melding) is multiple when its
 * address has at least two signals in one calendar month in which the case has a signal. Signals
 * are counted, not creditors: two arrears with one creditor are two signals (the monitor's 11 %
 * counts so, and DDAS exchanges signals, not creditors). The month is the calendar month whatever
 * the municipality's matching period, so that weekly, monthly and continuous matching count alike.
 */
export const MULTIPLE_MIN_SIGNALS = 2;

const monthOf = (d: string) => d.slice(0, 7);

/** Whether a case is multiple: `caseDates` are its signals' dates, `addressDates` those of every signal at its address (its own included). */
export function isMultiple(caseDates: Iterable<string>, addressDates: Iterable<string>): boolean {
  const months = new Set<string>();
  for (const d of caseDates) months.add(monthOf(d));
  if (months.size === 0) return false;
  const perMonth = new Map<string, number>();
  for (const d of addressDates) {
    const m = monthOf(d);
    if (!months.has(m)) continue;
    const n = (perMonth.get(m) ?? 0) + 1;
    if (n >= MULTIPLE_MIN_SIGNALS) return true;
    perMonth.set(m, n);
  }
  return false;
}
