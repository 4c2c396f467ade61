import { ABSENT, dateKey, isMunicipalityCode, isNonBlank, isValidBsn, isValidPostcode, MALFORMED, parseAmount } from './input-checks.ts';
import { fieldBit } from './field-keys.ts';
import type { Refusal } from './judgement.ts';
import { makeRefusal } from './refusal-factory.ts';

/**
 * The rule-independent part of judging a signal: the syntax of every value (input errors) and the
 * values parsed once for the rule checks.
 *
 * Each object is read in one pass over its own keys (`for…in` + `switch`): signals arrive in many
 * shapes (CSV columns, JSON key orders), and reading the keys that are there is cheaper than
 * probing every possible field; an unknown key falls out of the same pass.
 */

export type Bag = Record<string, unknown>;

export interface ParsedSignal {
  /** YYYYMMDD keys; ABSENT or MALFORMED when not a date. */
  date: number;
  arrearStart: number;
  supplyEnd: number;
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
  /** The attestation codes given (an array of strings), if any. */
  attestations: readonly string[] | undefined;
  /** Bits (fieldBit) of the personal-data fields that carry a value. */
  present: number;
  /** The input errors found (null: none); the evaluator adds what the rules refuse. */
  refusals: Refusal[] | null;
}

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
const SUPPLY_END_DATE = fieldBit('supplyEndDate');

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

function unknownField(out: Refusal[] | null, field: string, v: unknown): Refusal[] | null {
  // A field no intake format knows is refused, never silently stored.
  return v === undefined ? out : push(out, inputError('FIELD_UNKNOWN', field));
}

function dateOf(out: Refusal[] | null, key: number, field: string): Refusal[] | null {
  return key === MALFORMED ? push(out, inputError('DATE_INVALID', field)) : out;
}

function stringField(out: Refusal[] | null, v: unknown, field: string): Refusal[] | null {
  return v !== undefined && v !== null && typeof v !== 'string' ? push(out, inputError('FIELD_INVALID', field)) : out;
}

/** The person's keys: names are read, others refused; sets the PERSON bit when one carries a value. */
function checkPerson(p: ParsedSignal, out: Refusal[] | null, person: Bag): Refusal[] | null {
  let any = false;
  for (const k in person) {
    const v = person[k];
    switch (k) {
      case 'initials':
      case 'givenName':
      case 'prefix':
      case 'surname':
        if (given(v)) any = true;
        break;
      default:
        if (given(v)) any = true;
        out = unknownField(out, `person.${k}`, v);
    }
  }
  if (any) p.present |= PERSON;
  return out;
}

/** The address's keys: the postcode is checked, others refused; sets the ADDRESS bit when one carries a value. */
function checkAddress(p: ParsedSignal, out: Refusal[] | null, address: Bag): Refusal[] | null {
  let any = false;
  for (const k in address) {
    const v = address[k];
    switch (k) {
      case 'postcode':
        if (given(v)) {
          any = true;
          if (!isValidPostcode(v)) out = push(out, inputError('POSTCODE_INVALID', 'address.postcode'));
        }
        break;
      case 'street':
      case 'houseNumber':
      case 'houseNumberAddition':
      case 'city':
        if (given(v)) any = true;
        break;
      default:
        if (given(v)) any = true;
        out = unknownField(out, `address.${k}`, v);
    }
  }
  if (any) p.present |= ADDRESS;
  return out;
}

