/**
 * Dates as integer day numbers (days since 1970-01-01) and months as integer month numbers
 * (year * 12 + month - 1). Generating millions of signals with Date objects and toISOString is
 * the slowest part of naive code; plain integers and a string cache are not.
 */

/** Days since 1970-01-01 of a civil date (Howard Hinnant's days_from_civil). */
export function dayNumber(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function civil(days: number): [number, number, number] {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [era * 400 + yoe + (m <= 2 ? 1 : 0), m, d];
}

function format(days: number): string {
  const [y, m, d] = civil(days);
  return `${String(y).padStart(4, '0')}-${m < 10 ? '0' : ''}${m}-${d < 10 ? '0' : ''}${d}`;
}

// Birth dates, reminders and signal dates all fall in 1900..2100: an array of their strings.
const CACHE_FIRST = -25567; // 1900-01-01
const CACHE_DAYS = 73049; // up to 2099-12-31
const cache: (string | undefined)[] = new Array<string | undefined>(CACHE_DAYS);

/** 'YYYY-MM-DD' of a day number; cached because the same few thousand days recur millions of times. */
export function isoDate(days: number): string {
  const i = days - CACHE_FIRST;
  if (i < 0 || i >= CACHE_DAYS) return format(days);
  let s = cache[i];
  if (s === undefined) {
    s = format(days);
    cache[i] = s;
  }
  return s;
}

export function parseIsoDate(s: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (m === null) throw new Error(`not a date (YYYY-MM-DD): '${s}'`);
  return dayNumber(Number(m[1]), Number(m[2]), Number(m[3]));
}

/** 'YYYY-MM' → month number. */
export function parseMonth(s: string): number {
  const m = /^(\d{4})-(\d{2})$/.exec(s);
  if (m === null || Number(m[2]) < 1 || Number(m[2]) > 12) throw new Error(`not a month (YYYY-MM): '${s}'`);
  return Number(m[1]) * 12 + Number(m[2]) - 1;
}

export function monthLabel(month: number): string {
  const y = Math.floor(month / 12);
  const m = (month % 12) + 1;
  return `${y}-${m < 10 ? '0' : ''}${m}`;
}

export function firstDayOfMonth(month: number): number {
  return dayNumber(Math.floor(month / 12), (month % 12) + 1, 1);
}

/** Day numbers of the days a creditor may deliver in a month (working days, or every day). */
export function deliveryDays(month: number, weekdaysOnly: boolean): number[] {
  const first = firstDayOfMonth(month);
  const next = firstDayOfMonth(month + 1);
  const out: number[] = [];
  for (let d = first; d < next; d++) {
    // 1970-01-01 was a Thursday: (d + 4) % 7 is 0 on Sundays and 6 on Saturdays.
    const dow = (((d + 4) % 7) + 7) % 7;
    if (!weekdaysOnly || (dow !== 0 && dow !== 6)) out.push(d);
  }
  return out;
}
