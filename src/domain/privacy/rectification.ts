import { isValidBsn, isValidPostcode } from '../rules/input-checks.ts';
import type { LocalizedText } from '../rules/judgement.ts';
import { normalisePostcode } from '../signals/normalise.ts';

/** The fields of a signal a resident can have corrected (art. 16 AVG), as the API names them. */
export const RECTIFIABLE_FIELDS = [
  'person.initials',
  'person.givenName',
  'person.prefix',
  'person.surname',
  'address.street',
  'address.houseNumber',
  'address.houseNumberAddition',
  'address.postcode',
  'address.city',
  'phone',
  'email',
  'bsn',
] as const;
export type RectifiableFieldName = (typeof RECTIFIABLE_FIELDS)[number];

/** Why a field was corrected: the resident asked (art. 16 AVG), the sender corrected it, or the BRP shows otherwise. */
export const RECTIFICATION_REASONS = ['resident-request', 'sender-correction', 'brp-differs', 'other'] as const;
export type RectificationReason = (typeof RECTIFICATION_REASONS)[number];

export type RectificationCheck = { ok: true; value: string | null } | { ok: false; message: LocalizedText };

const MAX_LENGTH = 200;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^\+?[0-9 ()-]{6,20}$/;

/**
 * Checks a corrected value the way intake would have: a BSN passes the eleven test, a postcode is
 * Dutch, e-mail and phone look like one. An empty value clears an optional field; the surname,
 * house number and postcode hold the household together and cannot be cleared.
 */
export function checkRectification(field: RectifiableFieldName, raw: string | null): RectificationCheck {
  const value = raw === null ? null : raw.trim();
  if (value === null || value === '') {
    if (field === 'person.surname' || field === 'address.houseNumber' || field === 'address.postcode')
      return { ok: false, message: { nl: `${field} kan niet leeg worden gemaakt: het huishouden wordt daarmee gevonden.`, en: `${field} cannot be cleared: it is how the household is found.` } };
    return { ok: true, value: null };
  }
  if ([...value].some((c) => c.charCodeAt(0) < 32 || c.charCodeAt(0) === 127)) return { ok: false, message: { nl: 'Bevat een stuurteken.', en: 'Contains a control character.' } };
  if (value.length > MAX_LENGTH) return { ok: false, message: { nl: `Te lang (hoogstens ${MAX_LENGTH} tekens).`, en: `Too long (at most ${MAX_LENGTH} characters).` } };
  switch (field) {
    case 'bsn':
      return isValidBsn(value) ? { ok: true, value } : { ok: false, message: { nl: 'Het BSN moet 9 cijfers zijn en de elfproef doorstaan.', en: 'The BSN must be 9 digits and pass the eleven test.' } };
    case 'address.postcode':
      return isValidPostcode(value) ? { ok: true, value: normalisePostcode(value)! } : { ok: false, message: { nl: 'De postcode moet 4 cijfers en 2 letters zijn.', en: 'The postcode must be 4 digits and 2 letters.' } };
    case 'email':
      return EMAIL.test(value) ? { ok: true, value } : { ok: false, message: { nl: 'Geen geldig e-mailadres.', en: 'Not a valid e-mail address.' } };
    case 'phone':
      return PHONE.test(value) ? { ok: true, value } : { ok: false, message: { nl: 'Geen geldig telefoonnummer.', en: 'Not a valid phone number.' } };
    default:
      return { ok: true, value };
  }
}