function checkSocialCollection(p: ParsedSignal, out: Refusal[] | null, sc: unknown): Refusal[] | null {
  if (sc === undefined || sc === null) return out;
  if (!isPlainObject(sc)) return push(out, inputError('FIELD_INVALID', 'socialCollection'));
  for (const k in sc) {
    const v = sc[k];
    switch (k) {
      case 'personalContactAttemptedOn':
        p.personalContact = dateKey(v);
        out = dateOf(out, p.personalContact, 'socialCollection.personalContactAttemptedOn');
        break;
      case 'debtAssistanceReferredOn':
        p.referral = dateKey(v);
        out = dateOf(out, p.referral, 'socialCollection.debtAssistanceReferredOn');
        break;
      case 'reminderSentOn':
        p.reminder = dateKey(v);
        out = dateOf(out, p.reminder, 'socialCollection.reminderSentOn');
        break;
      case 'agreementOfferedInReminder':
        if (v !== undefined && v !== null && typeof v !== 'boolean') {
          out = push(out, inputError('FLAG_INVALID', 'socialCollection.agreementOfferedInReminder'));
          p.agreement = MALFORMED;
        } else p.agreement = v;
        break;
      case 'residentResponse':
        if (!given(v)) p.response = undefined;
        else if (v === 'none' || v === 'not_negative' || v === 'objected') p.response = v;
        else {
          out = push(out, inputError('RESIDENT_RESPONSE_INVALID', 'socialCollection.residentResponse'));
          p.response = MALFORMED;
        }
        break;
      default:
        out = unknownField(out, `socialCollection.${k}`, v);
    }
  }
  return out;
}

function checkComponents(p: ParsedSignal, out: Refusal[] | null, components: unknown): Refusal[] | null {
  if (components === undefined || components === null) return out;
  if (!isPlainObject(components)) {
    p.present |= COMPONENTS;
    return push(out, inputError('COMPONENTS_INVALID', 'components'));
  }
  for (const kind in components) {
    const value = parseAmount(components[kind]);
    p.present |= COMPONENTS;
    if (value < 0) out = push(out, inputError('AMOUNT_INVALID', `components.${kind}`));
    else {
      p.componentSum += value;
      p.hasComponents = true;
    }
  }
  return out;
}

/** Attestations: a list of codes. Anything else is an input error (the rule checks need the codes). */
function checkAttestations(p: ParsedSignal, out: Refusal[] | null, v: unknown): Refusal[] | null {
  if (v === undefined || v === null) return out;
  if (!Array.isArray(v) || !v.every((x) => typeof x === 'string')) return push(out, inputError('FIELD_INVALID', 'attestations'));
  if (v.length > 0) p.attestations = v as string[];
  return out;
}

/** A ParsedSignal with nothing read yet (`reset` adds the fields in one order, so every such object has one shape). */
export function emptyParsedSignal(): ParsedSignal {
  return reset({} as ParsedSignal);
}

/** Sets every field back to "nothing read", so a caller's scratch object can be used again. */
function reset(p: ParsedSignal): ParsedSignal {
  p.date = ABSENT;
  p.arrearStart = ABSENT;
  p.supplyEnd = ABSENT;
  p.personalContact = ABSENT;
  p.referral = ABSENT;
  p.reminder = ABSENT;
  p.amount = ABSENT;
  p.componentSum = 0;
  p.hasComponents = false;
  p.agreement = undefined;
  p.response = undefined;
  p.municipality = undefined;
  p.type = undefined;
  p.onBehalfOf = undefined;
  p.attestations = undefined;
  p.present = 0;
  p.refusals = null;
  return p;
}

/**
 * Checks the syntax of every value of the signal and returns the values parsed for the rule checks
 * (with the input errors), written into `into` when given: a judge that owns one scratch object
 * judges a million signals without allocating one per signal.
 */
