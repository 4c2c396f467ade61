import type { LocalizedText } from '../i18n/index.ts';
import type { RetentionPolicy } from './retention.ts';

/**
 * Everything the platform holds about one person in one municipality (art. 15 AVG): the signals
 * with their personal data and source, the cases, every record kept about those cases, the
 * processing log, the purpose and the retention terms.
 */
export interface AccessDocument {
  generatedAt: string;
  municipalityCode: string;
  foundBy: 'bsn' | 'address';
  purpose: LocalizedText;
  retention: RetentionPolicy;
  signals: AccessSignal[];
  cases: AccessCase[];
  /** Records other parts of the platform keep about these cases and signals, per table. */
  records: Record<string, unknown[]>;
  processing: Array<{ at: string; activity: string; actorType: string; organisation: string | null; outcome: string }>;
  /** true when the processing log was cut off at its limit. */
  processingTruncated: boolean;
  /** The person's objections registered with this municipality (art. 21 AVG). */
  objections: Array<{ registeredAt: string; reason: string | null }>;
}

export interface AccessSignal {
  id: string;
  /** The organisation that sent it (the source of the data, art. 15(1)(g) AVG). */
  sender: string;
  creditor: string;
  reference: string;
  signalType: string;
  signalDate: string;
  receivedAt: string;
  status: string;
  amountEuros: string | null;
  bsn: string | null;
  person: { initials: string | null; givenName: string | null; prefix: string | null; surname: string | null };
  address: { street: string | null; houseNumber: string | null; houseNumberAddition: string | null; postcode: string | null; city: string | null };
  phone: string | null;
  email: string | null;
  customerNumber: string | null;
  caseId: string | null;
}

export interface AccessCase {
  id: string;
  status: string;
  openedAt: string;
  signalCount: number;
  signalTypes: string[];
  deadline: string;
  pickedUpOn: string | null;
  result: string | null;
  closedAt: string | null;
  flags: { multiple: boolean; consecutive: boolean; crisis: boolean; knownViaStandardSignals: boolean };
}

export const ACCESS_PURPOSE = {
  nl: 'Vroegsignalering van schulden: de gemeente biedt hulp aan na een signaal van een betalingsachterstand (art. 3 lid 2 Wet gemeentelijke schuldhulpverlening; Besluit gemeentelijke schuldhulpverlening; Tijdelijke regeling signaal betalingsachterstanden).',
  en: 'Early signalling of debts: the municipality offers help after a signal of a payment arrear (art. 3(2) Wet gemeentelijke schuldhulpverlening; Besluit gemeentelijke schuldhulpverlening; Tijdelijke regeling signaal betalingsachterstanden).',
};

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

export interface SignalRowLike {
  id: string;
  sender_org_id: string;
  creditor_org_id: string;
  reference: string;
  signal_type: string;
  signal_date: string;
  received_at: Date;
  status: string;
  amount_cents: string | null;
  bsn: string | null;
  initials: string | null;
  given_name: string | null;
  prefix: string | null;
  surname: string | null;
  street: string | null;
  house_number: string | null;
  house_number_addition: string | null;
  postcode: string | null;
  city: string | null;
  phone: string | null;
  email: string | null;
  customer_number: string | null;
  case_id: string | null;
}

export interface CaseRowLike {
  id: string;
  status: string;
  opened_at: Date;
  signal_count: number;
  signal_types: string[];
  deadline: string;
  picked_up_on: string | null;
  result: string | null;
  closed_at: Date | null;
  multiple: boolean;
  consecutive: boolean;
  crisis: boolean;
  known_via_standard_signals: boolean;
}

export function toAccessSignal(s: SignalRowLike): AccessSignal {
  return {
    id: String(s.id),
    sender: s.sender_org_id,
    creditor: s.creditor_org_id,
    reference: s.reference,
    signalType: s.signal_type,
    signalDate: s.signal_date,
    receivedAt: iso(s.received_at)!,
    status: s.status,
    amountEuros: s.amount_cents === null ? null : (Number(s.amount_cents) / 100).toFixed(2),
    bsn: s.bsn,
    person: { initials: s.initials, givenName: s.given_name, prefix: s.prefix, surname: s.surname },
    address: { street: s.street, houseNumber: s.house_number, houseNumberAddition: s.house_number_addition, postcode: s.postcode, city: s.city },
    phone: s.phone,
    email: s.email,
    customerNumber: s.customer_number,
    caseId: s.case_id === null ? null : String(s.case_id),
  };
}

export function toAccessCase(c: CaseRowLike): AccessCase {
  return {
    id: String(c.id),
    status: c.status,
    openedAt: iso(c.opened_at)!,
    signalCount: c.signal_count,
    signalTypes: c.signal_types,
    deadline: c.deadline,
    pickedUpOn: c.picked_up_on,
    result: c.result,
    closedAt: iso(c.closed_at),
    flags: { multiple: c.multiple, consecutive: c.consecutive, crisis: c.crisis, knownViaStandardSignals: c.known_via_standard_signals },
  };
}
