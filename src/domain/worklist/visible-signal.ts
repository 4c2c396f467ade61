import type { DataCategory } from '../signals/signal.ts';

/** A stored signal as the repository gives it (snake_case columns). */
export interface StoredSignalFields {
  id: string;
  signal_type: string;
  signal_date: string;
  crisis: boolean;
  amount_cents: string | null;
  components: unknown;
  arrear_start_date: string | null;
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
}

/** What a worker sees of a signal: its facts, and personal data only in the categories its rule allowed. */
export interface VisibleSignal {
  id: string;
  signalType: string;
  signalDate: string;
  crisis: boolean;
  categories: readonly DataCategory[];
  bsn?: string | null;
  name?: string;
  address?: string;
  phone?: string | null;
  email?: string | null;
  amountCents?: number | null;
  components?: Record<string, number>;
  customerNumber?: string | null;
  arrearStartDate?: string | null;
}

/**
 * Keeps exactly the data the regulation allowed the sender to provide (the rule's data
 * categories, e.g. TR art. 2.2: contact details and amount, no BSN). Intake refuses anything
 * else already; this makes the screen show no more than the law allows even if a row held more.
 */
export function visibleSignalFields(s: StoredSignalFields, categories: readonly DataCategory[]): VisibleSignal {
  const has = (c: DataCategory) => categories.includes(c);
  const v: VisibleSignal = { id: String(s.id), signalType: s.signal_type, signalDate: String(s.signal_date).slice(0, 10), crisis: s.crisis, categories };
  if (has('bsn')) v.bsn = s.bsn;
  if (has('contact_details')) {
    v.name = [s.initials ?? s.given_name, s.prefix, s.surname].filter(Boolean).join(' ');
    v.address = [[s.street, [s.house_number, s.house_number_addition].filter(Boolean).join(' ')].filter(Boolean).join(' '), [s.postcode, s.city].filter(Boolean).join(' ')].filter(Boolean).join(', ');
    v.phone = s.phone;
    v.email = s.email;
  }
  if (has('arrear_amount')) {
    v.amountCents = s.amount_cents === null ? null : Number(s.amount_cents);
    const comp = typeof s.components === 'string' ? (JSON.parse(s.components) as unknown) : s.components;
    if (comp && typeof comp === 'object') v.components = Object.fromEntries(Object.entries(comp as Record<string, unknown>).map(([k, x]) => [k, Number(x)]));
  }
  if (has('customer_number')) v.customerNumber = s.customer_number;
  if (has('arrear_start_date')) v.arrearStartDate = s.arrear_start_date;
  return v;
}