export function checkSignalInput(s: Bag, into?: ParsedSignal): ParsedSignal {
  const p = into === undefined ? emptyParsedSignal() : reset(into);
  let out: Refusal[] | null = null;
  let reference: unknown;
  let type: unknown;
  let signalDate: unknown;
  let code: unknown;
  let bsn: unknown;
  let person: unknown;
  let address: unknown;
  let amount: unknown;
  let components: unknown;
  let arrearStart: unknown;
  let supplyEnd: unknown;
  let birthDate: unknown;
  let onBehalfOf: unknown;
  let sc: unknown;
  let present = 0;

  for (const k in s) {
    const v = s[k];
    switch (k) {
      case 'reference': reference = v; break;
      case 'signalType': type = v; break;
      case 'signalDate': signalDate = v; break;
      case 'municipalityCode': code = v; break;
      case 'bsn': bsn = v; break;
      case 'person': person = v; break;
      case 'address': address = v; break;
      case 'amount': amount = v; break;
      case 'components': components = v; break;
      case 'arrearStartDate': arrearStart = v; break;
      case 'supplyEndDate': supplyEnd = v; break;
      case 'socialCollection': sc = v; break;
      case 'onBehalfOf': onBehalfOf = v; break;
      case 'birthDate': birthDate = v; break;
      case 'attestations': out = checkAttestations(p, out, v); break;
      case 'phone':
        if (given(v)) present |= PHONE;
        out = stringField(out, v, 'phone');
        break;
      case 'email':
        if (given(v)) present |= EMAIL;
        out = stringField(out, v, 'email');
        break;
      case 'customerNumber':
        if (given(v)) present |= CUSTOMER_NUMBER;
        out = stringField(out, v, 'customerNumber');
        break;
      case 'crisis':
        if (v !== undefined && v !== null && typeof v !== 'boolean') out = push(out, inputError('FLAG_INVALID', 'crisis'));
        break;
      default:
        out = unknownField(out, k, v);
    }
  }

  if (!isNonBlank(reference)) out = push(out, inputError('REFERENCE_MISSING', 'reference'));

  p.type = typeof type === 'string' ? type : undefined;
  if (!isNonBlank(type)) out = push(out, inputError('SIGNAL_TYPE_MISSING', 'signalType'));

  p.date = dateKey(signalDate);
  if (p.date < 0) out = push(out, inputError('DATE_INVALID', 'signalDate'));

  if (!given(code)) out = push(out, inputError('MUNICIPALITY_MISSING', 'municipalityCode'));
  else if (!isMunicipalityCode(code)) out = push(out, inputError('MUNICIPALITY_CODE_INVALID', 'municipalityCode'));
  else p.municipality = code as string;

  if (given(bsn)) {
    present |= BSN;
    if (!isValidBsn(bsn)) out = push(out, inputError('BSN_INVALID', 'bsn'));
  }

  if (address !== undefined && address !== null) {
    if (!isPlainObject(address)) {
      present |= ADDRESS;
      out = push(out, inputError('FIELD_INVALID', 'address'));
    } else out = checkAddress(p, out, address);
  }

  if (person !== undefined && person !== null) {
    if (!isPlainObject(person)) {
      present |= PERSON;
      out = push(out, inputError('FIELD_INVALID', 'person'));
    } else out = checkPerson(p, out, person);
  }

  out = stringField(out, onBehalfOf, 'onBehalfOf');
  p.onBehalfOf = typeof onBehalfOf === 'string' && onBehalfOf !== '' ? onBehalfOf : undefined;

  if (given(amount)) present |= AMOUNT;
  p.amount = parseAmount(amount);
  if (p.amount === MALFORMED) out = push(out, inputError('AMOUNT_INVALID', 'amount'));

  if (given(arrearStart)) present |= ARREAR_START_DATE;
  p.arrearStart = dateKey(arrearStart);
  out = dateOf(out, p.arrearStart, 'arrearStartDate');
  if (p.arrearStart > 0 && p.date > 0 && p.arrearStart > p.date) {
    out = push(out, inputError('ARREAR_START_AFTER_SIGNAL_DATE', 'arrearStartDate'));
  }

  if (given(supplyEnd)) present |= SUPPLY_END_DATE;
  p.supplyEnd = dateKey(supplyEnd);
  out = dateOf(out, p.supplyEnd, 'supplyEndDate');

  if (given(birthDate)) {
    present |= BIRTH_DATE;
    out = dateOf(out, dateKey(birthDate), 'birthDate');
  }

  p.present |= present;
  out = checkComponents(p, out, components);
  p.refusals = checkSocialCollection(p, out, sc);
  return p;
}
