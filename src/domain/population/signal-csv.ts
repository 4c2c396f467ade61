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
  if (typeof v === 'string') return v;
  const cents = Math.round(v * 100);
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  const c = abs % 100;
  return `${sign}${(abs - c) / 100}.${c < 10 ? '0' : ''}${c}`;
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

const COLUMN_COUNT = CSV_COLUMNS.length;

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

/**
 * True when the joined line needs no quoting: exactly one comma per cell boundary and no quote
 * or line break anywhere. One scan of the line is cheaper than testing 28 cells one by one.
 */
function plain(line: string): boolean {
  let commas = 0;
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c === 44) commas++;
    else if (c === 34 || c === 10 || c === 13) return false;
  }
  return commas === COLUMN_COUNT - 1;
}

/** The line for one signal, ending in '\n'. */
export function signalToCsvLine(s: SignalInput): string {
  const p = s.person;
  const a = s.address;
  const sc = s.socialCollection;
  // The common case builds the line in one template (no array); the rare cell with a comma,
  // quote or line break takes the quoting path.
  const line =
    `${s.reference},${s.signalType},${s.signalDate},${s.municipalityCode ?? ''},${s.onBehalfOf ?? ''},` +
    `${s.amount === undefined ? '' : euros(s.amount)},${components(s.components)},${s.arrearStartDate ?? ''},${s.bsn ?? ''},` +
    `${p?.initials ?? ''},${p?.givenName ?? ''},${p?.prefix ?? ''},${p?.surname ?? ''},` +
    `${a?.street ?? ''},${a?.houseNumber ?? ''},${a?.houseNumberAddition ?? ''},${a?.postcode ?? ''},${a?.city ?? ''},` +
    `${s.phone ?? ''},${s.email ?? ''},${s.customerNumber ?? ''},${s.birthDate ?? ''},${flag(s.crisis)},` +
    `${sc?.personalContactAttemptedOn ?? ''},${sc?.debtAssistanceReferredOn ?? ''},${sc?.reminderSentOn ?? ''},` +
    `${flag(sc?.agreementOfferedInReminder)},${sc?.residentResponse ?? ''}`;
  if (plain(line)) return `${line}\n`;
  return `${cells(s).map(csvCell).join(',')}\n`;
}
