import { isContactType, isEndResult, isPartOfDay, type ContactType, type EndResult, type PartOfDay } from './ddas.ts';
import type { CaseStatus } from '../cases/case-status.ts';
import { RESULTS_NOT_PICKED_UP, type CaseResult } from '../ddas/vocabulary.ts';

/**
 * Checks of what a worker records on a case: a contact attempt (DDAS Contactpoging: soort,
 * bereikt, datum, dagdeel), an outcome (DDAS EnumEindresultaat), a note. Each check returns
 * the value or per-field reasons.
 */
export interface ContactAttempt {
  contactType: ContactType;
  reached: boolean;
  date: string;
  partOfDay: PartOfDay | null;
}

export type FieldErrors<K extends string> = Partial<Record<K, string>>;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
function isIsoDate(s: string): boolean {
  if (!ISO_DATE.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

export function parseContactAttempt(
  input: { contactType: string; reached: string; date: string; partOfDay: string },
  limits: { today: string; notBefore: string },
): { value?: ContactAttempt; errors: FieldErrors<'contactType' | 'reached' | 'date' | 'partOfDay'> } {
  const errors: FieldErrors<'contactType' | 'reached' | 'date' | 'partOfDay'> = {};
  if (!isContactType(input.contactType)) errors.contactType = 'choose a DDAS contact type';
  if (input.reached !== 'yes' && input.reached !== 'no') errors.reached = 'say whether the resident was reached';
  if (!isIsoDate(input.date)) errors.date = 'not a date (YYYY-MM-DD)';
  else if (input.date > limits.today) errors.date = 'the date is in the future';
  else if (input.date < limits.notBefore) errors.date = `the date is before the case existed (${limits.notBefore})`;
  if (input.partOfDay !== '' && !isPartOfDay(input.partOfDay)) errors.partOfDay = 'choose morning, afternoon or evening';
  if (Object.keys(errors).length) return { errors };
  return {
    value: { contactType: input.contactType as ContactType, reached: input.reached === 'yes', date: input.date, partOfDay: input.partOfDay === '' ? null : (input.partOfDay as PartOfDay) },
    errors,
  };
}

export function parseOutcome(result: string): { value?: EndResult; errors: FieldErrors<'result'> } {
  return isEndResult(result) ? { value: result, errors: {} } : { errors: { result: 'choose a DDAS end result' } };
}

const NOTE_MAX_LENGTH = 4000;
export function parseNote(body: string): { value?: string; errors: FieldErrors<'body'> } {
  const t = body.trim();
  if (!t) return { errors: { body: 'the note is empty' } };
  if (t.length > NOTE_MAX_LENGTH) return { errors: { body: `the note is longer than ${NOTE_MAX_LENGTH} characters` } };
  return { value: t, errors: {} };
}

/**
 * What a contact attempt does to the case: the first one marks it picked up (DDAS
 * datum_opgepakt: the offer of a first conversation was made), which stops the deadline clock.
 * An administrative step (DDAS 'Administratief': handled without contact) offers nothing, so it
 * does not.
 */
export function afterContactAttempt(c: { status: CaseStatus; pickedUpOn: string | null }, attempt: ContactAttempt): { status: CaseStatus; pickedUpOn: string | null } {
  if (c.status === 'closed' || attempt.contactType === 'Administratief') return c;
  const pickedUpOn = c.pickedUpOn && c.pickedUpOn <= attempt.date ? c.pickedUpOn : attempt.date;
  return { status: 'picked_up', pickedUpOn };
}

/**
 * The DDAS datum_opgepakt a case keeps when it is closed: its own, or — for an end result that means
 * the municipality took the case up (anything but "Niet opgepakt: …", "Inwoner is overleden",
 * "Persoon is geen inwoner (meer)") — the day it was closed. So a case with such a result is never
 * reported as not picked up (definitions.ts, "Picked up").
 */
export function pickedUpOnClosing(pickedUpOn: string | null, result: string, today: string): string | null {
  if (pickedUpOn) return pickedUpOn;
  return RESULTS_NOT_PICKED_UP.has(result as CaseResult) ? null : today;
}
