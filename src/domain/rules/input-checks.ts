/**
 * Syntactic checks on signal values. They sit on the intake hot path (≥ 1M signals/s), so they
 * are char-code loops that allocate nothing, instead of regular expressions.
 */

/** Returned by the parsers for a value that is absent. */
export const ABSENT = -1;
/** Returned by the parsers for a value that is present but malformed. */
export const MALFORMED = -2;

/** Lowest / highest date keys, for open-ended validity windows. */
export const DATE_MIN = 0;
export const DATE_MAX = 99_991_231;

function digit(s: string, i: number): number {
  const c = s.charCodeAt(i) - 48;
  return c >= 0 && c <= 9 ? c : -1;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/**
 * 'YYYY-MM-DD' (a real calendar date) → the integer YYYYMMDD, which orders like the date.
 * Integers instead of Date objects: comparisons are cheap and nothing is allocated.
 */
export function dateKey(value: unknown): number {
  if (value === undefined || value === null || value === '') return ABSENT;
  if (typeof value !== 'string' || value.length !== 10) return MALFORMED;
  // Unsigned comparisons fold the "is it a digit" test into one branch per character.
  const y1 = value.charCodeAt(0) - 48;
  const y2 = value.charCodeAt(1) - 48;
  const y3 = value.charCodeAt(2) - 48;
  const y4 = value.charCodeAt(3) - 48;
  const m1 = value.charCodeAt(5) - 48;
  const m2 = value.charCodeAt(6) - 48;
  const d1 = value.charCodeAt(8) - 48;
  const d2 = value.charCodeAt(9) - 48;
  if (
    (y1 >>> 0) > 9 || (y2 >>> 0) > 9 || (y3 >>> 0) > 9 || (y4 >>> 0) > 9 ||
    (m1 >>> 0) > 9 || (m2 >>> 0) > 9 || (d1 >>> 0) > 9 || (d2 >>> 0) > 9 ||
    value.charCodeAt(4) !== 45 || value.charCodeAt(7) !== 45
  ) {
    return MALFORMED;
  }
  const year = y1 * 1000 + y2 * 100 + y3 * 10 + y4;
  const month = m1 * 10 + m2;
  const day = d1 * 10 + d2;
  if (year < 1000 || month < 1 || month > 12 || day < 1 || (day > 28 && day > daysInMonth(year, month))) return MALFORMED;
  return year * 10000 + month * 100 + day;
}

/** For data files, where a malformed date is a programming error in the rules, not an input error. */
export function requireDateKey(value: string | null | undefined, openEnd: number, what: string): number {
  if (value === null || value === undefined) return openEnd;
  const k = dateKey(value);
  if (k < 0) throw new Error(`${what}: '${String(value)}' is not a date (YYYY-MM-DD)`);
  return k;
}

/** The date key `months` calendar months after `key`; the day is clamped to the month's end (31 Jan + 1 = 28/29 Feb). */
export function addMonths(key: number, months: number): number {
  const year = Math.floor(key / 10000);
  const month = Math.floor(key / 100) % 100;
  const day = key % 100;
  const total = year * 12 + (month - 1) + months;
  const y = Math.floor(total / 12);
  const m = (total % 12) + 1;
  const dim = daysInMonth(y, m);
  return y * 10000 + m * 100 + (day > dim ? dim : day);
}

/** The key `days` days after `key` (days ≥ 0); only used for messages. */
export function addDays(key: number, days: number): number {
  const y = Math.floor(key / 10000);
  const m = Math.floor(key / 100) % 100;
  const d = key % 100;
  const t = new Date(Date.UTC(y, m - 1, d + days));
  return t.getUTCFullYear() * 10000 + (t.getUTCMonth() + 1) * 100 + t.getUTCDate();
}

/** The key `years` years after `key` (29 Feb → 28 Feb). */
export function addYears(key: number, years: number): number {
  return addMonths(key, years * 12);
}

/** YYYYMMDD → 'YYYY-MM-DD' (for messages; not on the accept path). */
export function keyToDate(key: number): string {
  const y = Math.floor(key / 10000);
  const m = Math.floor(key / 100) % 100;
  const d = key % 100;
  return `${y}-${m < 10 ? '0' : ''}${m}-${d < 10 ? '0' : ''}${d}`;
}

/**
 * BSN eleven-test (elfproef): 9 digits d1..d9 with 9·d1 + 8·d2 + … + 2·d8 − d9 ≡ 0 (mod 11).
 * All zeros passes the arithmetic but is never issued, so it is refused too.
 */
export function isValidBsn(value: unknown): boolean {
  if (typeof value !== 'string' || value.length !== 9) return false;
  let sum = 0;
  let nonZero = false;
  for (let i = 0; i < 9; i++) {
    const d = digit(value, i);
    if (d < 0) return false;
    if (d !== 0) nonZero = true;
    sum += i === 8 ? -d : d * (9 - i);
  }
  return nonZero && sum % 11 === 0;
}

function isAsciiLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** Dutch postcode: four digits (first not 0), an optional single space, two letters (either case). */
export function isValidPostcode(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  const n = value.length;
  if (n !== 6 && n !== 7) return false;
  const first = digit(value, 0);
  if (first < 1 || digit(value, 1) < 0 || digit(value, 2) < 0 || digit(value, 3) < 0) return false;
  let i = 4;
  if (n === 7) {
    if (value.charCodeAt(4) !== 32) return false;
    i = 5;
  }
  return isAsciiLetter(value.charCodeAt(i)) && isAsciiLetter(value.charCodeAt(i + 1));
}

/**
 * An amount in euros as delivered: a finite non-negative number, or a decimal string with a dot
 * ('812.50'). Returns the value, ABSENT, or MALFORMED (negative, comma decimal, text, …).
 */
export function parseAmount(value: unknown): number {
  const v = parseAmountUnbounded(value);
  // No household's arrear comes near this; above it, cents no longer fit exactly (JS number, int8 column).
  return v > MAX_AMOUNT_EUROS ? MALFORMED : v;
}

/** The largest amount accepted, in euros (found by fuzzing: 6e42 overflowed the cents column). */
const MAX_AMOUNT_EUROS = 1_000_000_000_000;

function parseAmountUnbounded(value: unknown): number {
  if (value === undefined || value === null || value === '') return ABSENT;
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? value : MALFORMED;
  if (typeof value !== 'string') return MALFORMED;
  const n = value.length;
  let intPart = 0;
  let i = 0;
  let digits = 0;
  for (; i < n; i++) {
    const d = digit(value, i);
    if (d < 0) break;
    intPart = intPart * 10 + d;
    digits++;
  }
  if (digits === 0) return MALFORMED;
  if (i === n) return intPart;
  if (value.charCodeAt(i) !== 46 || i === n - 1) return MALFORMED;
  let frac = 0;
  let scale = 1;
  for (i++; i < n; i++) {
    const d = digit(value, i);
    if (d < 0) return MALFORMED;
    frac = frac * 10 + d;
    scale *= 10;
  }
  return intPart + frac / scale;
}

/** CBS municipality code: 'GM' followed by four digits. */
export function isMunicipalityCode(value: unknown): boolean {
  if (typeof value !== 'string' || value.length !== 6) return false;
  if (value.charCodeAt(0) !== 71 || value.charCodeAt(1) !== 77) return false;
  return digit(value, 2) >= 0 && digit(value, 3) >= 0 && digit(value, 4) >= 0 && digit(value, 5) >= 0;
}

/** True for a string with at least one non-space character. */
export function isNonBlank(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  for (let i = 0; i < value.length; i++) if (value.charCodeAt(i) > 32) return true;
  return false;
}
