import type { Selectable } from 'kysely';
import type { SignalsTable } from '../../db/schema.ts';
import type { SignalInput } from '../../domain/signals/signal.ts';

type Row = Selectable<SignalsTable>;

const euros = (cents: string | number | null | undefined) => (cents === null || cents === undefined ? undefined : (Number(cents) / 100).toFixed(2));

function compact<T extends object>(o: T): T | undefined {
  const entries = Object.entries(o).filter(([, v]) => v !== undefined && v !== null);
  return entries.length ? (Object.fromEntries(entries) as T) : undefined;
}

/** A stored signal as the input it was accepted as, so that the rules can judge it again (e.g. after a move). */
export function signalInputFromRow(r: Row): SignalInput {
  const out: Record<string, unknown> = {
    reference: r.reference,
    signalType: r.signal_type,
    signalDate: r.signal_date,
    municipalityCode: r.municipality_code,
    onBehalfOf: r.on_behalf_of ?? undefined,
    amount: euros(r.amount_cents),
    components: r.components
      ? Object.fromEntries(Object.entries(r.components as Record<string, number | null>).map(([k, v]) => [k, euros(v) ?? '0.00']))
      : undefined,
    arrearStartDate: r.arrear_start_date ?? undefined,
    bsn: r.bsn ?? undefined,
    person: compact({ initials: r.initials ?? undefined, givenName: r.given_name ?? undefined, prefix: r.prefix ?? undefined, surname: r.surname ?? undefined }),
    address: compact({
      street: r.street ?? undefined,
      houseNumber: r.house_number ?? undefined,
      houseNumberAddition: r.house_number_addition ?? undefined,
      postcode: r.postcode ?? undefined,
      city: r.city ?? undefined,
    }),
    phone: r.phone ?? undefined,
    email: r.email ?? undefined,
    customerNumber: r.customer_number ?? undefined,
    crisis: r.crisis,
    socialCollection: compact({
      personalContactAttemptedOn: r.personal_contact_attempted_on ?? undefined,
      debtAssistanceReferredOn: r.debt_assistance_referred_on ?? undefined,
      reminderSentOn: r.reminder_sent_on ?? undefined,
      agreementOfferedInReminder: r.agreement_offered_in_reminder ?? undefined,
      residentResponse: (r.resident_response ?? undefined) as 'none' | 'not_negative' | 'objected' | undefined,
    }),
  };
  return compact(out) as unknown as SignalInput;
}
