import { normalisePostcode } from '../signals/normalise.ts';

/** One reminder letter a creditor asks a code for (API and portal CSV). */
export interface ReminderRequest {
  /** The reference the creditor will give the signal, if it sends one. */
  reference: string;
  postcode: string;
  houseNumber?: string | undefined;
  /** The last day of the reminder period: the code works until the end of that day. */
  expiresOn: string;
}

export interface CheckedReminder {
  reference: string;
  postcode: string;
  houseNumber: string | null;
  expiresOn: string;
}

export type ReminderProblem = 'REFERENCE_INVALID' | 'POSTCODE_INVALID' | 'HOUSE_NUMBER_INVALID' | 'EXPIRY_INVALID' | 'EXPIRY_OUT_OF_RANGE';

/** The longest reminder period a code may cover: a year (a reminder is answered in weeks, not years). */
const MAX_DAYS = 366;
const DAY = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** Checks one request against today (Dutch calendar day): the expiry lies after today, at most a year ahead. */
export function checkReminderRequest(r: ReminderRequest, today: string): CheckedReminder | ReminderProblem {
  const reference = typeof r.reference === 'string' ? r.reference.trim() : '';
  if (reference.length === 0 || reference.length > 100) return 'REFERENCE_INVALID';
  const postcode = normalisePostcode(r.postcode);
  if (!postcode) return 'POSTCODE_INVALID';
  const house = r.houseNumber === undefined || r.houseNumber === '' ? null : String(r.houseNumber).trim();
  if (house !== null && !/^[1-9]\d{0,4}$/.test(house)) return 'HOUSE_NUMBER_INVALID';
  if (typeof r.expiresOn !== 'string' || !DAY.test(r.expiresOn) || !new Date(`${r.expiresOn}T00:00:00Z`).toISOString().startsWith(r.expiresOn)) return 'EXPIRY_INVALID';
  const days = (Date.parse(`${r.expiresOn}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000;
  if (days < 1 || days > MAX_DAYS) return 'EXPIRY_OUT_OF_RANGE';
  return { reference, postcode, houseNumber: house, expiresOn: r.expiresOn };
}

/** The moment a code stops working: the end of its last day in the Netherlands (23:59:59 CET is at the latest 23:00 UTC). */
export function expiryMoment(expiresOn: string): Date {
  return new Date(`${expiresOn}T23:00:00Z`);
}

/** The house number as typed by a visitor matches the reminder's (a reminder without one matches any). */
export function houseNumberMatches(reminder: string | null, typed: string): boolean {
  if (reminder === null) return true;
  const m = /^\s*(\d+)/.exec(typed);
  return m !== null && String(Number(m[1])) === reminder;
}
