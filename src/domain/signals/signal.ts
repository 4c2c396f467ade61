import { fieldPlace, SIGNAL_FIELDS } from './signal-fields.ts';

/**
 * A signal as a sender (creditor, or a processor acting for one) delivers it, before it is judged.
 *
 * The shape is the same for every intake channel (API JSON, CSV row, JSON Lines row), so that the
 * evaluator, the `check` CLI and intake all judge exactly the same thing. Values arrive as the
 * sender wrote them (strings where a file gives strings); the evaluator reports malformed values
 * as input errors instead of the parser throwing them away.
 */

/** Categories of personal data a regulation may allow a sender to pass (the field whitelist). */
export const DATA_CATEGORIES = [
  'bsn', // burgerservicenummer
  'contact_details', // name, address, phone, e-mail (contactgegevens)
  'arrear_amount', // hoogte van de betalingsachterstand, incl. its breakdown
  'customer_number', // klantnummer (drinking water, Besluit)
  'birth_date', // never designated so far: present so that a sender who sends it is refused, not silently stored
  'arrear_start_date', // ontstaansdatum of the arrear (DDAS); evidence for age-of-arrear thresholds
  'supply_end_date', // the day supply under the contract ends (energy end-of-supply signal)
] as const;
export type DataCategory = (typeof DATA_CATEGORIES)[number];

export interface SignalAddress {
  street?: string;
  houseNumber?: string;
  houseNumberAddition?: string;
  postcode?: string;
  city?: string;
}

export interface SignalPerson {
  initials?: string;
  givenName?: string;
  prefix?: string; // tussenvoegsel
  surname?: string;
}

/** Evidence of social collection (TR art. 1.2 and the matching Besluit provisions). */
export interface SocialCollection {
  /** a. date of the (last) effort to get into personal contact with the resident. */
  personalContactAttemptedOn?: string;
  /** b. date on which the resident was pointed to debt assistance. */
  debtAssistanceReferredOn?: string;
  /** c. date of the (first) written reminder about the arrear. */
  reminderSentOn?: string;
  /** d. the reminder offered to pass contact details to the municipality with the resident's agreement. */
  agreementOfferedInReminder?: boolean;
  /** d. how the resident responded to that offer. 'objected' means nothing may be provided. */
  residentResponse?: 'none' | 'not_negative' | 'objected';
}

export interface SignalInput {
  /** The sender's own reference; unique per sender. Idempotency key. */
  reference: string;
  /** Signal type code as defined in the rule data, e.g. 'municipal_tax', 'mortgage', 'rent'. */
  signalType: string;
  /** Date on which the sender provides the signal (DDAS signaaldatum), YYYY-MM-DD. */
  signalDate: string;
  /** CBS code of the receiving municipality, e.g. 'GM0363'. May be left to routing by address. */
  municipalityCode?: string;
  /** When a processor sends: the id of the creditor organisation it acts for. */
  onBehalfOf?: string;
  /** Total arrear in euros (decimal string or number as delivered). */
  amount?: string | number;
  /** Breakdown of the arrear by component kind, e.g. { municipal_tax: 250, parking_fine: 90 }. */
  components?: Record<string, string | number>;
  /** DDAS ontstaansdatum: date on which the (oldest part of the) arrear arose. */
  arrearStartDate?: string;
  bsn?: string;
  person?: SignalPerson;
  address?: SignalAddress;
  phone?: string;
  email?: string;
  customerNumber?: string;
  birthDate?: string;
  /** The day supply under the contract ends (end-of-supply signal, Regeling afsluitbeleid), YYYY-MM-DD. */
  supplyEndDate?: string;
  /**
   * Statements the sender makes about the arrear that a designation requires and the platform cannot
   * check itself, as codes from the rule data (e.g. 'no_deferral_granted' for TR art. 2.5 lid 1 a).
   */
  attestations?: string[];
  /** DDAS crisissignaal: the sender reports a threatening situation (eviction, cut-off, end of insurance). */
  crisis?: boolean;
  socialCollection?: SocialCollection;
}

/**
 * Which data category each personal-data field of a SignalInput belongs to, by top-level key (a
 * nested object such as `person` is one field of the whitelist). Derived from the field table.
 */
export const FIELD_CATEGORY: Readonly<Record<string, DataCategory>> = Object.freeze(
  Object.fromEntries(
    SIGNAL_FIELDS.filter((f) => f.category !== null).map((f) => {
      const { group, key } = fieldPlace(f);
      return [group ?? key, f.category as DataCategory];
    }),
  ),
);
