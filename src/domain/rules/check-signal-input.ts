import { ABSENT, dateKey, isMunicipalityCode, isNonBlank, isValidBsn, isValidPostcode, MALFORMED, parseAmount } from './input-checks.ts';
import type { Refusal } from './judgement.ts';
import { fieldBit } from './field-keys.ts';
import { makeRefusal } from './refusal-factory.ts';

/**
 * The rule-independent part of judging a signal: the syntax of every value (input errors) and the
 * values parsed once for the rule checks. Writes into one reused `ParsedSignal` so that a valid
 * signal allocates nothing; evaluate() is synchronous, so sharing it is safe.
 */

export type Bag = Record<string, unknown>;

export interface ParsedSignal {
  /** YYYYMMDD keys; ABSENT or MALFORMED when not a date. */
  date: number;
  arrearStart: number;
  personalContact: number;
  referral: number;
  reminder: number;
  /** Euros; ABSENT or MALFORMED. */
  amount: number;
  componentSum: number;
  hasComponents: boolean;
  /** true / false / undefined, or MALFORMED. */
  agreement: unknown;
  /** 'none' | 'not_negative' | 'objected' | undefined, or MALFORMED. */
  response: unknown;
  /** A well-formed CBS code, if any. */
  municipality: string | undefined;
  /** signalType, when a string. */
  type: string | undefined;
  /** onBehalfOf, when a non-empty string. */
  onBehalfOf: string | undefined;
  /** Bits (fieldBit) of the personal-data fields that carry a value. */
  present: number;
}

export const parsed: ParsedSignal = {
  date: 0,
  arrearStart: 0,
  personalContact: 0,
  referral: 0,
  reminder: 0,
  amount: 0,
  componentSum: 0,
  hasComponents: false,
  agreement: undefined,
  response: undefined,
  municipality: undefined,
  type: undefined,
  onBehalfOf: undefined,
  present: 0,
};

const BSN = fieldBit('bsn');
const PERSON = fieldBit('person');
const ADDRESS = fieldBit('address');
const PHONE = fieldBit('phone');
const EMAIL = fieldBit('email');
const AMOUNT = fieldBit('amount');
const COMPONENTS = fieldBit('components');
const CUSTOMER_NUMBER = fieldBit('customerNumber');
const BIRTH_DATE = fieldBit('birthDate');
const ARREAR_START_DATE = fieldBit('arrearStartDate');

export function push(list: Refusal[] | null, r: Refusal): Refusal[] {
  if (list === null) return [r];
  list.push(r);
  return list;
}

export function inputError(code: string, field: string | undefined, params: Record<string, string | number> = {}): Refusal {
  return makeRefusal(code, true, field, undefined, params);
}

