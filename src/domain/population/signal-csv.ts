/**
 * One SignalInput as one line of the batch CSV format (src/domain/signals/csv-columns.ts). The
 * readable reference version: csv-encoder.ts writes the same bytes much faster for scale data.
 * The output reads back with csvRecordToSignal into the same signal.
 */
import { CSV_COLUMNS } from '../signals/csv-columns.ts';
import type { SignalInput } from '../signals/signal.ts';
import { eurosText } from './csv-encoder.ts';

const NEEDS_QUOTES = /[",\r\n]/;

/** RFC 4180: quote a cell holding a comma, quote or line break; double the quotes inside. */
export function csvCell(value: string): string {
  if (!NEEDS_QUOTES.test(value)) return value;
  return `"${value.replace(/"/g, '""')}"`;
}

export const CSV_HEADER_LINE = `${CSV_COLUMNS.join(',')}\n`;

/** Euros with two decimals and a dot, as the batch format asks ('812.50'). */
function euros(v: string | number): string {
  return typeof v === 'string' ? v : eurosText(v);
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
  return out;
}

/** The cells of one signal, unquoted, in CSV_COLUMNS order (a test keeps the two in step). */
function cells(s: SignalInput): string[] {
  const p = s.person;
  const a = s.address;
  const sc = s.socialCollection;
  return [
    s.reference, s.signalType, s.signalDate, s.municipalityCode ?? '', s.onBehalfOf ?? '',
    s.amount === undefined ? '' : euros(s.amount), components(s.components), s.arrearStartDate ?? '', s.bsn ?? '',
    p?.initials ?? '', p?.givenName ?? '', p?.prefix ?? '', p?.surname ?? '',
    a?.street ?? '', a?.houseNumber ?? '', a?.houseNumberAddition ?? '', a?.postcode ?? '', a?.city ?? '',
    s.phone ?? '', s.email ?? '', s.customerNumber ?? '', s.birthDate ?? '', flag(s.crisis),
    sc?.personalContactAttemptedOn ?? '', sc?.debtAssistanceReferredOn ?? '', sc?.reminderSentOn ?? '',
    flag(sc?.agreementOfferedInReminder), sc?.residentResponse ?? '',
  ];
}

/** The line for one signal, ending in '\n'. */
export function signalToCsvLine(s: SignalInput): string {
  return `${cells(s).map(csvCell).join(',')}\n`;
}
