/**
 * One SignalInput as one line of the batch CSV format (src/domain/signals/csv-columns.ts), built by
 * hand in one template: a general CSV library costs several times more per row, and scale data
 * for benchmarks is millions of rows. The line reads back with csvRecordToSignal into the same
 * signal (signal-csv.test.ts).
 */
import { CSV_COLUMNS } from '../signals/csv-columns.ts';
import type { SignalInput } from '../signals/signal.ts';

const NEEDS_QUOTES = /[",\r\n]/;

/** RFC 4180: quote a cell holding a comma, quote or line break; double the quotes inside. */
export function csvCell(value: string | undefined): string {
  if (value === undefined) return '';
  if (!NEEDS_QUOTES.test(value)) return value;
  return `"${value.replace(/"/g, '""')}"`;
}

export const CSV_HEADER_LINE = `${CSV_COLUMNS.join(',')}\n`;

/** Euros with two decimals and a dot, as the batch format asks ('812.50'). */
export function eurosText(v: number): string {
  const cents = Math.round(v * 100);
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  const c = abs % 100;
  return `${sign}${(abs - c) / 100}.${c < 10 ? '0' : ''}${c}`;
}

function amount(v: string | number | undefined): string {
  if (v === undefined) return '';
  return typeof v === 'number' ? eurosText(v) : csvCell(v);
}

function flag(v: boolean | undefined): string {
  if (v === undefined) return '';
  return v ? 'ja' : 'nee';
}

/** 'municipal_tax=250.00;parking_fine=90.00' */
function components(c: Record<string, string | number> | undefined): string {
  if (c === undefined) return '';
  let out = '';
  for (const k in c) {
    const v = c[k] as string | number;
    out += `${out === '' ? '' : ';'}${k}=${typeof v === 'number' ? eurosText(v) : v}`;
  }
  return csvCell(out);
}

/** 27 commas between 28 cells and no quote or line break anywhere: nothing needs quoting. */
const PLAIN_LINE = new RegExp(`^(?:[^,"\\r\\n]*,){${CSV_COLUMNS.length - 1}}[^,"\\r\\n]*$`);

function quoted(s: SignalInput): string {
  const p = s.person;
  const a = s.address;
  const sc = s.socialCollection;
  return (
    `${csvCell(s.reference)},${csvCell(s.signalType)},${csvCell(s.signalDate)},${csvCell(s.municipalityCode)},${csvCell(s.onBehalfOf)},` +
    `${amount(s.amount)},${components(s.components)},${csvCell(s.arrearStartDate)},${csvCell(s.bsn)},` +
    `${csvCell(p?.initials)},${csvCell(p?.givenName)},${csvCell(p?.prefix)},${csvCell(p?.surname)},` +
    `${csvCell(a?.street)},${csvCell(a?.houseNumber)},${csvCell(a?.houseNumberAddition)},${csvCell(a?.postcode)},${csvCell(a?.city)},` +
    `${csvCell(s.phone)},${csvCell(s.email)},${csvCell(s.customerNumber)},${csvCell(s.birthDate)},${flag(s.crisis)},` +
    `${csvCell(sc?.personalContactAttemptedOn)},${csvCell(sc?.debtAssistanceReferredOn)},${csvCell(sc?.reminderSentOn)},` +
    `${flag(sc?.agreementOfferedInReminder)},${csvCell(sc?.residentResponse)}\n`
  );
}

/**
 * The line for one signal, ending in '\n'. The cells follow CSV_COLUMNS; signal-csv.test.ts keeps
 * the two in step. The common case joins the cells unquoted and checks the whole line once, which
 * is cheaper than checking 28 cells; a line with a comma, quote or line break inside a cell is
 * rebuilt with quoting.
 */
export function signalToCsvLine(s: SignalInput): string {
  const p = s.person;
  const a = s.address;
  const sc = s.socialCollection;
  const line =
    `${s.reference},${s.signalType},${s.signalDate},${s.municipalityCode ?? ''},${s.onBehalfOf ?? ''},` +
    `${s.amount === undefined ? '' : typeof s.amount === 'number' ? eurosText(s.amount) : s.amount},${components(s.components)},${s.arrearStartDate ?? ''},${s.bsn ?? ''},` +
    `${p?.initials ?? ''},${p?.givenName ?? ''},${p?.prefix ?? ''},${p?.surname ?? ''},` +
    `${a?.street ?? ''},${a?.houseNumber ?? ''},${a?.houseNumberAddition ?? ''},${a?.postcode ?? ''},${a?.city ?? ''},` +
    `${s.phone ?? ''},${s.email ?? ''},${s.customerNumber ?? ''},${s.birthDate ?? ''},${flag(s.crisis)},` +
    `${sc?.personalContactAttemptedOn ?? ''},${sc?.debtAssistanceReferredOn ?? ''},${sc?.reminderSentOn ?? ''},` +
    `${flag(sc?.agreementOfferedInReminder)},${sc?.residentResponse ?? ''}`;
  return PLAIN_LINE.test(line) ? `${line}\n` : quoted(s);
}
