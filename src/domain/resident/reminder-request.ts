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

/** Why a reminder got no code, in words for the creditor. */
export const REMINDER_PROBLEM_TEXT: Readonly<Record<ReminderProblem | 'REFERENCE_HAS_CODE' | 'REFERENCE_TWICE', { nl: string; en: string }>> = {
  REFERENCE_INVALID: { nl: 'Het kenmerk ontbreekt of is langer dan 100 tekens.', en: 'The reference is missing or longer than 100 characters.' },
  POSTCODE_INVALID: { nl: 'Dit is geen Nederlandse postcode (1234 AB).', en: 'This is not a Dutch postcode (1234 AB).' },
  HOUSE_NUMBER_INVALID: { nl: 'Het huisnummer is geen getal (zonder toevoeging).', en: 'The house number is not a number (without addition).' },
  EXPIRY_INVALID: { nl: 'De einddatum is geen datum (JJJJ-MM-DD).', en: 'The end date is not a date (YYYY-MM-DD).' },
  EXPIRY_OUT_OF_RANGE: { nl: 'De einddatum moet na vandaag liggen en hoogstens een jaar vooruit.', en: 'The end date must lie after today and at most a year ahead.' },
  REFERENCE_HAS_CODE: { nl: 'Voor dit kenmerk is al een code gemaakt; een code hoort bij één aanmaning.', en: 'A code was already made for this reference; a code belongs to one reminder.' },
  REFERENCE_TWICE: { nl: 'Dit kenmerk staat twee keer in de lijst.', en: 'This reference is in the list twice.' },
};