export function isPlainObject(v: unknown): v is Bag {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function given(v: unknown): boolean {
  return v !== undefined && v !== null && v !== '';
}

/** The fields of the signal formats (SignalInput); anything else is refused rather than silently dropped. */
const KNOWN_FIELDS: ReadonlySet<string> = new Set([
  'reference', 'signalType', 'signalDate', 'municipalityCode', 'onBehalfOf', 'amount', 'components', 'arrearStartDate', 'bsn',
  'person', 'address', 'phone', 'email', 'customerNumber', 'birthDate', 'crisis', 'socialCollection',
]);
const KNOWN_PERSON: ReadonlySet<string> = new Set(['initials', 'givenName', 'prefix', 'surname']);
const KNOWN_ADDRESS: ReadonlySet<string> = new Set(['street', 'houseNumber', 'houseNumberAddition', 'postcode', 'city']);
const KNOWN_SOCIAL: ReadonlySet<string> = new Set([
  'personalContactAttemptedOn', 'debtAssistanceReferredOn', 'reminderSentOn', 'agreementOfferedInReminder', 'residentResponse',
]);

/**
 * Unknown keys, found cheaply: count the keys and compare with the number of known fields the
 * caller found defined; only on a mismatch (an unknown key, or a key holding undefined) look each
 * key up.
 */
function checkUnknown(out: Refusal[] | null, obj: Bag, knownSeen: number, known: ReadonlySet<string>, prefix: string): Refusal[] | null {
  let total = 0;
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  for (const _ in obj) total++;
  if (total === knownSeen) return out;
  for (const k in obj) if (obj[k] !== undefined && !known.has(k)) out = push(out, inputError('FIELD_UNKNOWN', prefix + k));
  return out;
}

function countKeys(obj: Bag): number {
  let n = 0;
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  for (const _ in obj) n++;
  return n;
}

function dateOf(out: Refusal[] | null, key: number, field: string): Refusal[] | null {
  return key === MALFORMED ? push(out, inputError('DATE_INVALID', field)) : out;
}

function checkSocialCollection(out: Refusal[] | null, sc: unknown): Refusal[] | null {
  parsed.personalContact = ABSENT;
  parsed.referral = ABSENT;
  parsed.reminder = ABSENT;
  parsed.agreement = undefined;
  parsed.response = undefined;
  if (sc === undefined || sc === null) return out;
  if (!isPlainObject(sc)) return push(out, inputError('FIELD_INVALID', 'socialCollection'));
  const contact = sc['personalContactAttemptedOn'];
  const referral = sc['debtAssistanceReferredOn'];
  const reminder = sc['reminderSentOn'];
  const agreement = sc['agreementOfferedInReminder'];
  const response = sc['residentResponse'];
  const seen =
    (contact !== undefined ? 1 : 0) +
    (referral !== undefined ? 1 : 0) +
    (reminder !== undefined ? 1 : 0) +
    (agreement !== undefined ? 1 : 0) +
    (response !== undefined ? 1 : 0);
  out = checkUnknown(out, sc, seen, KNOWN_SOCIAL, 'socialCollection.');
  parsed.personalContact = dateKey(contact);
  out = dateOf(out, parsed.personalContact, 'socialCollection.personalContactAttemptedOn');
  parsed.referral = dateKey(referral);
  out = dateOf(out, parsed.referral, 'socialCollection.debtAssistanceReferredOn');
  parsed.reminder = dateKey(reminder);
  out = dateOf(out, parsed.reminder, 'socialCollection.reminderSentOn');
  if (agreement !== undefined && agreement !== null && typeof agreement !== 'boolean') {
    out = push(out, inputError('FLAG_INVALID', 'socialCollection.agreementOfferedInReminder'));
    parsed.agreement = MALFORMED;
  } else parsed.agreement = agreement;
  if (!given(response)) parsed.response = undefined;
  else if (response === 'none' || response === 'not_negative' || response === 'objected') parsed.response = response;
  else {
    out = push(out, inputError('RESIDENT_RESPONSE_INVALID', 'socialCollection.residentResponse'));
    parsed.response = MALFORMED;
  }
  return out;
}

function checkComponents(out: Refusal[] | null, components: unknown): Refusal[] | null {
  parsed.componentSum = 0;
  parsed.hasComponents = false;
  if (components === undefined || components === null) return out;
  if (!isPlainObject(components)) return push(out, inputError('COMPONENTS_INVALID', 'components'));
  for (const kind in components) {
    const value = parseAmount(components[kind]);
    if (value < 0) out = push(out, inputError('AMOUNT_INVALID', `components.${kind}`));
    else {
      parsed.componentSum += value;
      parsed.hasComponents = true;
    }
  }
  return out;
}

/** Checks the syntax of every value of the signal and fills `parsed`. */
export function checkSignalInput(s: Bag): Refusal[] | null {
  let out: Refusal[] | null = null;
  let known = 0;
  let present = 0;

  const reference = s['reference'];
  if (reference !== undefined) known++;
  if (!isNonBlank(reference)) out = push(out, inputError('REFERENCE_MISSING', 'reference'));

  const type = s['signalType'];
  if (type !== undefined) known++;
  parsed.type = typeof type === 'string' ? type : undefined;
  if (!isNonBlank(type)) out = push(out, inputError('SIGNAL_TYPE_MISSING', 'signalType'));

  const signalDate = s['signalDate'];
  if (signalDate !== undefined) known++;
  parsed.date = dateKey(signalDate);
  if (parsed.date < 0) out = push(out, inputError('DATE_INVALID', 'signalDate'));

  const code = s['municipalityCode'];
  if (code !== undefined) known++;
  parsed.municipality = undefined;
  if (!given(code)) out = push(out, inputError('MUNICIPALITY_MISSING', 'municipalityCode'));
  else if (!isMunicipalityCode(code)) out = push(out, inputError('MUNICIPALITY_CODE_INVALID', 'municipalityCode'));
  else parsed.municipality = code as string;

  const bsn = s['bsn'];
  if (bsn !== undefined) known++;
  if (given(bsn)) {
    present |= BSN;
    if (!isValidBsn(bsn)) out = push(out, inputError('BSN_INVALID', 'bsn'));
  }

  const address = s['address'];
  if (address !== undefined) known++;
  if (address !== undefined && address !== null) {
    if (!isPlainObject(address)) out = push(out, inputError('FIELD_INVALID', 'address'));
    else {
      const street = address['street'];
      const houseNumber = address['houseNumber'];
      const addition = address['houseNumberAddition'];
      const pc = address['postcode'];
      const city = address['city'];
      const seen =
        (street !== undefined ? 1 : 0) +
        (houseNumber !== undefined ? 1 : 0) +
        (addition !== undefined ? 1 : 0) +
        (pc !== undefined ? 1 : 0) +
        (city !== undefined ? 1 : 0);
      out = checkUnknown(out, address, seen, KNOWN_ADDRESS, 'address.');
      if (given(street) || given(houseNumber) || given(addition) || given(pc) || given(city) || seen !== countKeys(address)) present |= ADDRESS;
      if (given(pc) && !isValidPostcode(pc)) out = push(out, inputError('POSTCODE_INVALID', 'address.postcode'));
    }
  }

  const person = s['person'];
  if (person !== undefined) known++;
  if (person !== undefined && person !== null) {
    if (!isPlainObject(person)) out = push(out, inputError('FIELD_INVALID', 'person'));
    else {
      const initials = person['initials'];
      const givenName = person['givenName'];
      const prefix = person['prefix'];
      const surname = person['surname'];
      const seen = (initials !== undefined ? 1 : 0) + (givenName !== undefined ? 1 : 0) + (prefix !== undefined ? 1 : 0) + (surname !== undefined ? 1 : 0);
      out = checkUnknown(out, person, seen, KNOWN_PERSON, 'person.');
      if (given(initials) || given(givenName) || given(prefix) || given(surname) || seen !== countKeys(person)) present |= PERSON;
    }
  }

  const phone = s['phone'];
  const email = s['email'];
  const customerNumber = s['customerNumber'];
  const onBehalfOf = s['onBehalfOf'];
  if (phone !== undefined) known++;
  if (email !== undefined) known++;
  if (customerNumber !== undefined) known++;
  if (onBehalfOf !== undefined) known++;
  if (phone !== undefined && phone !== null && typeof phone !== 'string') out = push(out, inputError('FIELD_INVALID', 'phone'));
  if (email !== undefined && email !== null && typeof email !== 'string') out = push(out, inputError('FIELD_INVALID', 'email'));
  if (customerNumber !== undefined && customerNumber !== null && typeof customerNumber !== 'string') out = push(out, inputError('FIELD_INVALID', 'customerNumber'));
  if (onBehalfOf !== undefined && onBehalfOf !== null && typeof onBehalfOf !== 'string') out = push(out, inputError('FIELD_INVALID', 'onBehalfOf'));
  parsed.onBehalfOf = typeof onBehalfOf === 'string' && onBehalfOf !== '' ? onBehalfOf : undefined;
  if (given(phone)) present |= PHONE;
  if (given(email)) present |= EMAIL;
  if (given(customerNumber)) present |= CUSTOMER_NUMBER;

  const amount = s['amount'];
  if (amount !== undefined) known++;
  if (given(amount)) present |= AMOUNT;
  parsed.amount = parseAmount(amount);
  if (parsed.amount === MALFORMED) out = push(out, inputError('AMOUNT_INVALID', 'amount'));

  const components = s['components'];
  if (components !== undefined) known++;
  out = checkComponents(out, components);
  if (components !== undefined && components !== null && (typeof components !== 'object' || countKeys(components as Bag) > 0)) present |= COMPONENTS;

  const arrearStart = s['arrearStartDate'];
  if (arrearStart !== undefined) known++;
  if (given(arrearStart)) present |= ARREAR_START_DATE;
  parsed.arrearStart = dateKey(arrearStart);
  out = dateOf(out, parsed.arrearStart, 'arrearStartDate');
  if (parsed.arrearStart > 0 && parsed.date > 0 && parsed.arrearStart > parsed.date) {
    out = push(out, inputError('ARREAR_START_AFTER_SIGNAL_DATE', 'arrearStartDate'));
  }

  const birthDate = s['birthDate'];
  if (birthDate !== undefined) known++;
  if (given(birthDate)) present |= BIRTH_DATE;
  out = dateOf(out, dateKey(birthDate), 'birthDate');

  const crisis = s['crisis'];
  if (crisis !== undefined) known++;
  if (crisis !== undefined && crisis !== null && typeof crisis !== 'boolean') out = push(out, inputError('FLAG_INVALID', 'crisis'));

  const sc = s['socialCollection'];
  if (sc !== undefined) known++;
  out = checkSocialCollection(out, sc);

  parsed.present = present;
  return checkUnknown(out, s, known, KNOWN_FIELDS, '');
}
