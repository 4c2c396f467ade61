/**
 * One SignalInput as one line of the batch CSV format (src/domain/signals/csv-columns.ts), built by
 * hand: a general CSV library costs several times more per row, and scale data for benchmarks is
 * millions of rows. The output reads back with csvRecordToSignal into the same signal.
 */
import { CSV_COLUMNS } from '../signals/csv-columns.ts';
import type { SignalInput } from '../signals/signal.ts';

const NEEDS_QUOTES = /[",\r\n]/;

/** RFC 4180: quote a cell holding a comma, quote or line break; double the quotes inside. */
export function csvCell(value: string): string {
  if (!NEEDS_QUOTES.test(value)) return value;
  return `"${value.replace(/"/g, '""')}"`;
}

export const CSV_HEADER_LINE = `${CSV_COLUMNS.join(',')}\n`;

/** Euros with two decimals and a dot, as the batch format asks ('812.50'). */
function euros(v: string | number): string {
  if (typeof v === 'string') return csvCell(v);
  const cents = Math.round(v * 100);
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  const c = abs % 100;
  return `${sign}${(abs - c) / 100}.${c < 10 ? '0' : ''}${c}`;
}

function text(v: string | undefined): string {
  return v === undefined ? '' : csvCell(v);
}

function flag(v: boolean | undefined): string {
  if (v === undefined) return '';
  return v ? 'ja' : 'nee';
}

function components(c: Record<string, string | number> | undefined): string {
  if (c === undefined) return '';
  let out = '';
  for (const k in c) {
    const v = c[k] as string | number;
    out += `${out === '' ? '' : ';'}${k}=${typeof v === 'number' ? euros(v) : v}`;
  }
  return csvCell(out);
}

/**
 * The line for one signal, ending in '\n'. The cell order is CSV_COLUMNS; a test keeps the two
 * in step, because a hand-built line cannot look the order up without losing its speed.
 */
export function signalToCsvLine(s: SignalInput): string {
  const p = s.person;
  const a = s.address;
  const sc = s.socialCollection;
  return (
    `${text(s.reference)},${text(s.signalType)},${text(s.signalDate)},${text(s.municipalityCode)},${text(s.onBehalfOf)},` +
    `${s.amount === undefined ? '' : euros(s.amount)},${components(s.components)},${text(s.arrearStartDate)},${text(s.bsn)},` +
    `${text(p?.initials)},${text(p?.givenName)},${text(p?.prefix)},${text(p?.surname)},` +
    `${text(a?.street)},${text(a?.houseNumber)},${text(a?.houseNumberAddition)},${text(a?.postcode)},${text(a?.city)},` +
    `${text(s.phone)},${text(s.email)},${text(s.customerNumber)},${text(s.birthDate)},${flag(s.crisis)},` +
    `${text(sc?.personalContactAttemptedOn)},${text(sc?.debtAssistanceReferredOn)},${text(sc?.reminderSentOn)},` +
    `${flag(sc?.agreementOfferedInReminder)},${text(sc?.residentResponse)}\n`
  );
}
